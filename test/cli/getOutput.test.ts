/**
 * `podsim get nodes -o wide|yaml|json` and the object printers `get pods -o yaml|json` share:
 * kubectl's wide node columns, and Lists with sorted keys and no YAML anchors.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../helpers/run.js';

const TRACE = 'traces/node-lost/trace.jsonl';

describe('get nodes', () => {
  it('-o wide adds INTERNAL-IP, EXTERNAL-IP, OS-IMAGE, KERNEL-VERSION and CONTAINER-RUNTIME', async () => {
    const r = await cli(['get', 'nodes', TRACE, '--at', '8m', '-o', 'wide']);
    expect(r.code).toBe(0);
    const [head, ...rows] = r.out.trimEnd().split('\n');
    expect(head!.split(/\s+/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    const node2 = rows.find((l) => l.startsWith('node-2'))!.split(/\s+/);
    expect(node2.slice(1, 2)).toEqual(['NotReady']);
    // The scenario's address; podsim's nodes have no external IP and report no machine details.
    expect(node2[5]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(node2.slice(6)).toEqual(['<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('-o yaml prints the Node objects as a List, without anchors, keys sorted', async () => {
    const r = await cli(['get', 'nodes', TRACE, '--at', '8m', '-o', 'yaml']);
    expect(r.code).toBe(0);
    // capacity and allocatable are one object in podsim; kubectl writes both out.
    expect(r.out).not.toMatch(/[&*]a\d/);
    expect(r.out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n')).toBe(true);
    const list = parse(r.out) as { kind: string; items: { metadata: { name: string } }[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((n) => n.metadata.name)).toEqual(['node-1', 'node-2', 'node-3']);
    const json = JSON.parse((await cli(['get', 'nodes', TRACE, '-o', 'json'])).out);
    expect(Object.keys(json)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(
      json.items[1].status.conditions.find((c: { type: string }) => c.type === 'Ready'),
    ).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
  });

  it('-o of another kind is refused with what is allowed', async () => {
    const r = await cli(['get', 'nodes', TRACE, '-o', 'name']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('podsim: -o name: expected wide, yaml or json\n');
  });
});

describe('get pods -o yaml', () => {
  it('quotes what YAML 1.1 would read as another type, as kubectl does', async () => {
    const r = await cli(['get', 'pods', TRACE, '-o', 'yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {4}creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"$/m);
    expect(r.out).toMatch(/^ {6}status: "True"$/m);
  });

  it('single-quotes a message that cannot be plain, as go-yaml does', async () => {
    const r = await cli([
      'get',
      'pods',
      'traces/init-wait-services/trace.jsonl',
      '--at',
      '5s',
      '-o',
      'yaml',
    ]);
    expect(r.out).toContain(
      "      message: 'containers with incomplete status: [init-myservice init-mydb]'\n",
    );
  });
});
