/**
 * Unknown fields are refused, as `kubectl apply` (--validate=strict, the default) has the API
 * server refuse them: `strict decoding error: unknown field "spec.containers[0].livenesProbe"`.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { API_FIELDS, API_ROOTS } from '../../src/spec/manifest/apiFields.js';
import { KINDS } from '../../src/spec/manifest/kinds.js';
import type { Shape } from '../../src/spec/manifest/shape.js';
import { nearest } from '../../src/spec/manifest/strictFields.js';
import { formatInputError } from '../../src/spec/errors.js';
import { loadManifestDocs } from '../../src/spec/manifest/index.js';
import type { SourceDoc } from '../../src/spec/yamlSource.js';
import { cli } from '../helpers/run.js';
import { errorsOf, load, loadOne } from './manifestHelpers.js';

const TYPOS = `apiVersion: v1
kind: Pod
metadata:
  name: typo
  lables: {a: b}
spec:
  containers:
  - name: c
    image: busybox
    livenesProbe:
      exec: {command: ["true"]}
    ImagePullPolicy: Always
    resources:
      limits: {cpu: 1}
      limts: {cpu: 1}
  foo: 1
status:
  phase: Running
  bogus: 1
`;

describe('unknown fields', () => {
  it('are each reported at their key, with the field they most likely misspell', () => {
    expect(errorsOf(TYPOS)).toEqual([
      'm.yaml:5:3: metadata.lables: unknown field "lables" (did you mean "labels"?)',
      'm.yaml:10:5: spec.containers[0].livenesProbe: unknown field "livenesProbe" (did you mean "livenessProbe"?)',
      'm.yaml:12:5: spec.containers[0].ImagePullPolicy: unknown field "ImagePullPolicy" (did you mean "imagePullPolicy"?)',
      'm.yaml:15:7: spec.containers[0].resources.limts: unknown field "limts" (did you mean "limits"?)',
      'm.yaml:16:3: spec.foo: unknown field "foo"',
      'm.yaml:19:3: status.bogus: unknown field "bogus"',
    ]);
  });

  it('are found in pod templates and in the items of a List', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - name: app
          image: nginx
          readinessProbe:
            httpGet: {path: /, port: 80}
            periodSecond: 5
    stratgy: {type: Recreate}
`;
    expect(errorsOf(text)).toEqual([
      'm.yaml:17:13: spec.template.spec.containers[0].readinessProbe.periodSecond: unknown field "periodSecond" (did you mean "periodSeconds"?)',
      'm.yaml:18:5: spec.stratgy: unknown field "stratgy" (did you mean "strategy"?)',
    ]);
  });

  it('include __proto__ and constructor, which reach no prototype', () => {
    // YAML refuses a __proto__ key outright; JSON input (or another loader) can still carry one.
    const value = JSON.parse(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"busybox"}],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}',
    ) as unknown;
    const doc: SourceDoc = { file: 'j.json', index: 0, value, locate: () => ({ line: 1, col: 1 }) };
    const { objects, errors } = loadManifestDocs([doc]);
    expect(objects).toEqual([]);
    expect(errors.map(formatInputError)).toEqual([
      'j.json:1:1: spec.__proto__: unknown field "__proto__"',
      'j.json:1:1: spec.constructor: unknown field "constructor"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('__proto__ in YAML is refused at its key', () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: busybox}]
  __proto__: {polluted: true}
`;
    expect(load(text).errors).toEqual(['m.yaml:6:3: the key "__proto__" is not allowed']);
  });

  it('make the CLI exit 2 and run nothing, with the hint printed once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-strict-'));
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, TYPOS);
    const r = await cli(['run', file]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.match(/podsim: hint: the API server refuses fields/g)).toHaveLength(1);
    expect(r.err).toContain('podsim: 6 errors in the input; nothing was run');
  });
});

describe('known fields podsim does not model', () => {
  it('load, up to the API of Kubernetes 1.36', () => {
    const o = loadOne(`apiVersion: v1
kind: Pod
metadata:
  name: p
  managedFields:
  - manager: kubectl
    operation: Apply
    fieldsType: FieldsV1
    fieldsV1: {f:spec: {f:containers: {}}}
spec:
  affinity:
    nodeAffinity:
      preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 1
        preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}
  topologySpreadConstraints:
  - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: p}}}
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: c
    image: busybox
    lifecycle:
      stopSignal: SIGUSR1
    resizePolicy: [{resourceName: cpu, restartPolicy: NotRequired}]
    securityContext: {appArmorProfile: {type: RuntimeDefault}, allowPrivilegeEscalation: false}
status:
  phase: Pending
  conditions: [{type: PodScheduled, status: "True"}]
`);
    expect(o.kind).toBe('Pod');
  });
});

describe('the generated field table', () => {
  /** Every field podsim's decoder reads must be a field of the API type (else it would be refused). */
  function agree(shape: Shape, ref: string, path: string, out: string[]): void {
    if (typeof shape === 'string') return;
    if ('list' in shape || 'map' in shape) {
      const prefix = 'list' in shape ? '[]' : '{}';
      if (!ref.startsWith(prefix)) return void out.push(`${path}: ${ref || 'scalar'} in the API`);
      return agree('list' in shape ? shape.list : shape.map, ref.slice(2), `${path}[]`, out);
    }
    const fields = API_FIELDS[ref];
    if (fields === undefined) return void out.push(`${path}: ${ref || 'scalar'} in the API`);
    for (const [name, inner] of Object.entries(shape.struct)) {
      if (!Object.hasOwn(fields, name)) out.push(`${path}.${name}: not in ${ref}`);
      else agree(inner, fields[name]!, `${path}.${name}`, out);
    }
  }

  it.each(Object.keys(KINDS) as Array<keyof typeof KINDS>)(
    'knows every field the %s decoder reads, with the same structure',
    (kind) => {
      const out: string[] = [];
      agree(KINDS[kind].shape, API_ROOTS[kind], kind, out);
      expect(out).toEqual([]);
    },
  );
});

