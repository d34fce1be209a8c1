/**
 * kubectl's node views on hand-written Node objects: printers.go printNode (STATUS, ROLES) and
 * describe.go describeNode (taint order and format, resource percentages).
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { describeNode, nodeRoles, podResources, printNodeRow } from '../../src/views/nodes.js';
import { podRequests } from '../../src/state/podRequests.js';
import { formatQuantity } from '../../src/views/quantity.js';
import { fold } from '../../src/state/fold.js';
import { nodeObject } from '../../src/state/nodeObject.js';
import { defaultNode } from '../../src/spec/scenario.js';
import type { SimEvent } from '../../src/events/catalog.js';

const NOW = '2025-01-01T01:00:00Z';

const node = (extra: Partial<Node> = {}, ready = 'True'): Node =>
  ({
    metadata: {
      name: 'n1',
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { 'kubernetes.io/hostname': 'n1' },
      ...(extra.metadata ?? {}),
    },
    spec: { ...(extra.spec ?? {}) },
    status: {
      conditions: [{ type: 'Ready', status: ready }],
      allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      nodeInfo: { kubeletVersion: 'v1.31.0' },
      addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
    },
  }) as unknown as Node;

describe('kubectl get nodes', () => {
  it('prints Ready / NotReady from the Ready condition, with SchedulingDisabled appended', () => {
    expect(printNodeRow(node(), NOW)).toEqual(['n1', 'Ready', '<none>', '60m', 'v1.31.0']);
    expect(printNodeRow(node({}, 'Unknown'), NOW)[1]).toBe('NotReady');
    expect(printNodeRow(node({}, 'False'), NOW)[1]).toBe('NotReady');
    expect(printNodeRow(node({ spec: { unschedulable: true } }), NOW)[1]).toBe(
      'Ready,SchedulingDisabled',
    );
  });

  it('takes roles from node-role.kubernetes.io/<role> keys and kubernetes.io/role values, sorted', () => {
    const n = node({
      metadata: {
        labels: {
          'node-role.kubernetes.io/worker': '',
          'node-role.kubernetes.io/control-plane': '',
          'kubernetes.io/role': 'infra',
          'node-role.kubernetes.io/': '',
        },
      },
    });
    expect(nodeRoles(n)).toEqual(['control-plane', 'infra', 'worker']);
    expect(printNodeRow(n, NOW)[2]).toBe('control-plane,infra,worker');
  });
});

describe('kubectl describe node', () => {
  it('sorts taints by effect then key and prints key[=value]:effect', () => {
    const out = describeNode(
      node({
        spec: {
          taints: [
            { key: 'b', effect: 'NoSchedule' },
            { key: 'dedicated', value: 'db', effect: 'NoSchedule' },
            { key: 'a', effect: 'NoExecute' },
          ],
        },
      }),
      null,
      [],
      null,
      NOW,
    );
    expect(out).toContain(
      [
        'Taints:             a:NoExecute',
        '                    b:NoSchedule',
        '                    dedicated=db:NoSchedule',
      ].join('\n'),
    );
  });

  it('sums requests as resourcehelper.PodRequests: containers and sidecars, at least any init container', () => {
    const pod = {
      spec: {
        initContainers: [
          { name: 'i', resources: { requests: { cpu: '1500m', memory: '64Mi' } } },
          {
            name: 's',
            restartPolicy: 'Always',
            resources: { requests: { cpu: '100m', memory: '32Mi' } },
          },
        ],
        containers: [
          { name: 'a', resources: { requests: { cpu: '250m', memory: '128Mi' } } },
          { name: 'b', resources: { requests: { cpu: '250m', memory: '128Mi' } } },
        ],
      },
    } as unknown as Pod;
    const r = podResources(pod, 'requests');
    // cpu: max(250m + 250m + 100m, 1500m) = 1500m; memory: max(288Mi, 64Mi) = 288Mi.
    expect(formatQuantity(r.cpu)).toBe('1500m');
    expect(formatQuantity(r.memory)).toBe('288Mi');
    const limits = podResources(pod, 'limits');
    expect([formatQuantity(limits.cpu), formatQuantity(limits.memory)]).toEqual(['0', '0']);
  });

  it('counts the sidecars started before a plain init container while it runs', () => {
    const pod = {
      spec: {
        initContainers: [
          {
            name: 's',
            restartPolicy: 'Always',
            resources: { requests: { cpu: '100m' }, limits: { cpu: '200m' } },
          },
          { name: 'i', resources: { requests: { cpu: '500m' }, limits: { cpu: '500m' } } },
        ],
        containers: [{ name: 'a', resources: { requests: { cpu: '100m' } } }],
      },
    } as unknown as Pod;
    // While i runs, s does too: max(100m + 100m, 500m + 100m) = 600m, as the scheduler counts.
    expect(formatQuantity(podResources(pod, 'requests').cpu)).toBe('600m');
    expect(podRequests(pod).cpuMilli).toBe(600);
    // Limits: max(200m + 0, 500m + 200m) = 700m.
    expect(formatQuantity(podResources(pod, 'limits').cpu)).toBe('700m');
  });

  it('truncates percentages of allocatable (int64 of the float)', () => {
    const pod = {
      metadata: { namespace: 'default', name: 'p', creationTimestamp: '2025-01-01T00:30:00Z' },
      spec: {
        containers: [
          {
            name: 'a',
            resources: {
              requests: { cpu: '999m', memory: '1Gi' },
              limits: { cpu: '3', memory: '8Gi' },
            },
          },
        ],
      },
    } as unknown as Pod;
    const out = describeNode(node(), null, [pod], null, NOW);
    // 999/4000 = 24.975 % → 24; 1/8 = 12.5 % → 12; 3/4 = 75 %; 8/8 = 100 %.
    expect(out).toMatch(
      /\n {2}default +p +999m \(24%\) +3 \(75%\) +1Gi \(12%\) +8Gi \(100%\) +30m\n/,
    );
    expect(out).toMatch(
      /\n {2}cpu +999m \(24%\) +3 \(75%\)\n {2}memory +1Gi \(12%\) +8Gi \(100%\)\n/,
    );
    expect(out).toContain('Non-terminated Pods:');
    expect(out).toMatch(/\(Total limits may be over 100 percent, i\.e\., overcommitted\.\)/);
  });
});

describe('node capacity as the API prints it', () => {
  const stateWith = (cpuMilli: number, memoryBytes: number) => {
    const s = fold([
      {
        seq: 0,
        at: 0,
        type: 'cluster/started',
        object: 'Cluster',
        cause: null,
        payload: { startTime: '2025-01-01T00:00:00Z', seed: 1 },
      },
      {
        seq: 1,
        at: 0,
        type: 'node/registered',
        object: 'Node/n1',
        cause: null,
        payload: { node: { ...defaultNode('n1', 0), cpuMilli, memoryBytes } },
      },
    ] as SimEvent[]);
    return nodeObject(s, s.nodes.get('n1')!, 0).status!.capacity!;
  };

  it('is Quantity.String() of cpu (DecimalSI) and memory (BinarySI)', () => {
    expect(stateWith(4000, 16 * 2 ** 30)).toMatchObject({ cpu: '4', memory: '16Gi' });
    expect(stateWith(1500, 1536 * 2 ** 20)).toMatchObject({ cpu: '1500m', memory: '1536Mi' });
    // 1,000 cores and 1,000 bytes: Go prints the decimal suffix (below 1024, BinarySI falls back
    // to DecimalSI in CanonicalizeBytes).
    expect(stateWith(1_000_000, 1000)).toMatchObject({ cpu: '1k', memory: '1k' });
    expect(stateWith(250, 1e9)).toMatchObject({ cpu: '250m', memory: '1000000000' });
  });
});
