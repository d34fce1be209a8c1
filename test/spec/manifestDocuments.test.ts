import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { formatInputError } from '../../src/spec/errors.js';
import { loadManifestDocs } from '../../src/spec/manifest/index.js';
import type { SourceDoc } from '../../src/spec/yamlSource.js';
import { errorsOf, load, loadOne, pod } from './manifestHelpers.js';

const POD = pod('  containers: [{ name: app, image: nginx }]\n');

describe('documents, kinds and apiVersions', () => {
  it('names the kinds podsim supports when it meets another', () => {
    expect(errorsOf('apiVersion: batch/v1\nkind: Job\nmetadata: { name: j }\n')).toEqual([
      'm.yaml:2:7: kind: Invalid value: "Job": podsim supports Pod, Deployment, ReplicaSet, ReplicationController, Service, ConfigMap, Secret, Namespace',
    ]);
  });

  it('checks that the apiVersion serves the kind', () => {
    expect(errorsOf(POD.replace('apiVersion: v1', 'apiVersion: apps/v1'))).toEqual([
      'm.yaml:1:13: apiVersion: Unsupported value: "apps/v1": supported values: "v1"',
    ]);
    expect(
      errorsOf('apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: d }\n'),
    ).toEqual([
      'm.yaml:1:13: apiVersion: Unsupported value: "extensions/v1beta1": supported values: "apps/v1"',
    ]);
  });

  it('requires kind and apiVersion', () => {
    expect(errorsOf('apiVersion: v1\nmetadata: { name: x }\n')).toEqual([
      'm.yaml:1:1: kind: Required value',
    ]);
    expect(errorsOf('kind: Pod\nmetadata: { name: x }\n')).toEqual([
      'm.yaml:1:1: apiVersion: Required value',
    ]);
    expect(errorsOf('apiVersion: v1\nkind: 5\n')).toEqual([
      'm.yaml:2:7: kind: Invalid value: 5: must be a string',
    ]);
  });

  it('skips empty documents and the podsim Scenario', () => {
    const text = `---\n---\napiVersion: podsim/v1alpha1\nkind: Scenario\nnodes: []\n---\n${POD}---\n`;
    const { objects, errors } = load(text);
    expect(errors).toEqual([]);
    expect(objects.map((o) => [o.kind, o.line])).toEqual([['Pod', 7]]);
  });

  it('rejects a Scenario with another apiVersion', () => {
    expect(errorsOf('apiVersion: podsim/v1\nkind: Scenario\n')).toEqual([
      'm.yaml:1:13: apiVersion: Unsupported value: "podsim/v1": supported values: "podsim/v1alpha1"',
    ]);
  });

  it('loads the items of a List as kubectl does, locating errors inside the item', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: { name: conf }
- apiVersion: v1
  kind: Pod
  metadata: { name: Bad_Name }
  spec: { containers: [{ name: app, image: nginx }] }
- null
`;
    const { objects, errors } = load(text);
    expect(objects.map((o) => [o.kind, o.line, o.col, o.object.metadata?.name])).toEqual([
      ['ConfigMap', 4, 3, 'conf'],
    ]);
    expect(objects[0]!.locate(['metadata', 'name'])).toEqual({ line: 6, col: 21 });
    expect(errors).toEqual([
      "m.yaml:9:21: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('requires a List to hold an array of items', () => {
    expect(errorsOf('apiVersion: v1\nkind: List\nitems: { a: 1 }\n')).toEqual([
      'm.yaml:3:8: items: Invalid value: {"a":1}: must be an array',
    ]);
  });
});

describe('wrong JSON types are located errors, never crashes', () => {
  it('reports a string where the containers list should be, and nothing more for it', () => {
    expect(errorsOf(pod('  containers: nginx\n'))).toEqual([
      'm.yaml:6:15: spec.containers: Invalid value: "nginx": must be an array',
    ]);
  });

  it('reports numbers as strings, fractions and overflows in integer fields', () => {
    const text = pod(`  terminationGracePeriodSeconds: "30"
  containers:
  - name: app
    image: 5
    ports: [{ containerPort: 1.5 }, { containerPort: 10000000000 }]
    readinessProbe: [exec]
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:34: spec.terminationGracePeriodSeconds: Invalid value: "30": must be an integer',
      'm.yaml:9:12: spec.containers[0].image: Invalid value: 5: must be a string',
      'm.yaml:10:30: spec.containers[0].ports[0].containerPort: Invalid value: 1.5: must be an integer',
      'm.yaml:10:54: spec.containers[0].ports[1].containerPort: Invalid value: 10000000000: must be a 32-bit integer',
      'm.yaml:11:21: spec.containers[0].readinessProbe: Invalid value: ["exec"]: must be an object',
    ]);
  });

  it('reports a whole section of the wrong type', () => {
    expect(errorsOf('apiVersion: v1\nkind: Pod\nmetadata: web\nspec: []\n')).toEqual([
      'm.yaml:3:11: metadata: Invalid value: "web": must be an object',
      'm.yaml:4:7: spec: Invalid value: []: must be an object',
    ]);
  });

  it('accepts markup and unicode only where the syntax allows it', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n').replace(
      'name: web',
      'name: "<script>"\n  labels: { tier: café }',
    );
    const errors = errorsOf(text);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(
      /^m\.yaml:4:9: metadata\.name: Invalid value: "<script>": a lowercase RFC 1123 subdomain/,
    );
    expect(errors[1]).toMatch(
      /^m\.yaml:5:19: metadata\.labels: Invalid value: "café": a valid label must be/,
    );
  });
});

