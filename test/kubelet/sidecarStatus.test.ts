/**
 * How a sidecar (an init container with restartPolicy Always) shows in the pod's status and in
 * kubectl's STATUS column while it restarts (kubelet_pods.go convertToAPIContainerStatuses,
 * printers.go printPod).
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { failingLiveness } from '../helpers/manifests.js';

const pod = (proxyExit: number): string => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: proxy, image: "busybox:1.36", restartPolicy: Always, command: [sh, -c, "sleep 5; exit ${proxyExit}"]}
  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 3600"]}
`;
const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["busybox:1.36"]}]
`;
const run = (manifest: string) => runInline({ 'p.yaml': manifest, 's.yaml': SCENARIO });
/** When each event of `type` for `container` (with `signal`, if given) happened. */
const at = (r: ReturnType<typeof runInline>, type: string, container: string, signal?: string) =>
  r.events
    .filter(
      (e) =>
        e.type === type &&
        (e.payload as { container?: string }).container === container &&
        (signal === undefined || (e.payload as { signal?: string }).signal === signal),
    )
    .map((e) => e.at);

describe('a sidecar in restart back-off', () => {
  it('that exited 0 keeps its Terminated state: the pod reads Running, never Init:CrashLoopBackOff', () => {
    const r = run(pod(0));
    // The back-off itself is real: BackOff events are recorded and the restarts wait.
    expect(r.events.some((e) => e.type === 'container/backOff')).toBe(true);
    const starts = r.events.filter((e) => e.type === 'container/started').map((e) => e.at);
    expect(starts).toEqual([1_000, 1_000, 6_000, 21_000, 46_000, 91_000]);
    // convertToAPIContainerStatuses skips the reasonCache for an init container whose latest
    // instance exited 0, so the status keeps terminated/Completed and printPod goes on to the
    // regular containers.
    expect(r.statuses('web')).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running']);
    const proxy = r.state.pods.get('default/web')!.pod.status!.initContainerStatuses![0]!;
    expect(proxy.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(proxy.state?.waiting).toBeUndefined();
  });

  it('that exited non-zero shows CrashLoopBackOff while it waits', () => {
    const r = run(pod(1));
    expect(r.statuses('web')).toEqual([
      'Pending',
      'Init:0/1',
      'PodInitializing',
      'Running',
      'Init:Error',
      'Running',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'Running',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'Running',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'Running',
      'Init:Error',
      'Init:CrashLoopBackOff',
    ]);
  });
});

/**
 * killContainersWithSyncResult: every running container's kill starts at once (Killing event,
 * preStop hook); a sidecar then waits in waitForTurn until the regular containers and the sidecars
 * declared after it have exited, at most the grace left after its preStop, and the whole seconds it
 * waited come off its grace (kuberuntime_container.go killContainer, newTerminationOrdering).
 */
describe('a pod with sidecars being deleted', () => {
  const manifest = (proxyPreStop: string): string => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  terminationGracePeriodSeconds: 30
  initContainers:
  - name: log
    image: "nginx:1.25"
    restartPolicy: Always
  - name: proxy
    image: "nginx:1.25"
    restartPolicy: Always
${proxyPreStop}  containers:
  - {name: app, image: "nginx:1.25"}
`;
  const scenario = (appExit: string): string => `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: app, onSigterm: ${appExit}}
- {container: proxy, onSigterm: ignore}
- {container: log, onSigterm: {exitAfter: 1s, code: 0}}
actions:
- {at: 10s, delete: pod/web}
`;
  const PRESTOP = '    lifecycle: {preStop: {sleep: {seconds: 3}}}\n';

  it('records every Killing and runs the sidecar preStop at the deletion; SIGTERM waits its turn', () => {
    const r = runInline({
      'p.yaml': manifest(PRESTOP),
      's.yaml': scenario('{exitAfter: 5500ms, code: 0}'),
    });
    for (const c of ['log', 'proxy', 'app'])
      expect(at(r, 'container/killing', c)).toEqual([10_000]);
    expect(at(r, 'hook/started', 'proxy')).toEqual([10_000]);
    expect(at(r, 'hook/finished', 'proxy')).toEqual([13_000]);
    // app exits at 15.5 s: proxy's turn. Its grace: 30 − 3 (preStop) − 2 (2.5 s waited, whole
    // seconds) = 25 s, so SIGKILL at 40.5 s.
    expect(at(r, 'container/signalled', 'proxy', 'SIGTERM')).toEqual([15_500]);
    expect(at(r, 'container/signalled', 'proxy', 'SIGKILL')).toEqual([40_500]);
    // log, declared before proxy, waits for proxy too, but at most its 30 s: SIGTERM at 40 s,
    // half a second before proxy is gone.
    expect(at(r, 'container/signalled', 'log', 'SIGTERM')).toEqual([40_000]);
    expect(r.events.find((e) => e.type === 'pod/deleted')!.at).toBe(41_000);
  });

  it('ends the wait when the grace left after preStop has passed; then 2 s until SIGKILL', () => {
    // app ignores SIGTERM: SIGKILLed at 40 s. proxy (preStop 3 s) waits at most 27 s from 13 s,
    // so its SIGTERM goes at 40 s with the 2 s minimum; log waits for proxy (SIGKILL at 42 s).
    const r = runInline({ 'p.yaml': manifest(PRESTOP), 's.yaml': scenario('ignore') });
    expect(at(r, 'container/signalled', 'app', 'SIGKILL')).toEqual([40_000]);
    expect(at(r, 'container/signalled', 'proxy', 'SIGTERM')).toEqual([40_000]);
    expect(at(r, 'container/signalled', 'proxy', 'SIGKILL')).toEqual([42_000]);
    // log waited from 10 s; its 30 s bound came at 40 s, with proxy still running: 2 s minimum.
    expect(at(r, 'container/signalled', 'log', 'SIGTERM')).toEqual([40_000]);
    expect(at(r, 'container/exited', 'log')).toEqual([41_000]);
  });

  it("does not hold one sidecar's SIGTERM behind another's preStop", () => {
    // proxy's preStop runs 20 s; log has none and waits for proxy, which exits only after it.
    const r = runInline({
      'p.yaml': manifest('    lifecycle: {preStop: {sleep: {seconds: 20}}}\n'),
      's.yaml': scenario('{exitAfter: 1s, code: 0}'),
    });
    expect(at(r, 'container/signalled', 'app', 'SIGTERM')).toEqual([10_000]);
    expect(at(r, 'container/exited', 'app')).toEqual([11_000]);
    // proxy's preStop ends at 30 s: its turn came long before, SIGTERM at once with 10 s.
    expect(at(r, 'container/signalled', 'proxy', 'SIGTERM')).toEqual([30_000]);
    expect(at(r, 'container/signalled', 'proxy', 'SIGKILL')).toEqual([40_000]);
    expect(at(r, 'container/signalled', 'log', 'SIGTERM')).toEqual([40_000]);
  });
});

describe('a deletion that arrives while a probe kill is under way', () => {
  it('cancels that kill: every container is stopped with the deletion grace, the sidecar last (§30)', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  terminationGracePeriodSeconds: 30
  initContainers:
  - {name: proxy, image: "nginx:1.25", restartPolicy: Always}
  containers:
${failingLiveness('app', { probeGraceSeconds: 20 })}`,
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 1m
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: app, onSigterm: ignore}
- {container: proxy, onSigterm: {exitAfter: 1s, code: 0}}
actions:
- {at: 10s, delete: pod/web, gracePeriod: 4}
`,
    });
    const kills = r.events
      .filter((e) => e.type === 'container/killing')
      .map((e) => [e.at, e.payload.container, e.payload.reason]);
    // The liveness kill at 5 s sends SIGTERM with 20 s to go. The deletion at 10 s cancels it
    // (no SIGKILL at 25 s) and kills both containers with its 4 s: app's SIGTERM is not sent
    // again, its SIGKILL comes at 14 s; proxy waits for app, gets SIGTERM at 14 s and exits 1 s
    // later.
    expect(kills).toEqual([
      [5_000, 'app', 'liveness'],
      [10_000, 'proxy', 'deletion'],
      [10_000, 'app', 'deletion'],
    ]);
    expect(at(r, 'container/signalled', 'app', 'SIGTERM')).toEqual([5_000]);
    expect(at(r, 'container/signalled', 'app', 'SIGKILL')).toEqual([14_000]);
    expect(at(r, 'container/signalled', 'proxy', 'SIGTERM')).toEqual([14_000]);
    expect(r.events.find((e) => e.type === 'pod/deleted')!.at).toBe(15_000);
  });
});
