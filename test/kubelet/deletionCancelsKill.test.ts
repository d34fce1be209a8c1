/**
 * A deletion cancels the pod's sync under way (pod_workers.go UpdatePod → cancelFn), and with it a
 * probe or postStart kill or a postStart hook the sync is blocked in: a hook in flight fails at
 * once, a SIGKILL still to come from the cancelled kill is not sent, and SyncTerminatingPod stops
 * every container with the deletion's grace, preStop included; containerd does not send a SIGTERM
 * it sent before (docs/kubernetes-rules.md §30).
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { failingLiveness } from '../helpers/manifests.js';
import { observe } from '../../src/check/run.js';
import { killSequence } from '../../src/check/invariants/index.js';

type Run = ReturnType<typeof runInline>;

/** A pod whose app fails its liveness probe at 5 s, with `extra` lines under the container. */
const pod = (extra = ''): string => `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
${failingLiveness('app', { probeGraceSeconds: 20 })}${extra}`;

const scenario = (onSigterm: string, deleteAt: string, grace: number, hooks = ''): string =>
  `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: app, onSigterm: ${onSigterm}${hooks}}
actions:
- {at: ${deleteAt}, delete: pod/web, gracePeriod: ${grace}}
`;

const run = (manifest: string, s: string): Run => runInline({ 'p.yaml': manifest, 's.yaml': s });

/** The run's events of the app container from `from` on, as "at type detail" lines. */
function lines(r: Run, from: number): string[] {
  return r.events
    .filter((e) => e.at >= from && e.object === 'Pod/default/web')
    .filter((e) => !e.type.startsWith('probe/') && !e.type.startsWith('pod/'))
    .map((e) => {
      const p = e.payload as Record<string, unknown>;
      const detail = [p.reason, p.graceMs, p.hook, p.signal, p.failed ? 'failed' : undefined]
        .filter((x) => x !== undefined && x !== false)
        .join(' ');
      const notes = (e.notes ?? []).map((n) => ` [${n.reason}: ${n.message}]`).join('');
      return `${e.at} ${e.type} ${detail}${notes}`.trimEnd();
    });
}

const deletedAt = (r: Run): number | undefined =>
  r.events.find((e) => e.type === 'pod/deleted')?.at;

describe('a pod deleted while a liveness kill waits for the exit after SIGTERM', () => {
  it('drops the kill: SIGTERM is not sent again, SIGKILL comes at the deletion’s deadline', () => {
    // The kill at 5 s would SIGKILL at 25 s; the deletion at 10 s gives 4 s: SIGKILL at 14 s.
    const r = run(pod(), scenario('ignore', '10s', 4));
    expect(lines(r, 5_000)).toEqual([
      '5000 container/killing liveness 20000 [Killing: Container app failed liveness probe, will be restarted]',
      '5000 container/signalled SIGTERM',
      '10000 container/killing deletion 4000 [Killing: Stopping container app]',
      '10000 container/signalSkipped SIGTERM',
      '14000 container/signalled SIGKILL',
      '14000 container/exited Error SIGKILL',
    ]);
    expect(deletedAt(r)).toBe(14_000);
  });

  it('waits the longer grace a deletion gives: the cancelled kill’s SIGKILL at 25 s is not sent', () => {
    const r = run(pod(), scenario('ignore', '10s', 30));
    const sigkills = r.events.filter(
      (e) => e.type === 'container/signalled' && e.payload.signal === 'SIGKILL',
    );
    expect(sigkills.map((e) => e.at)).toEqual([40_000]);
    expect(deletedAt(r)).toBe(40_000);
  });

  it('lets the process finish handling the first SIGTERM, even past the cancelled kill’s deadline', () => {
    // It exits 25 s after SIGTERM (at 30 s): after the liveness kill's SIGKILL would have come
    // (25 s), before the deletion's (40 s).
    const r = run(pod(), scenario('{exitAfter: 25s, code: 0}', '10s', 30));
    const exited = r.events.find((e) => e.type === 'container/exited')!;
    expect([exited.at, exited.payload]).toEqual([
      30_000,
      { container: 'app', exitCode: 0, reason: 'Completed' },
    ]);
    expect(deletedAt(r)).toBe(30_000);
  });
});