describe('untrusted keys', () => {
  const doc = (value: unknown): SourceDoc => ({
    file: 'j.json',
    index: 0,
    value,
    locate: () => ({ line: 1, col: 1 }),
  });

  it('never assigns a __proto__ key through the prototype', () => {
    const value = JSON.parse(
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"__proto__":"x"}},"data":{"__proto__":"y"}}',
    ) as unknown;
    const { objects, errors } = loadManifestDocs([doc(value)]);
    expect(objects).toEqual([]);
    expect(errors.map(formatInputError)).toEqual([
      "j.json:1:1: metadata.labels: Invalid value: \"__proto__\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('keeps a label called constructor as an ordinary label', () => {
    const p = loadOne(
      POD.replace('name: web', 'name: web\n  labels: { constructor: x, toString: z }'),
    ).object as Pod;
    expect(p.metadata!.labels).toEqual({ constructor: 'x', toString: 'z' });
  });
});

describe('every error is reported, not only the first', () => {
  it('lists all the problems of a broken pod in API order', () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: Web
  labels: { app: "web server" }
spec:
  restartPolicy: Sometimes
  containers:
  - name: App
    ports: [{ containerPort: 0 }]
    resources: { limits: { cpu: lots } }
    livenessProbe: { periodSeconds: -1 }
  - name: App
    image: nginx
    volumeMounts: [{ name: data, mountPath: /data }]
`;
    expect(errorsOf(text)).toEqual([
      "m.yaml:4:9: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "m.yaml:5:18: metadata.labels: Invalid value: \"web server\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      "m.yaml:9:11: spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'm.yaml:9:5: spec.containers[0].image: Required value',
      'm.yaml:10:30: spec.containers[0].ports[0].containerPort: Required value',
      'm.yaml:11:33: spec.containers[0].resources.limits[cpu]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      'm.yaml:12:20: spec.containers[0].livenessProbe: Required value: must specify a handler type',
      'm.yaml:12:37: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      "m.yaml:13:11: spec.containers[1].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'm.yaml:15:28: spec.containers[1].volumeMounts[0].name: Not found: "data"',
      'm.yaml:13:11: spec.containers[1].name: Duplicate value: "App"',
      'm.yaml:7:18: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('reports the errors of every document and still loads the valid ones', () => {
    const text = `${POD}---\n${POD.replace('name: web', 'name: Web')}---\n${POD.replace('name: web', 'name: web2')}`;
    const { objects, errors } = load(text);
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['web', 'web2']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^m\.yaml:11:9: metadata\.name: Invalid value: "Web"/);
  });
});

describe('line breaks and byte-order marks kubectl accepts', () => {
  const cm = (name: string, data = '{a: b}'): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: ${data}\n`;
  const names = (text: string) =>
    load(text).objects.map((o) => (o.object as { metadata: { name: string } }).metadata.name);

  it('reads a byte-order mark at the start of each document, as go-yaml does per document', () => {
    expect(names(`\uFEFF${cm('a')}---\n\uFEFF${cm('b')}--- # third\n\uFEFF${cm('c')}`)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('keeps a byte-order mark inside a value', () => {
    const o = loadOne(cm('a', '{a: "\uFEFFx"}')).object as { data: Record<string, string> };
    expect(o.data.a).toBe('\uFEFFx');
  });

  it('reads lone CR line breaks (YAML 1.1), with lines counted as an editor shows them', () => {
    expect(names(cm('a').replaceAll('\n', '\r'))).toEqual(['a']);
    expect(load(cm('A').replaceAll('\n', '\r')).errors).toEqual([
      expect.stringMatching(/^m\.yaml:3:18: metadata\.name: Invalid value: "A"/),
    ]);
  });
});
