/**
 * `describe TYPE NAME` as kubectl's describe.go: an exact name first; when there is none, every
 * object whose name begins with NAME (DescribeMatchingResources), in the API's list order, each
 * followed by an empty line and without Events; NotFound when none does. And `get` lists in the
 * API's order (by namespace, then name), not in creation order. kubectl's TYPE/NAME form: `describe
 * pod/NAME` as `describe pod NAME`, `get pod/NAME` (and node/NAME) that one object or NotFound.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { runInline } from '../helpers/inline.js';
import { endpointsRows, serviceRows } from '../../src/views/workloads.js';
import { endpointSliceRows } from '../../src/views/endpointSlices.js';

const ROLLING = 'traces/rolling-update/trace.jsonl';
const NODE_LOST = 'traces/node-lost/trace.jsonl';

const names = (out: string): string[] =>
  out
    .split('\n')
    .filter((l) => l.startsWith('Name:'))
    .map((l) => l.split(/\s+/)[1]!);

/** The NAME column of a `get` table. */
const rowNames = (out: string): string[] =>
  out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0]!);

describe('describe by name prefix', () => {
  it('describes every pod whose name begins with NAME, by name, without Events', async () => {
    const all = await cli(['get', 'pods', ROLLING, '--at', '100s']);
    const listed = rowNames(all.out);
    expect(listed).toHaveLength(4);
    const r = await cli(['describe', 'pod', 'web-b68', ROLLING, '--at', '100s']);
    expect(r.code).toBe(0);
    expect(names(r.out)).toEqual(listed);
    expect(r.out).not.toContain('Events:');
    // Each description ends in an empty line: the next one starts after it.
    const blocks = r.out.split('\n\nName:');
    expect(blocks).toHaveLength(4);
    expect(r.out.endsWith('\n\n')).toBe(true);
    // The exact name still wins, and shows its Events.
    const one = await cli(['describe', 'pod', listed[0]!, ROLLING, '--at', '100s']);
    expect(names(one.out)).toEqual([listed[0]]);
    expect(one.out).toContain('Events:');
    expect(r.out.startsWith(one.out.slice(0, one.out.indexOf('Events:')))).toBe(true);
  });

  it("takes kubectl's TYPE/NAME form as TYPE NAME", async () => {
    for (const [typed, split] of [
      [['pod/web-b68'], ['pod', 'web-b68']],
      [['deploy/web'], ['deploy', 'web']],
      [['rs/web-5c'], ['rs', 'web-5c']],
    ]) {
      const a = await cli(['describe', ...typed!, ROLLING, '--at', '100s']);
      const b = await cli(['describe', ...split!, ROLLING, '--at', '100s']);
      expect(a.code).toBe(0);
      expect(a.out).toBe(b.out);
      expect(a.out).toContain('Name:');
    }
    const node = await cli(['describe', 'node/node-2', NODE_LOST, '--at', '7m']);
    expect(names(node.out)).toEqual(['node-2']);
    const empty = await cli(['describe', 'pod/', ROLLING]);
    expect([empty.code, empty.err]).toEqual([2, 'podsim: describe pod: give the pod NAME\n']);
  });

  it('get pod/NAME and node/NAME print that one object, or NotFound', async () => {
    const all = await cli(['get', 'pods', ROLLING, '--at', '100s', '-o', 'wide']);
    const [header, , second] = all.out.split('\n');
    const name = second!.split(/\s+/)[0]!;
    const one = await cli(['get', `pod/${name}`, ROLLING, '--at', '100s', '-o', 'wide']);
    expect([one.code, one.out]).toEqual([0, `${header}\n${second}\n`]);
    // -o yaml|json: the object itself, as kubectl prints one named object, not a List.
    const list = JSON.parse(
      (await cli(['get', 'pods', ROLLING, '--at', '100s', '-o', 'json'])).out,
    );
    const obj = JSON.parse(
      (await cli(['get', `po/${name}`, ROLLING, '--at', '100s', '-o', 'json'])).out,
    );
    expect(obj).toEqual(list.items[1]);
    const yaml = await cli(['get', `pods/${name}`, ROLLING, '--at', '100s', '-o', 'yaml']);
    expect(yaml.out.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true);
    const node = await cli(['get', 'node/node-2', NODE_LOST, '--at', '7m']);
    expect(rowNames(node.out)).toEqual(['node-2']);
    const missing = await cli(['get', 'pod/web', ROLLING]);
    expect([missing.code, missing.out, missing.err]).toEqual([
      1,
      '',
      'Error from server (NotFound): pods "web" not found\n',
    ]);
    const gone = await cli(['get', 'node/node-9', NODE_LOST]);
    expect(gone.err).toBe('Error from server (NotFound): nodes "node-9" not found\n');
    const workload = await cli(['get', 'deploy/web', ROLLING]);
    expect([workload.code, workload.err]).toEqual([
      2,
      "podsim: get deploy/web: TYPE/NAME is supported for pods and nodes only; 'get deploy' lists them all\n",
    ]);
  });

  it('does the same for ReplicaSets, Deployments and nodes', async () => {
    const rs = await cli(['describe', 'rs', 'web', ROLLING, '--at', '100s']);
    expect(names(rs.out)).toEqual(['web-5c8675cb75', 'web-b68cb76bd']);
    expect(rs.out).not.toContain('Events:');
    const deploy = await cli(['describe', 'deploy', 'we', ROLLING, '--at', '100s']);
    expect(names(deploy.out)).toEqual(['web']);
    expect(deploy.out).not.toContain('Events:');
    const nodes = await cli(['describe', 'node', 'node-', NODE_LOST, '--at', '7m']);
    expect(names(nodes.out)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(nodes.out).not.toContain('Events:');
  });

  it('says so when the NAME was left out and a file was taken for it', async () => {
    const r = await cli(['describe', 'svc', ROLLING]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `describe svc: give the NAME (or a name prefix) before the input files; "${ROLLING}" looks like a file`,
    );
  });

  it('says NotFound for the name given when no name begins with it', async () => {
    const r = await cli(['describe', 'pod', 'webx', ROLLING]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe('Error from server (NotFound): pods "webx" not found\n');
    const rs = await cli(['describe', 'rs', 'x', ROLLING]);
    expect(rs.err).toBe('Error from server (NotFound): replicasets.apps "x" not found\n');
  });
});

describe('get lists in the API order', () => {
  it('sorts pods and ReplicaSets by name, as etcd returns them', async () => {
    const pods = await cli(['get', 'pods', NODE_LOST, '--at', '7m']);
    const listed = rowNames(pods.out);
    expect(listed).toHaveLength(4);
    expect(listed).toEqual([...listed].sort());
    const rs = await cli(['get', 'rs', ROLLING, '--at', '100s']);
    expect(rowNames(rs.out)).toEqual(['web-5c8675cb75', 'web-b68cb76bd']);
    // A fork's watch starts with the list, in the same order.
    const fork = await cli(['fork', NODE_LOST, '--at', '7m', '--until', '7m5s']);
    expect(rowNames(fork.out)).toEqual(listed);
  });
});

describe('Services, Endpoints and EndpointSlices list in the API order', () => {
  it('by name, whatever order the manifests created them in', () => {
    const svc = (name: string): string =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec: {selector: {app: x}, ports: [{port: 80}]}\n`;
    const { state } = runInline(
      {
        's.yaml': 'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 10s\nnodes: [{name: n1}]\n',
        'svc.yaml': [svc('zeta'), svc('alpha'), svc('mid')].join('---\n'),
      },
      { untilMs: 10_000 },
    );
    expect(serviceRows(state, 10_000).map((r) => r[0])).toEqual(['alpha', 'mid', 'zeta']);
    expect(endpointsRows(state, 10_000).map((r) => r[0])).toEqual(['alpha', 'mid', 'zeta']);
    const slices = endpointSliceRows(state, 10_000).map((r) => r[0]!);
    expect(slices.map((n) => n.slice(0, -5))).toEqual(['alpha-', 'mid-', 'zeta-']);
  });
});
