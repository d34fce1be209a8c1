/**
 * Timers the engine holds while a node's kubelet is stopped, and scheduling retries: what was due
 * during the outage happens when the kubelet is back, and one capacity change is one attempt.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { times } from '../helpers/run.js';

describe('a process exit due while the kubelet is stopped', () => {
  it('is seen when the kubelet comes back, not lost', () => {
    const r = runInline({
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 200s
manifests: [pod.yaml]
nodes: [{ name: node-1, images: ['busybox'] }]
containers:
  - { pod: job, container: main, program: [{ sleep: 30s }, { exit: 0 }] }
actions:
  - { at: 10s, nodeDown: node-1 }
  - { at: 60s, nodeUp: node-1 }
`,
      '_pod.yaml': `apiVersion: v1
kind: Pod
metadata: { name: job }
spec:
  restartPolicy: Never
  containers: [{ name: main, image: busybox }]
`,
    });
    const started = times(r.events, 'container/started')[0]!;
    expect(started + 30_000).toBeLessThan(60_000);
    expect(times(r.events, 'container/exited')).toEqual([60_000]);
    expect(r.statuses('job').at(-1)).toBe('Completed');
  });
});

describe('a pod waiting for capacity', () => {
  it('gets one scheduling attempt per freeing of capacity (terminated and deleted are one change)', () => {
    const pod = (name: string, cpu: number) => `apiVersion: v1
kind: Pod
metadata: { name: ${name} }
spec:
  terminationGracePeriodSeconds: 0
  containers: [{ name: app, image: nginx, resources: { requests: { cpu: ${cpu} } } }]
`;
    // a and c fill the node; b needs 3 CPUs, more than a's deletion frees: the retry fails once.
    const r = runInline({
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 60s
manifests: [a.yaml, c.yaml, b.yaml]
nodes: [{ name: node-1, cpu: 4, images: ['nginx'] }]
actions:
  - { at: 20s, delete: pod/a }
`,
      '_a.yaml': pod('a', 2),
      '_c.yaml': pod('c', 2),
      '_b.yaml': pod('b', 3),
    });
    const deleted = times(r.events, 'pod/deleted')[0]!;
    const attempts = r.events
      .filter((e) => e.type === 'pod/unschedulable' && e.object === 'Pod/default/b')
      .map((e) => e.at)
      .filter((at) => at >= deleted && at < deleted + 1_000);
    expect(attempts).toEqual([deleted]);
  });
});
