/**
 * A deletion cancels the pod's sync under way (pod_workers.go UpdatePod → cancelFn). A sync
 * blocked in an image pull gets the context's error from PullImage at once: the pull fails as any
 * failed pull would, the pod worker goes on to terminate the pod, and the node's serial puller is
 * free for the next pull (docs/kubernetes-rules.md §30).
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

const pod = (name: string, image: string): string => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  containers:
  - {name: app, image: "${image}"}
`;

const files = (actions: string): Record<string, string> => ({
  'a.yaml': pod('a', 'nginx:1.25'),
  _b: pod('b', 'redis:7'),
  's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 1m
nodes: [{name: node-1}]
registry: {pullTime: 30s}
actions:
${actions}`,
});

describe('a pod deleted while its image is being pulled', () => {
  it('fails the pull at the deletion and is removed then, not when the pull would have ended', () => {
    const r = runInline(files('- {at: 5s, delete: pod/a}\n'));
    const failed = r.events.find((e) => e.type === 'image/pullFailed')!;
    expect(failed.at).toBe(5_000);
    expect(failed.notes?.map((n) => `${n.reason}: ${n.message}`)).toEqual([
      'Failed: Failed to pull image "nginx:1.25": rpc error: code = Canceled desc = context canceled',
      'Failed: Error: ErrImagePull',
    ]);
    expect(r.events.find((e) => e.type === 'pod/deleted')!.at).toBe(5_000);
    expect(r.events.some((e) => e.type === 'image/pulled')).toBe(false);
    expect(r.statuses('a')).toEqual([
      'Pending',
      'ContainerCreating',
      'Terminating',
      'ContainerStatusUnknown',
    ]);
  });

  it("frees the node's serial puller: the next pod's pull starts at once", () => {
    const r = runInline(files('- {at: 5s, delete: pod/a}\n- {at: 10s, apply: _b}\n'));
    const pulling = r.events.find(
      (e) => e.type === 'image/pulling' && e.object === 'Pod/default/b',
    )!;
    // b is bound at 10 s and its sandbox is up at 11 s: its pull starts then, not at 31 s.
    expect(pulling.at).toBe(11_000);
    expect((pulling.payload as { startsAt: number }).startsAt).toBe(11_000);
  });
});
