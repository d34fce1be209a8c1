/**
 * The pod garbage collector's orphan pass (podgc gc_controller.go gcOrphaned): a pod bound to a
 * node the cluster does not have runs nowhere, and is marked Failed and deleted 40 s after the
 * collector's first pass (every 20 s) that sees it.
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/state/fold.js';
import { runInline } from '../helpers/inline.js';

const pinned = (name: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeName: ghost
  containers: [{name: c, image: nginx}]
`;
const scenario = (extra = ''): string =>
  `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3m\nmanifests: [pod.yaml]\nnodes: [{name: node-1}]\n${extra}`;

describe('a pod pinned to a node the scenario does not have', () => {
  it('stays Pending with no kubelet, then PodGC marks it Failed and deletes it at 60 s', () => {
    const run = runInline({ 's.yaml': scenario(), '_pod.yaml': pinned('p') });
    expect(run.events.map((e) => [e.at, e.type])).toEqual([
      [0, 'cluster/started'],
      [0, 'node/registered'],
      [0, 'pod/created'],
      // Created at 0: the pass at 20 s queues the node, the pass at 60 s deletes.
      [60_000, 'pod/markedFailed'],
      [60_000, 'pod/deletionRequested'],
      [60_000, 'pod/deleted'],
    ]);
    const failed = run.events.find((e) => e.type === 'pod/markedFailed')!;
    expect(failed.payload).toEqual({
      reason: 'DeletionByPodGC',
      message: 'PodGC: node no longer exists',
    });
    expect(run.events.find((e) => e.type === 'pod/deletionRequested')!.payload).toEqual({
      gracePeriodSeconds: 0,
    });
    expect(run.statuses('p')).toEqual(['Pending', 'Failed']);
  });

  it('writes phase Failed and the DisruptionTarget condition before the deletion', () => {
    const run = runInline({ 's.yaml': scenario(), '_pod.yaml': pinned('p') });
    const marked = run.events.findIndex((e) => e.type === 'pod/markedFailed');
    const status = (upTo: number) =>
      fold(run.events.slice(0, upTo)).pods.get('default/p')!.pod.status!;
    // As the API server created it: nobody writes the status of a pod no kubelet runs.
    expect(status(marked)).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(status(marked + 1)).toEqual({
      phase: 'Failed',
      qosClass: 'BestEffort',
      conditions: [
        {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'DeletionByPodGC',
          message: 'PodGC: node no longer exists',
          lastProbeTime: null,
          lastTransitionTime: '2025-01-01T00:01:00Z',
        },
      ],
    });
  });

  it('counts from the first pass after a later creation', () => {
    const run = runInline({
      's.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3m\nnodes: [{name: node-1}]\nactions:\n- at: 25s\n  apply: pod.yaml\n`,
      '_pod.yaml': pinned('late'),
    });
    // Passes at 40 s (queues the node) and 80 s (deletes).
    expect(run.events.filter((e) => e.type === 'pod/markedFailed').map((e) => e.at)).toEqual([
      80_000,
    ]);
  });

  it('leaves a deleted one Terminating until PodGC removes it', () => {
    const run = runInline({
      's.yaml': scenario('actions:\n- at: 10s\n  delete: pod/p\n'),
      '_pod.yaml': pinned('p'),
    });
    expect(run.events.map((e) => [e.at, e.type]).slice(3)).toEqual([
      [10_000, 'pod/deletionRequested'],
      [60_000, 'pod/markedFailed'],
      [60_000, 'pod/deletionRequested'],
      [60_000, 'pod/deleted'],
    ]);
    expect(run.statuses('p')).toEqual(['Pending', 'Terminating', 'Failed']);
  });

  it('leaves pods on the scenario nodes alone', () => {
    const run = runInline({
      's.yaml': scenario(),
      '_pod.yaml': pinned('p').replace('ghost', 'node-1'),
    });
    expect(run.events.some((e) => e.type === 'pod/markedFailed')).toBe(false);
    expect(run.statuses('p')).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });
});
