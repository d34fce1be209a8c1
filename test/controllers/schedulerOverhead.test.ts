/**
 * The scheduler's NodeResourcesFit counts a pod as PodRequests computes it, overhead included
 * (noderesources fit.go computePodResourceRequest), the same sum `describe node` prints.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podResources } from '../../src/views/nodes.js';
import { podUsage } from '../../src/state/podRequests.js';

const SCENARIO =
  'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1m\nnodes: [{name: n1, cpu: "2", images: ["nginx:1.20.2"]}]\n';

const pod = (overhead: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${overhead}  containers:\n  - {name: app, image: "nginx:1.20.2", resources: {requests: {cpu: 1500m}}}\n`;

describe('scheduling with pod overhead', () => {
  it('a pod fits by its container requests alone', () => {
    const r = runInline({ 's.yaml': SCENARIO, 'p.yaml': pod('') });
    expect(r.state.pods.get('default/p')!.runtime.node).toBe('n1');
  });

  it('the overhead counts: 1500m + 1 CPU does not fit a 2-CPU node', () => {
    // The overhead a RuntimeClass defines, which admission copied into the pod.
    const r = runInline({
      's.yaml': SCENARIO,
      'p.yaml': pod('  runtimeClassName: kata\n  overhead: {cpu: "1"}\n'),
    });
    const p = r.state.pods.get('default/p')!;
    expect(p.runtime.node).toBeNull();
    expect(p.events[0]).toMatchObject({
      reason: 'FailedScheduling',
      message: expect.stringContaining('0/1 nodes are available: 1 Insufficient cpu.'),
    });
    // describe node would count the same 2500m for it.
    expect(podResources(p.pod, 'requests').cpu.nanos).toBe(2_500_000_000n);
  });
});

const podOf = (spec: Record<string, unknown>): Pod =>
  ({ metadata: { name: 'p' }, spec }) as unknown as Pod;

describe('the sums describe node prints', () => {
  it('adds the overhead to every request, and only to a limit that is set and not zero', () => {
    const p = podOf({
      overhead: { cpu: '250m', memory: '64Mi' },
      containers: [{ name: 'a', resources: { requests: { cpu: '500m' }, limits: { cpu: '1' } } }],
    });
    expect(podResources(p, 'requests').cpu.nanos).toBe(750_000_000n);
    expect(podResources(p, 'requests').memory.nanos).toBe(64n * 1024n * 1024n * 1_000_000_000n);
    // PodLimits: cpu has a limit, so 1 + 250m; memory has none, so none.
    expect(podResources(p, 'limits').cpu.nanos).toBe(1_250_000_000n);
    expect(podResources(p, 'limits').memory.nanos).toBe(0n);
  });
});

describe('the requests scoring counts', () => {
  it('gives every container without a request the default, init containers and sidecars too', () => {
    const sidecar = podOf({
      initContainers: [{ name: 'log', restartPolicy: 'Always' }],
      containers: [{ name: 'app' }],
    });
    // Both run together: 2 × 100m, 2 × 200Mi.
    expect(podUsage(sidecar).nonZero).toEqual({ cpuMilli: 200, memoryBytes: 400 * 1024 * 1024 });
    expect(podUsage(sidecar).cpuMilli).toBe(0);
    const init = podOf({
      initContainers: [{ name: 'setup' }],
      containers: [{ name: 'app', resources: { requests: { cpu: '50m', memory: '0' } } }],
    });
    // The init container's defaults are the larger: max(50m, 100m); memory max(0, 200Mi).
    expect(podUsage(init).nonZero).toEqual({ cpuMilli: 100, memoryBytes: 200 * 1024 * 1024 });
  });

  it('a pod that shares its containers with another still counts its own init containers and overhead', () => {
    const containers = [{ name: 'app', resources: { requests: { cpu: '50m' } } }];
    const plain = podOf({ containers });
    const withInit = podOf({
      containers,
      initContainers: [{ name: 'setup', resources: { requests: { cpu: '1' } } }],
    });
    const withOverhead = podOf({ containers, overhead: { cpu: '250m' } });
    expect(podUsage(plain).cpuMilli).toBe(50);
    expect(podUsage(withInit).cpuMilli).toBe(1000);
    expect(podUsage(withOverhead).cpuMilli).toBe(300);
    // A second version of a pod (scheduling writes spec.nodeName) keeps its usage.
    expect(podUsage(podOf({ containers, nodeName: 'n1' })).cpuMilli).toBe(50);
  });
});