describe('renaming any field of a tutorial manifest', () => {
  /** Free-form maps (their keys are data, not fields), by the field path of the map. */
  function isMap(kind: unknown, path: string): boolean {
    if (/(^|\.)(labels|annotations|matchLabels|limits|requests|nodeSelector)$/.test(path)) {
      return true;
    }
    if (kind === 'Service' || kind === 'ReplicationController') return path === 'spec.selector';
    return kind === 'ConfigMap' || kind === 'Secret'
      ? /^(data|stringData|binaryData)$/.test(path)
      : false;
  }
  const DIR = 'test/fixtures/tutorials/';
  const docs = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml') && f !== 'docker-compose-demo.yaml')
    .sort()
    .map((f) => readFileSync(DIR + f, 'utf8'));

  /** Every key path of a document: [path of keys, parent key]. */
  function keyPaths(v: unknown, path: Array<string | number>, out: Array<Array<string | number>>) {
    if (Array.isArray(v)) v.forEach((x, i) => keyPaths(x, [...path, i], out));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        out.push([...path, k]);
        keyPaths(x, [...path, k], out);
      }
    }
    return out;
  }

  it('is refused at that field, unless the field is a key of a free-form map', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (di, ki) => {
        const text = docs[di % docs.length]!;
        const values = text
          .split(/^---$/m)
          .map((d) => parse(d) as unknown)
          .filter((d) => d);
        const all = values.flatMap((d, i) => keyPaths(d, [], []).map((p) => ({ i, p })));
        const { i, p } = all[ki % all.length]!;
        const renamed = structuredClone(values);
        let parent = renamed[i] as Record<string | number, unknown>;
        for (const seg of p.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
        const name = String(p[p.length - 1]);
        const typo = `${name}Typo`;
        parent[typo] = parent[name];
        delete parent[name];
        const out = renamed.map((d) => JSON.stringify(d)).join('\n---\n');
        const everything = load(out).errors;
        const errors = everything.filter((e) => e.includes('unknown field'));
        const parentPath = p
          .slice(0, -1)
          .filter((seg) => typeof seg === 'string')
          .join('.');
        const kind = (values[i] as { kind?: unknown }).kind;
        // Without its apiVersion or kind, a document is not read as its kind at all.
        if (p.length === 1 && (name === 'apiVersion' || name === 'kind')) {
          expect(everything.some((e) => e.includes(`${name}: Required value`))).toBe(true);
        } else if (isMap(kind, parentPath)) expect({ p, errors }).toEqual({ p, errors: [] });
        else expect(errors.filter((e) => e.includes(`unknown field "${typo}"`))).toHaveLength(1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('nearest', () => {
  const known = ['livenessProbe', 'readinessProbe', 'image', 'imagePullPolicy', 'ports', 'name'];
  it.each([
    ['livenesProbe', 'livenessProbe'],
    ['livnessProbe', 'livenessProbe'],
    ['ImagePullPolicy', 'imagePullPolicy'],
    ['imgae', 'image'],
    ['port', 'ports'],
    ['nmae', 'name'],
    ['readinesProbes', 'readinessProbe'],
  ])('%s → %s', (typo, want) => expect(nearest(typo, known)).toBe(want));
  it.each(['colour', 'nm', 'startupProbe', 'x'])('%s → nothing', (name) =>
    expect(nearest(name, known)).toBeUndefined(),
  );
});
