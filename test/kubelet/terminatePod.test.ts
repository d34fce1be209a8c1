/**
 * status_manager.go TerminatePod: once a deleted pod's containers have stopped, any container
 * status not terminated becomes terminated ContainerStatusUnknown (exit 137), app containers only
 * once the pod has initialized, init containers up to the last one that ran; a phase still
 * Pending or Running becomes Failed. kubectl then shows the containers' reason, not Terminating.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { loadInline, runInline } from '../helpers/inline.js';
import { simulate } from '../../src/engine/run.js';
import { printPodRow } from '../../src/views/index.js';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: initp}
spec:
  initContainers:
  - {name: wait, image: "busybox:1.36", command: [sh, -c, "sleep 3600"]}
  - {name: setup, image: "busybox:1.36", command: [sh, -c, "true"]}
  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata: {name: pullp}
spec:
  containers:
  - {name: app, image: "registry.example.com/nope:1", command: [sh, -c, "sleep 3600"]}
  - {name: side, image: "busybox:1.36", command: [sh, -c, "sleep 3600"]}
`;
const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["busybox:1.36"]}]
registry:
  images: {"registry.example.com/nope:1": {missing: true}}
actions:
- {at: 30s, delete: pod/initp, gracePeriod: 5}
- {at: 30s, delete: pod/pullp, gracePeriod: 5}
`;

/** Each pod as it was when the kubelet finished with it (what the DELETED watch event carries). */
function finalPods(): Map<string, Pod> {
  const out = new Map<string, Pod>();
  simulate(loadInline({ 'p.yaml': PODS, 's.yaml': SCENARIO }), {
    onEvent: (ev, s) => {
      if (ev.type !== 'pod/terminated') return;
      const p = s.pods.get(ev.object.slice('Pod/'.length))!;
      out.set(p.pod.metadata!.name!, p.pod as Pod);
    },
  });
  return out;
}

describe('a pod deleted before it ran all its containers', () => {
  const pods = finalPods();
  const UNKNOWN = {
    exitCode: 137,
    reason: 'ContainerStatusUnknown',
    message: 'The container could not be located when the pod was terminated',
  };

  it('during init: Failed; the killed init container shows Init:Error, the rest stay waiting', () => {
    const pod = pods.get('initp')!;
    expect(pod.status!.phase).toBe('Failed');
    const [wait, setup] = pod.status!.initContainerStatuses!;
    expect(wait!.state!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    // Not initialized: the app container and the init container that never ran keep waiting.
    expect(setup!.state!.waiting).toBeDefined();
    expect(pod.status!.containerStatuses![0]!.state!.waiting).toBeDefined();
    expect(printPodRow(pod, '2025-01-01T00:00:35Z').status).toBe('Init:Error');
  });

  it('with an image that cannot be pulled: Failed; ContainerStatusUnknown for that container', () => {
    const pod = pods.get('pullp')!;
    expect(pod.status!.phase).toBe('Failed');
    const [app, side] = pod.status!.containerStatuses!;
    expect(app!.state).toEqual({ terminated: UNKNOWN });
    expect(side!.state!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(printPodRow(pod, '2025-01-01T00:00:35Z').status).toBe('ContainerStatusUnknown');
  });

  it('a pod that was never deleted and ran to its end is left as it was', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: job}
spec:
  restartPolicy: Never
  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 5; exit 0"]}
`,
      's.yaml':
        'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1m\nnodes: [{name: node-1, images: ["busybox:1.36"]}]\n',
    });
    const pod = r.state.pods.get('default/job')!.pod;
    expect(pod.status!.phase).toBe('Succeeded');
    expect(pod.status!.containerStatuses![0]!.state!.terminated).toMatchObject({
      reason: 'Completed',
    });
  });
});
