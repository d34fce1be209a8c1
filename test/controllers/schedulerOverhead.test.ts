/**
 * The scheduler's NodeResourcesFit counts a pod as PodRequests computes it, overhead included
 * (noderesources fit.go computePodResourceRequest), the same sum `describe node` prints.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { podResources } from '../../src/views/nodes.js';

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
    const r = runInline({ 's.yaml': SCENARIO, 'p.yaml': pod('  overhead: {cpu: "1"}\n') });
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
