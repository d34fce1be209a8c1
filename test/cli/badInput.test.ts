/**
 * Bad input exits 2 with file:line:col, the field path and what is allowed — every error, no stack
 * trace, nothing run (issue: "Each bad input above exits non-zero with file, line and field path").
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../src/spec/textFile.js';
import { cli } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'podsim-bad-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function errorsOf(text: string): Promise<string[]> {
  const f = file(`m${Math.abs(hash(text))}.yaml`, text);
  const r = await cli(['run', f]);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  return r.err
    .trim()
    .split('\n')
    .map((l) => l.replaceAll(f, 'F'));
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return h;
}

const pod = (containers: string, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${extra}spec:\n  containers:\n${containers}`;

describe('podsim run on invalid manifests', () => {
  it('reports a negative probe period with its location and the rule', async () => {
    const errs = await errorsOf(
      pod(
        '  - name: app\n    image: nginx\n    livenessProbe:\n      tcpSocket: {port: 80}\n      periodSeconds: -1\n',
      ),
    );
    expect(errs[0]).toBe(
      'F:11:22: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('refuses a second, different definition of the same Pod, and keeps one of a repeat', async () => {
    const one = pod('  - name: app\n    image: nginx\n');
    const other = pod('  - name: app\n    image: busybox\n');
    const errs = await errorsOf(`${one}---\n${other}`);
    expect(errs[0]).toBe(
      'F:13:9: metadata.name: a second, different Pod "default/p" (the first is at F:1:1): podsim does not model updating a pod in place; give each pod once',
    );
    const twice = file('twice.yaml', one);
    const r = await cli(['get', 'pods', twice, twice, '--at', '30s']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter((l) => l.startsWith('p '))).toHaveLength(1);
    // The same pod with its fields in another order is the same pod (kubectl: unchanged).
    const reordered = file(
      'reordered.yaml',
      one.replace('  - name: app\n    image: nginx\n', '  - image: nginx\n    name: app\n'),
    );
    const same = await cli(['get', 'pods', twice, reordered, '--at', '30s']);
    expect(same.code).toBe(0);
  });

  it('refuses a file that is not UTF-8 where it stops being UTF-8', async () => {
    // Latin-1 "café" in an annotation: decoded leniently it would run as "caf\uFFFD".
    const f = join(dir, 'latin1.yaml');
    writeFileSync(
      f,
      Buffer.concat([
        Buffer.from(
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    note: caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('\nspec:\n  containers: [{name: c, image: nginx}]\n'),
      ]),
    );
    const r = await cli(['run', f]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      `${f}:6:14: not UTF-8 text: byte 0xE9 does not begin or continue a character; save the file as UTF-8`,
    );
  });

  it('finds the first byte that is not UTF-8, overlong forms and surrogates included', () => {
    const at = (...b: number[]) => firstInvalidUtf8(Uint8Array.from(b));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBe(4); // "aéb": valid
    expect(at(0x61, 0xc0, 0x80)).toBe(1); // overlong NUL
    expect(at(0xe0, 0x80, 0x80)).toBe(0); // overlong 3-byte form
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // a UTF-16 surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // past U+10FFFF
    expect(at(0xf0, 0x9f, 0x98, 0x80, 0x80)).toBe(4); // "😀" then a lone continuation byte
    expect(at(0x61, 0xe2, 0x82)).toBe(1); // cut at the end
    expect(at(0xef, 0xbf, 0xbd, 0xff)).toBe(3); // a U+FFFD in the file is text
  });

  it('reports duplicate container names across init and app containers', async () => {
    const errs = await errorsOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: app, image: busybox}\n  containers:\n  - {name: app, image: nginx}\n',
    );
    // validateInitContainers checks init names against the app containers' (validation.go).
    expect(errs[0]).toBe('F:6:12: spec.initContainers[0].name: Duplicate value: "app"');
  });

  it('forbids a readinessProbe on a regular init container', async () => {
    const errs = await errorsOf(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: init\n    image: busybox\n    readinessProbe: {exec: {command: [cat, /tmp/ready]}}\n  containers:\n  - {name: app, image: nginx}\n',
    );
    expect(errs[0]).toMatch(/^F:8:\d+: spec\.initContainers\[0\]\.readinessProbe: Forbidden: /);
  });

  it('requires successThreshold 1 on liveness and startup probes', async () => {
    const errs = await errorsOf(
      pod(
        '  - name: app\n    image: nginx\n    livenessProbe:\n      tcpSocket: {port: 80}\n      successThreshold: 3\n',
      ),
    );
    expect(errs[0]).toBe(
      'F:11:25: spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1',
    );
  });

  it('rejects a malformed quantity', async () => {
    const errs = await errorsOf(
      pod('  - name: app\n    image: nginx\n    resources:\n      requests: {cpu: 500mm}\n'),
    );
    // resource.ParseQuantity: "mm" matches the format but is no suffix (ErrSuffix).
    expect(errs[0]).toBe(
      'F:10:23: spec.containers[0].resources.requests[cpu]: Invalid value: "500mm": unable to parse quantity\'s suffix',
    );
  });

  it('rejects a label value that is too long or has bad ends', async () => {
    const errs = await errorsOf(
      pod(
        '  - {name: app, image: nginx}\n',
        `  labels:\n    app: ${'x'.repeat(64)}\n    tier: -web\n`,
      ),
    );
    expect(errs.filter((e) => e.includes('metadata.labels')).length).toBe(2);
    expect(errs[0]).toMatch(
      /^F:6:\d+: metadata\.labels: Invalid value: "x{64}": must be no more than 63 characters$/,
    );
  });

  it('rejects an unknown kind, naming the kinds podsim supports', async () => {
    const errs = await errorsOf('apiVersion: v1\nkind: Foo\nmetadata: {name: x}\n');
    expect(errs[0]).toMatch(
      /^F:2:7: kind: Invalid value: "Foo": podsim supports Pod, Deployment, ReplicaSet, ReplicationController, Service, ConfigMap, Secret, Namespace/,
    );
  });

  it('reports every error, not only the first, and says nothing was run', async () => {
    const errs = await errorsOf(
      pod(
        '  - name: app\n    image: nginx\n    imagePullPolicy: Sometimes\n    livenessProbe:\n      tcpSocket: {port: 80}\n      failureThreshold: -2\n',
        '',
      ),
    );
    expect(errs.length).toBe(3);
    expect(errs[2]).toBe('podsim: 2 errors in the input; nothing was run');
  });

  it('reports YAML syntax errors and alias bombs with a location instead of crashing', async () => {
    const syntax = await errorsOf('apiVersion: v1\nkind: Pod\nmetadata: {name: [\n');
    expect(syntax[0]).toMatch(/^F:\d+:\d+: not valid YAML: /);
    const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const errs = await errorsOf(bomb.join('\n') + '\n');
    expect(errs[0]).toMatch(/refusing to load it/);
  });

  it('reports a node cpu or memory that is a map or a list, not a quantity', async () => {
    // Found by fuzzing a bundled scenario: `cpu: {}` reached the quantity parser as an object.
    const errs = await errorsOf(
      'apiVersion: podsim/v1alpha1\nkind: Scenario\nnodes:\n- name: n1\n  cpu: {}\n  memory: [1]\n',
    );
    expect(errs).toEqual([
      'F:5:8: nodes[0].cpu: Invalid value: {}: must be a CPU quantity such as 2, 500m or 1.5',
      'F:6:11: nodes[0].memory: Invalid value: [1]: must be a quantity such as 512Mi, 2Gi or 1000000',
      'podsim: 2 errors in the input; nothing was run',
    ]);
  });

  it('reports a node name and node labels the API would refuse', async () => {
    const errs = await errorsOf(
      'apiVersion: podsim/v1alpha1\nkind: Scenario\nnodes:\n- name: Node_1\n  labels: {"-zone": a, tier: "b c"}\n',
    );
    expect(errs).toEqual([
      `F:4:9: nodes[0].name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      `F:5:12: nodes[0].labels.-zone: Invalid value: "-zone": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `F:5:30: nodes[0].labels.tier: Invalid value: "b c": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      'podsim: 3 errors in the input; nothing was run',
    ]);
  });

  it('reports an unknown scenario field with the fields allowed there', async () => {
    const errs = await errorsOf('apiVersion: podsim/v1alpha1\nkind: Scenario\nnodse: []\n');
    expect(errs[0]).toBe(
      'F:3:1: nodse: unknown field "nodse"; allowed here: apiVersion, kind, metadata, seed, until, startTime, manifests, nodes, registry, kubelet, containers, actions, traffic, serviceNodePortRange',
    );
  });

  it('reports a missing file and a bad option as usage errors', async () => {
    const missing = await cli(['run', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.yaml:1:1: cannot read file: no such file/);
    const opt = await cli([
      'run',
      file('ok.yaml', pod('  - {name: app, image: nginx}\n')),
      '--until',
      'soon',
    ]);
    expect(opt.code).toBe(2);
    expect(opt.err).toBe(
      'podsim: --until "soon": expected a duration such as 90s, 5m or 1h30m (at most 2562047h)\n',
    );
  });

  it("refuses a duration past Go's largest (2562047h), which ran as an endless run", async () => {
    // 1 followed by 400 zeros hours was Infinity ms: `--until` of it never ended.
    const f = file('ok2.yaml', pod('  - {name: app, image: nginx}\n'));
    for (const v of ['2562048h', `1${'0'.repeat(400)}h`, '9223372036855ms']) {
      const r = await cli(['run', f, '--until', v]);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toContain('(at most 2562047h)');
    }
    const scenario = file(
      'long.yaml',
      `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3000000h\nmanifests: [ok2.yaml]\n`,
    );
    expect(await errorsOf(readFileSync(scenario, 'utf8'))).toEqual([
      'F:3:8: until: Invalid value: "3000000h": must be a duration such as 30s, 1m30s, 500ms or a number of seconds (not negative, at most 2562047h)',
      'podsim: 1 error in the input; nothing was run',
    ]);
  });
});

describe('the nodePort range hint', () => {
  const manifest = 'test/fixtures/tutorials/myserver-liveness-tcpsocket.yaml';
  const hint =
    'podsim: hint: a cluster whose API server runs with another --service-node-port-range can say so in the scenario, e.g. serviceNodePortRange: 30000-50000\n';

  it('follows a nodePort outside the default range, once', async () => {
    const r = await cli(['run', manifest]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `${manifest}:40:15: spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767\n` +
        hint +
        'podsim: 1 error in the input; nothing was run\n',
    );
  });

  it('is not given when the scenario already sets a range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-range-'));
    const scenario = join(dir, 'scenario.yaml');
    writeFileSync(
      scenario,
      `apiVersion: podsim/v1alpha1\nkind: Scenario\nserviceNodePortRange: 30000-40000\nmanifests: [${join(process.cwd(), manifest)}]\n`,
    );
    const r = await cli(['run', scenario]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('The range of valid ports is 30000-40000\n');
    expect(r.err).not.toContain('hint');
  });
});
