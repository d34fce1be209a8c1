/**
 * computePodActions' KillPod (kuberuntime_manager.go): once no regular container runs or will be
 * started again, the kubelet kills the pod, sidecars included, and restarts none of them ("To
 * prevent the restartable init containers to keep pod alive"); computeInitContainerActions does
 * the same when a regular init container fails under restartPolicy Never.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { applyEvent } from '../../src/state/fold.js';
import { emptyState } from '../../src/state/model.js';
import { observe } from '../../src/check/run.js';
import { checkAll, killSequence } from '../../src/check/invariants/index.js';

const pod = (policy: string, app: string, init = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: job}
spec:
  restartPolicy: ${policy}
  terminationGracePeriodSeconds: 20
  initContainers:
  - {name: proxy, image: "nginx:1.25", restartPolicy: Always}
${init}  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "${app}"]}
`;
const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["busybox:1.36", "nginx:1.25"]}]
containers:
- {container: proxy, onSigterm: ignore}
`;
const run = (manifest: string) => runInline({ 'p.yaml': manifest, 's.yaml': SCENARIO });
const notes = (r: ReturnType<typeof run>) =>
  r.state.pods.get('default/job')?.events.map((e) => `${e.reason}: ${e.message}`) ?? [];

describe('a pod whose regular containers are done for good', () => {
  it('stops its sidecar with the pod grace period and ends Succeeded (restartPolicy Never, exit 0)', () => {
    const r = run(pod('Never', 'sleep 10; exit 0'));
    const killing = r.events.find((e) => e.type === 'container/killing')!;
    // The app exits at 11 s; killPodWithSyncResult: no probe reason, so the pod's grace (20 s).
    expect(killing).toMatchObject({
      at: 11_000,
      payload: { container: 'proxy', reason: 'sidecarsDone', graceMs: 20_000 },
    });
    expect(notes(r)).toContain('Killing: Stopping container proxy');
    // The proxy ignores SIGTERM: SIGKILL at 31 s, then the pod is terminal.
    expect(r.events.find((e) => e.type === 'pod/terminated')!.at).toBe(31_000);
    expect(r.state.pods.get('default/job')!.pod.status!.phase).toBe('Succeeded');
    expect(r.statuses('job').at(-1)).toBe('Completed');
    // Never started again.
    expect(r.events.filter((e) => e.type === 'container/started').length).toBe(2);
  });

  it('ends Failed when the app failed (Never), and so with OnFailure after a success', () => {
    const failed = run(pod('Never', 'sleep 10; exit 3'));
    expect(failed.state.pods.get('default/job')!.pod.status!.phase).toBe('Failed');
    expect(failed.statuses('job').at(-1)).toBe('Error');
    const onFailure = run(pod('OnFailure', 'sleep 10; exit 0'));
    expect(onFailure.state.pods.get('default/job')!.pod.status!.phase).toBe('Succeeded');
    expect(onFailure.events.some((e) => e.type === 'pod/terminated')).toBe(true);
  });

  it('leaves the sidecar running while the app will restart (Always, OnFailure after a failure)', () => {
    for (const r of [
      run(pod('Always', 'sleep 10; exit 0')),
      run(pod('OnFailure', 'sleep 10; exit 3')),
    ]) {
      expect(r.events.some((e) => e.type === 'container/killing')).toBe(false);
      expect(r.events.some((e) => e.type === 'pod/terminated')).toBe(false);
    }
  });

  it('stops a started sidecar when a later init container fails under Never, and restarts nothing', () => {
    const r = run(
      pod(
        'Never',
        'sleep 3600',
        '  - {name: setup, image: "busybox:1.36", command: [sh, -c, "sleep 5; exit 1"]}\n',
      ),
    );
    const killing = r.events.filter((e) => e.type === 'container/killing');
    expect(killing.map((e) => [e.at, e.payload])).toEqual([
      [6_000, { container: 'proxy', reason: 'initFailed', graceMs: 20_000 }],
    ]);
    expect(r.events.filter((e) => e.type === 'container/started').map((e) => e.payload)).toEqual([
      { container: 'proxy' },
      { container: 'setup' },
    ]);
    expect(r.state.pods.get('default/job')!.pod.status!.phase).toBe('Failed');
    expect(r.statuses('job').at(-1)).toBe('Init:Error');
    expect(r.events.some((e) => e.type === 'pod/terminated')).toBe(true);
  });

  it('is Failed while its sidecar stops, so a deletion removes it from the API at once', () => {
    // getPhase: a failed regular init container under Never makes the pod Failed at once, while
    // the kubelet still stops the sidecar (20 s grace, SIGTERM ignored: SIGKILL at 26 s). The
    // API server deletes a terminal pod with grace 0 (strategy.go), so at 15 s the pod is gone;
    // the kubelet's SIGKILL at 26 s happens out of the API's sight.
    const init = '  - {name: setup, image: "busybox:1.36", command: [sh, -c, "sleep 5; exit 1"]}\n';
    const files = {
      'p.yaml': pod('Never', 'sleep 3600', init),
      's.yaml': `${SCENARIO}actions:\n- {at: 15s, delete: pod/job}\n`,
    };
    const r = runInline(files);
    const tail = r.events.filter((e) => e.at >= 15_000).map((e) => [e.type, e.payload]);
    expect(tail).toEqual([
      ['pod/deletionRequested', { gracePeriodSeconds: 0 }],
      ['pod/deleted', {}],
    ]);
    // The kill-sequence invariant follows the sidecar only while the pod exists.
    expect(killSequence.check({ ...observe(r.events), untilMs: 120_000 })).toEqual([]);
    // Without the deletion it sees the SIGKILL at the deadline.
    const kept = run(pod('Never', 'sleep 3600', init));
    const sigkill = kept.events.find(
      (e) => e.type === 'container/signalled' && e.payload.signal === 'SIGKILL',
    );
    expect(sigkill?.at).toBe(26_000);
  });

  it('kills a sidecar that a blocked sync restarted after the app finished, and is Running until then', () => {
    // The proxy exits at 6.5 s; the sync restarting it pulls (imagePullPolicy Always) until 7 s.
    // The app exits 0 at 6.7 s, inside that SyncPod: the status it generated said Running, and the
    // pod worker goes on to create and start the proxy. Only the next sync (the app's PLEG event)
    // sees a pod with nothing to run: it kills the proxy (sidecarsDone), whose own exit at 12 s
    // ends the pod. getPhase never said Succeeded while the proxy ran.
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: job}
spec:
  restartPolicy: Never
  initContainers:
  - {name: proxy, image: "nginx:1.25", imagePullPolicy: Always, restartPolicy: Always,
     command: [sh, -c, "sleep 5; exit 1"]}
  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 5.2; exit 0"]}
`;
    const r = runInline({
      'p.yaml': manifest,
      's.yaml': SCENARIO.replace(/containers:[\s\S]*/, ''),
    });
    const tail = r.events.filter((e) => e.at >= 6_500).map((e) => [e.at, e.type, e.payload]);
    expect(tail.map(([at, type]) => `${at} ${type}`)).toEqual([
      '6500 container/exited',
      '6500 image/pulling',
      '6700 container/exited',
      '7000 image/pulled',
      '7000 container/created',
      '7000 container/started',
      '7000 container/killing',
      '7000 container/signalled',
      '12000 container/exited',
      '12000 pod/terminated',
    ]);
    expect(tail[6]![2]).toMatchObject({ container: 'proxy', reason: 'sidecarsDone' });
    const phases: string[] = [];
    phasesOf(r, phases);
    expect(phases).toEqual(['Pending@0', 'Running@1500', 'Succeeded@12000']);
    expect(checkAll({ ...observe(r.events), untilMs: 60_000 })).toEqual([]);
  });
});

/** The pod's phase after each event where it changed, as phase@ms. */
function phasesOf(r: ReturnType<typeof runInline>, out: string[]): void {
  let state = emptyState();
  let last: string | undefined;
  for (const ev of r.events) {
    state = applyEvent(state, ev);
    const phase = state.pods.get('default/job')?.pod.status?.phase;
    if (phase !== undefined && phase !== last) out.push(`${phase}@${ev.at}`);
    last = phase;
  }
}
