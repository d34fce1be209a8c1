/**
 * Probe and termination examples from the tutorials: every time asserted here is derived in the
 * comment from the probe's delay/period/threshold and the grace period.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { examplePath, runFiles, times } from '../helpers/run.js';
import { observations } from '../../src/state/recordEvents.js';

const notes = (events: SimEvent[], reason: string, pod?: string): number[] =>
  events
    .filter(
      (e) =>
        (!pod || e.object === `Pod/default/${pod}`) && e.notes?.some((n) => n.reason === reason),
    )
    .map((e) => e.at);
const signal = (s: string) => (e: SimEvent) => (e.payload as { signal?: string }).signal === s;

describe('probe-tcp (tcpSocket on a closed port: delay 5, period 10, failureThreshold 2)', () => {
  const run = runFiles([examplePath('probe-tcp')], { untilMs: 6 * 60_000 });
  const started = times(run.events, 'container/started');

  it('restarts every 20 s while the back-off is shorter than the kill cycle', () => {
    // Worker ticks at 0, 10, 20 … (aligned to the first sync at 0). Container started at 1 s
    // (sandbox; image cached). First tick with ⌊t − 1⌋ ≥ 5 is 10 s → failure 1; 20 s → failure 2
    // = failureThreshold → Killing. nginx exits at once on SIGTERM → restarted in the same sync.
    // The new container's first eligible tick is again 10 s after the previous one: a 20 s cycle.
    expect(times(run.events, 'container/killing').slice(0, 4)).toEqual([
      20_000, 40_000, 60_000, 80_000,
    ]);
    expect(started.slice(0, 5)).toEqual([1_000, 20_000, 40_000, 60_000, 80_000]);
  });

  it('enters CrashLoopBackOff once the back-off (10, 20, 40 s…) outgrows the 20 s cycle', () => {
    // Kill 2 creates the record (10 s); kill 3: previous exit 20 s ago ≥ 10 → 20 s; kill 4:
    // 20 ≥ 20 → 40 s; kill 5 at 100 s: 20 < 40 → back-off until its own exit + 40 s = 140 s.
    const backOff = run.events.find((e) => e.type === 'container/backOff')!;
    expect(backOff.at).toBe(100_000);
    expect(backOff.payload).toMatchObject({ delayMs: 40_000, retryAt: 140_000 });
    expect(started[5]).toBe(140_000);
  });
});

describe('liveness-httpget (index.html removed at 60 s; period 3, failureThreshold 3)', () => {
  const run = runFiles([examplePath('liveness-httpget')]);

  it('fails at 60, 63, 66 s, is recreated from the image at 66 s and is healthy again', () => {
    // Ticks every 3 s from 0; the exec action at 60 s runs before the probe at 60 s.
    expect(notes(run.events, 'Unhealthy')).toEqual([60_000, 63_000, 66_000]);
    expect(times(run.events, 'container/killing')).toEqual([66_000]);
    // nginx exits on SIGTERM at once; the new container has index.html again: no more failures.
    expect(times(run.events, 'container/started')).toEqual([1_000, 66_000]);
    expect(
      run.state.pods.get('default/liveness-httpget')!.pod.status!.containerStatuses![0]!
        .restartCount,
    ).toBe(1);
  });
});

describe('probe-timeout (/index.html answers after 2 s from 60 s into each container; timeout 1 s)', () => {
  const run = runFiles([examplePath('probe-timeout')]);

  it('fails each attempt at its 1 s timeout, kills on the third, and again in each container', () => {
    // Ticks every 3 s from 0. Container 1 started at 1 s, slow from 61 s: the tick of 60 s is
    // answered at once; the ticks of 63, 66, 69 s fail at 64, 67, 70 s (worker.go records the
    // result when the attempt returns) → Killing at 70 s. nginx exits at once; the restart is in
    // the same sync (the back-off is measured from the instance before, §27). Container 2, started
    // at 70 s, is slow from 130 s: ticks 132, 135, 138 → failures at 133, 136, 139 s, and so on.
    expect(notes(run.events, 'Unhealthy')).toEqual([
      64_000, 67_000, 70_000, 133_000, 136_000, 139_000, 202_000, 205_000, 208_000,
    ]);
    expect(times(run.events, 'container/killing')).toEqual([70_000, 139_000, 208_000]);
    expect(times(run.events, 'container/started')).toEqual([1_000, 70_000, 139_000, 208_000]);
    const message = run.events.flatMap((e) => e.notes ?? []).find((n) => n.reason === 'Unhealthy');
    expect(message!.message).toBe(
      'Liveness probe failed: Get "http://10.244.0.2:80/index.html": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
  });
});

describe('readiness-httpget (/index1.html does not exist)', () => {
  const run = runFiles([examplePath('readiness-httpget')]);

  it('runs but never becomes ready, recording Unhealthy for every failed readiness probe', () => {
    const pod = run.state.pods.get('default/readiness-httpget')!.pod;
    expect(pod.status!.phase).toBe('Running');
    expect(pod.status!.containerStatuses![0]!.ready).toBe(false);
    expect(pod.status!.conditions!.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
    });
    // Ticks every 3 s; started at 1 s with initialDelaySeconds 1 → first probe at 3 s, then every
    // 3 s to the 2 m horizon: 3, 6, …, 120 → 40 failures, one correlated Event. The recorder's
    // spam filter gives the kubelet 25 writes for this pod (then one per 300 s): Pulled, Created
    // and Started take 3, so the record describe lists was last written at the 22nd failure.
    const p = run.state.pods.get('default/readiness-httpget')!;
    const unhealthy = p.events.find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy).toMatchObject({ count: 22, lastAt: 66_000 });
    expect(unhealthy.message).toBe(
      'Readiness probe failed: HTTP probe failed with statuscode: 404',
    );
    expect(p.events.filter((e) => e.from === 'kubelet').map((e) => e.reason)).toEqual([
      'Pulled',
      'Created',
      'Started',
      'Unhealthy',
    ]);
    // The recorder itself counted every occurrence: the next written one would carry 41.
    expect(observations(p.recorder).find((s) => s.reason === 'Unhealthy')!.observed[0]!.count).toBe(
      40,
    );
  });
});

describe('goproxy (readiness 5/10, liveness 15/20 on tcp 8080)', () => {
  const run = runFiles([examplePath('goproxy')]);

  it('becomes Ready at the first readiness tick at least 5 s after start, and stays healthy', () => {
    // Started at 1 s. Readiness ticks 0, 10, 20 …: ⌊10 − 1⌋ = 9 ≥ 5 → success at 10 s.
    const ready = run.events.find(
      (e) => e.type === 'probe/result' && (e.payload as { cached: string }).cached === 'success',
    );
    expect(ready?.at).toBe(10_000);
    expect(run.events.filter((e) => e.type === 'probe/result').length).toBe(1); // steady successes cost nothing
    expect(times(run.events, 'container/killing')).toEqual([]);
  });
});

describe('startup-probe (nginx answers 8 s after start; startup delay 5, period 3)', () => {
  const run = runFiles([examplePath('startup-probe')]);

  it('holds liveness and readiness until startup succeeds, then probes readiness at once', () => {
    // Started at 1 s. Startup ticks 0, 3, 6, 9: ⌊6 − 1⌋ = 5 ≥ 5 → refused (1/3); 9 s → 200.
    expect(notes(run.events, 'Unhealthy')).toEqual([6_000]);
    const results = run.events
      .filter((e) => e.type === 'probe/result')
      .map((e) => [e.at, (e.payload as { probe: string }).probe]);
    expect(results).toEqual([
      [6_000, 'startup'],
      [9_000, 'startup'],
      [9_000, 'readiness'],
    ]);
    const ready = run.state.pods
      .get('default/startup-probe')!
      .pod.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'True', lastTransitionTime: '2025-01-01T00:00:09Z' });
  });
});

describe('lifecycle-hooks (preStop sleeps 10000000 s; grace 60 s; deleted at 30 s)', () => {
  const run = runFiles([examplePath('lifecycle-hooks')]);

  it('runs preStop for the whole grace period, then SIGTERM with the 2 s minimum', () => {
    // killContainer: preStop is bounded by the grace period (60 s) → ends at 90 s; the seconds
    // spent are subtracted (60 − 60 = 0) and raised to the 2 s minimum → SIGTERM at 90 s, SIGKILL
    // due at 92 s. Tomcat exits 143 one second after SIGTERM, so no SIGKILL is needed.
    expect(times(run.events, 'hook/started')).toEqual([1_000, 30_000]);
    expect(times(run.events, 'container/signalled', signal('SIGTERM'))).toEqual([90_000]);
    expect(times(run.events, 'container/signalled', signal('SIGKILL'))).toEqual([]);
    expect(times(run.events, 'container/exited')).toEqual([91_000]);
    expect(times(run.events, 'pod/deleted')).toEqual([91_000]);
  });
});

describe('delete-graceful (deleted at 30 s, grace 30 s)', () => {
  const run = runFiles([examplePath('delete-graceful')]);

  it('removes the pod that exits 2 s after SIGTERM at 32 s, and SIGKILLs the shell at 60 s', () => {
    expect(times(run.events, 'container/signalled', signal('SIGTERM'))).toEqual([30_000, 30_000]);
    const exits = run.events
      .filter((e) => e.type === 'container/exited')
      .map((e) => [e.object, e.at, (e.payload as { exitCode: number }).exitCode]);
    expect(exits).toEqual([
      ['Pod/default/graceful', 32_000, 0],
      ['Pod/default/stubborn', 60_000, 137],
    ]);
    expect(times(run.events, 'container/signalled', signal('SIGKILL'))).toEqual([60_000]);
    expect(run.events.filter((e) => e.type === 'pod/deleted').map((e) => [e.object, e.at])).toEqual(
      [
        ['Pod/default/graceful', 32_000],
        ['Pod/default/stubborn', 60_000],
      ],
    );
  });
});
