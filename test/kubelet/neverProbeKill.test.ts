/**
 * A liveness failure under restartPolicy Never (kuberuntime_manager.go computePodActions): the
 * failed container is not restarted, so when no other regular container is kept the pod is killed
 * instead (KillPod → killPodWithSyncResult), which ignores the probe: the Killing message is
 * "Stopping container NAME" and the grace period is the pod's, not the probe's.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { failingLiveness } from '../helpers/manifests.js';

const pod = (policy: string, sidecarApp: boolean): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: ${policy}
  terminationGracePeriodSeconds: 20
  containers:
${failingLiveness('app', { probeGraceSeconds: 3 })}${sidecarApp ? '  - {name: other, image: "busybox:1.36", command: [sleep, "3600"]}\n' : ''}`;
const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 1m
nodes: [{name: node-1, images: ["nginx:1.25", "busybox:1.36"]}]
containers:
- {container: app, onSigterm: ignore}
`;
function firstKill(manifest: string) {
  const r = runInline({ 'p.yaml': manifest, 's.yaml': SCENARIO });
  const kill = r.events.find((e) => e.type === 'container/killing')!;
  const note = r.state.pods
    .get('default/p')!
    .events.find((e) => e.reason === 'Killing' && e.firstAt === kill.at)!;
  const sigkill = r.events.find(
    (e) => e.type === 'container/signalled' && e.payload.signal === 'SIGKILL',
  );
  return { at: kill.at, payload: kill.payload, message: note.message, sigkillAt: sigkill?.at };
}

describe('a liveness failure under restartPolicy Never', () => {
  it('kills the pod when nothing else runs: "Stopping container", the pod grace period', () => {
    expect(firstKill(pod('Never', false))).toEqual({
      at: 5_000,
      payload: { container: 'app', reason: 'probeKillPod', graceMs: 20_000 },
      message: 'Stopping container app',
      // The app ignores SIGTERM: SIGKILL after the pod's 20 s, not the probe's 3 s.
      sigkillAt: 25_000,
    });
  });

  it('kills just the container while another one is kept, with the probe grace period', () => {
    const k = firstKill(pod('Never', true));
    expect(k.payload).toEqual({ container: 'app', reason: 'liveness', graceMs: 3_000 });
    expect(k.message).toBe('Container app failed liveness probe');
  });

  it('is a restart under Always, with the probe grace period', () => {
    const k = firstKill(pod('Always', false));
    expect(k.payload).toEqual({ container: 'app', reason: 'liveness', graceMs: 3_000 });
    expect(k.message).toBe('Container app failed liveness probe, will be restarted');
  });
});

describe('a pod-wide kill with a sidecar waiting for its turn', () => {
  it('gives the sidecar SIGTERM when the last app container exits (the sync is not held back)', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  terminationGracePeriodSeconds: 20
  initContainers:
  - {name: proxy, image: "nginx:1.25", restartPolicy: Always}
  containers:
${failingLiveness('slow', { probeGraceSeconds: 30 })}${failingLiveness('app', { delaySeconds: 8 })}`,
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: slow, onSigterm: ignore}
- {container: app, onSigterm: {exitAfter: 1s, code: 0}}
- {container: proxy, onSigterm: {exitAfter: 1s, code: 0}}
`,
    });
    // slow's liveness kill holds the sync from 5 s to its SIGKILL at 35 s; then app's failure
    // leaves nothing to keep: KillPod. proxy's turn comes when app exits at 36 s.
    const signals = r.events
      .filter((e) => e.type === 'container/signalled')
      .map((e) => [e.at, e.payload.container, e.payload.signal]);
    expect(signals).toEqual([
      [5_000, 'slow', 'SIGTERM'],
      [35_000, 'slow', 'SIGKILL'],
      [35_000, 'app', 'SIGTERM'],
      [36_000, 'proxy', 'SIGTERM'],
    ]);
    expect(r.events.find((e) => e.type === 'pod/terminated')!.at).toBe(37_000);
  });
});

describe('a second probe failure while a probe kill blocks SyncPod', () => {
  it('is acted on once the first killed container has stopped, whatever the container order', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
${failingLiveness('fast', { delaySeconds: 8 })}${failingLiveness('slow', { probeGraceSeconds: 30 })}`,
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 40s
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: slow, onSigterm: ignore}
- {container: fast, onSigterm: {exitAfter: 1s, code: 0}}
`,
    });
    // slow is killed at 5 s and holds the sync until its SIGKILL at 35 s; fast fails at 10 s but,
    // though declared first, is killed only then.
    const kills = r.events
      .filter((e) => e.type === 'container/killing')
      .map((e) => [e.at, e.payload.container]);
    expect(kills.slice(0, 2)).toEqual([
      [5_000, 'slow'],
      [35_000, 'fast'],
    ]);
  });
});
