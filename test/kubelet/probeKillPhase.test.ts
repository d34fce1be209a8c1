/**
 * A container killed for a failed liveness probe is started again by the same SyncPod that killed
 * it (computePodActions puts it in ContainersToKill and ContainersToStart when restartPolicy is
 * not Never), so no status is generated between its exit and the restart: under OnFailure an exit
 * 0 after SIGTERM does not make the pod Succeeded (getPhase would say so for a status generated in
 * between).
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { failingLiveness } from '../helpers/manifests.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { printPodRow } from '../../src/views/index.js';
import { nowRfc } from '../../src/state/selectors.js';

const manifest = (policy: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: ${policy}
  containers:
${failingLiveness('app', { probeGraceSeconds: 3 })}`;
const scenario = (deleteAt?: string, until = '30s'): string => `apiVersion: podsim/v1alpha1
kind: Scenario
until: ${until}
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: app, onSigterm: {exitAfter: 1s, code: 0}}
${deleteAt === undefined ? '' : `actions:\n- {at: ${deleteAt}, delete: pod/p, gracePeriod: 5}\n`}`;

describe('a liveness kill whose container exits 0 under OnFailure', () => {
  it('restarts the container in the same sync: the pod stays Running', () => {
    const r = runInline({ 'p.yaml': manifest('OnFailure'), 's.yaml': scenario('13s') });
    const starts = r.events.filter((e) => e.type === 'container/started').map((e) => e.at);
    expect(starts).toEqual([1_000, 6_000, 11_000]);
    // (Before, each exit wrote phase Succeeded, which printPod showed as STATUS "Succeeded".)
    expect(r.statuses('p')).not.toContain('Succeeded');
    expect(r.statuses('p').at(-2)).toBe('Terminating');
    // Not terminal, so the API server deletes it gracefully.
    const del = r.events.find((e) => e.type === 'pod/deletionRequested')!;
    expect(del.payload).toEqual({ gracePeriodSeconds: 5 });
  });

  it('ends Succeeded when the restart is refused by the back-off (the next status is generated)', () => {
    // Third kill at 15 s, exit at 16 s: the restart is in its 10 s back-off, so that SyncPod ends
    // with the container exited 0, and getPhase under OnFailure gives Succeeded.
    const r = runInline({ 'p.yaml': manifest('OnFailure'), 's.yaml': scenario('20s') });
    expect(r.events.some((e) => e.type === 'container/backOff' && e.at === 16_000)).toBe(true);
    expect(r.statuses('p')).not.toContain('Succeeded');
    expect(r.statuses('p').at(-1)).toBe('Completed');
    const del = r.events.find((e) => e.type === 'pod/deletionRequested')!;
    expect(del.payload).toEqual({ gracePeriodSeconds: 0 });
  });

  it('is then done: nothing restarts it, and the pod terminates at once', () => {
    // The refused start ended the SyncPod that killed it; the next sync (the PLEG event of the
    // exit, queued behind it) asks ShouldContainerBeRestarted, which under OnFailure does not
    // restart a container that exited 0, and getPhase says Succeeded: syncPod returns isTerminal.
    // (Before, later syncs kept its back-off going and started it at 26 s in a Succeeded pod.)
    const r = runInline({ 'p.yaml': manifest('OnFailure'), 's.yaml': scenario(undefined, '90s') });
    const starts = r.events.filter((e) => e.type === 'container/started').map((e) => e.at);
    expect(starts).toEqual([1_000, 6_000, 11_000]);
    const backOffs = r.events.filter((e) => e.type === 'container/backOff').map((e) => e.at);
    expect(backOffs).toEqual([16_000]);
    const terminated = r.events.find((e) => e.type === 'pod/terminated');
    expect(terminated?.at).toBe(16_000);
    expect(r.state.pods.get('default/p')!.pod.status!.phase).toBe('Succeeded');
  });

  it('under Always, keeps restarting after the back-off', () => {
    const r = runInline({ 'p.yaml': manifest('Always'), 's.yaml': scenario(undefined, '90s') });
    const starts = r.events.filter((e) => e.type === 'container/started').map((e) => e.at);
    expect(starts.length).toBeGreaterThan(3);
    expect(r.events.some((e) => e.type === 'pod/terminated')).toBe(false);
  });

  it('under Always, the refused restart is refused again by the sync of the exit: two BackOffs', () => {
    // The SyncPod that killed the container at 15 s is refused its restart at the exit (16 s);
    // the PLEG event of that exit waited for it and runs the next sync, which generates the
    // status (waiting CrashLoopBackOff) and is refused again: kubectl describe shows BackOff x2.
    const r = runInline({ 'p.yaml': manifest('Always'), 's.yaml': scenario(undefined, '30s') });
    const backOffs = r.events.filter((e) => e.type === 'container/backOff').map((e) => e.at);
    expect(backOffs).toEqual([16_000, 16_000]);
    // Both syncs are the exit's: each BackOff names the exit as its cause, not the other BackOff.
    const exit = r.events.find((e) => e.type === 'container/exited' && e.at === 16_000)!;
    const first = r.events.filter((e) => e.type === 'container/backOff').slice(0, 2);
    expect(first.map((e) => e.cause)).toEqual([exit.seq, exit.seq]);
    // From the end of 16 s on, STATUS is CrashLoopBackOff, not the exit's Completed (before, the
    // next status came with the resync 10 s later).
    const at16 = runInline(
      { 'p.yaml': manifest('Always'), 's.yaml': scenario(undefined, '30s') },
      { untilMs: 16_000 },
    );
    const pod = at16.state.pods.get('default/p')!.pod as Pod;
    expect(printPodRow(pod, nowRfc(at16.state, 16_000)).status).toBe('CrashLoopBackOff');
    expect(r.statuses('p').slice(-3)).toEqual(['Completed', 'CrashLoopBackOff', 'Running']);
  });
});