describe('a pod deleted while a liveness kill runs its preStop hook', () => {
  const preStop = '    lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 20"]}}}\n';

  it('fails the hook at once, then kills again with the deletion’s grace: preStop runs again', () => {
    const r = run(pod(preStop), scenario('ignore', '10s', 6));
    expect(lines(r, 5_000)).toEqual([
      '5000 container/killing liveness 20000 [Killing: Container app failed liveness probe, will be restarted]',
      '5000 hook/started preStop',
      '10000 hook/finished preStop failed [FailedPreStopHook: PreStopHook failed]',
      '10000 container/killing deletion 6000 [Killing: Stopping container app]',
      '10000 hook/started preStop',
      // The second preStop is cut at the deletion's 6 s; 2 s is the least StopContainer gets.
      '16000 hook/finished preStop',
      '16000 container/signalled SIGTERM',
      '18000 container/signalled SIGKILL',
      '18000 container/exited Error SIGKILL',
    ]);
    const cancelled = r.events.find((e) => e.type === 'hook/finished')!;
    expect(cancelled.payload).toMatchObject({ failed: true, cancelled: true });
    expect(deletedAt(r)).toBe(18_000);
  });
});

describe('a pod deleted while a postStart hook runs', () => {
  const hooks = (preStop: boolean): string =>
    `    lifecycle:\n      postStart: {exec: {command: [sh, -c, "sleep 30"]}}\n` +
    (preStop ? `      preStop: {exec: {command: [sh, -c, "sleep 1"]}}\n` : '');

  it('fails the hook; its kill sends nothing, and the deletion’s kill stops the container', () => {
    const r = run(pod(hooks(false)), scenario('ignore', '10s', 5));
    expect(lines(r, 10_000)).toEqual([
      '10000 hook/finished postStart failed [FailedPostStartHook: PostStartHook failed]',
      '10000 container/killing postStartHook 5000 [Killing: FailedPostStartHook]',
      '10000 container/killing deletion 5000 [Killing: Stopping container app]',
      '10000 container/signalled SIGTERM',
      '15000 container/signalled SIGKILL',
      '15000 container/exited Error SIGKILL',
    ]);
    expect(deletedAt(r)).toBe(15_000);
  });

  it('fails the postStart kill’s preStop at once too; the deletion’s kill runs it again', () => {
    const r = run(pod(hooks(true)), scenario('ignore', '10s', 5));
    expect(lines(r, 10_000)).toEqual([
      '10000 hook/finished postStart failed [FailedPostStartHook: PostStartHook failed]',
      '10000 container/killing postStartHook 5000 [Killing: FailedPostStartHook]',
      '10000 hook/started preStop',
      '10000 hook/finished preStop failed [FailedPreStopHook: PreStopHook failed]',
      '10000 container/killing deletion 5000 [Killing: Stopping container app]',
      '10000 hook/started preStop',
      '11000 hook/finished preStop',
      '11000 container/signalled SIGTERM',
      '15000 container/signalled SIGKILL',
      '15000 container/exited Error SIGKILL',
    ]);
    expect(deletedAt(r)).toBe(15_000);
  });
});

describe('a pod deleted while a liveness kill with grace 0 waits out its 2 s', () => {
  it('runs no preStop for the kill with grace 0; the deletion’s kill runs it, then skips SIGTERM', () => {
    // killContainer runs preStop only while grace is left (gracePeriod > 0); the 2 s floor comes
    // after it. So SIGTERM is sent at the kill (5 s), the deletion at 6 s cancels its SIGKILL at
    // 7 s, and the deletion's own kill runs the 20 s preStop before skipping the SIGTERM.
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  terminationGracePeriodSeconds: 0
  containers:
${failingLiveness('app')}    lifecycle: {preStop: {exec: {command: [sh, -c, "sleep 20"]}}}
`;
    const r = run(manifest, scenario('ignore', '6s', 30));
    expect(lines(r, 5_000)).toEqual([
      '5000 container/killing liveness 0 [Killing: Container app failed liveness probe, will be restarted]',
      '5000 container/signalled SIGTERM',
      '6000 container/killing deletion 30000 [Killing: Stopping container app]',
      '6000 hook/started preStop',
      '26000 hook/finished preStop',
      '26000 container/signalSkipped SIGTERM',
      '36000 container/signalled SIGKILL',
      '36000 container/exited Error SIGKILL',
    ]);
    // The kill-sequence invariant pairs each preStop with the kill that ran it.
    expect(killSequence.check({ ...observe(r.events), untilMs: 120_000 })).toEqual([]);
  });
});
