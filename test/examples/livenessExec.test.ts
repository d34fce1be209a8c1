/**
 * The Kubernetes docs' liveness-exec pod: `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy;
 * sleep 600` with `cat /tmp/healthy` probed every 5 s after a 5 s delay (failureThreshold 3).
 */
import { describe, expect, it } from 'vitest';
import { cli, examplePath, runFiles, times } from '../helpers/run.js';

const run = runFiles([examplePath('liveness-exec')], { untilMs: 10 * 60_000 });
const unhealthy = run.events
  .filter((e) => e.notes?.some((n) => n.reason === 'Unhealthy'))
  .map((e) => e.at);
const killing = times(run.events, 'container/killing');
const sigkill = times(
  run.events,
  'container/signalled',
  (e) => (e.payload as { signal?: string }).signal === 'SIGKILL',
);
const sigterm = times(
  run.events,
  'container/signalled',
  (e) => (e.payload as { signal?: string }).signal === 'SIGTERM',
);
const started = times(run.events, 'container/started');

describe('liveness-exec', () => {
  it('fails three probes, is killed, and is SIGKILLed 30 s later because sh ignores SIGTERM', () => {
    // Sandbox 1 s + a 500 ms pull (Always policy, image cached) → started at 1.5 s. The probe
    // worker starts at the first sync (t=0) and ticks every 5 s: 0, 5, 10 … The first tick at
    // least initialDelaySeconds (5) after the start is 10 s. /tmp/healthy disappears at 31.5 s,
    // so the ticks at 35, 40, 45 s fail; the third reaches failureThreshold 3 → Killing at 45 s.
    expect(started[0]).toBe(1_500);
    expect(unhealthy.slice(0, 3)).toEqual([35_000, 40_000, 45_000]);
    expect(killing[0]).toBe(45_000);
    // SIGTERM at once (no preStop); `sh -c` as PID 1 has no handler, so the kubelet waits the
    // pod's terminationGracePeriodSeconds (30) and sends SIGKILL: 45 s + 30 s = 75 s.
    expect(sigterm[0]).toBe(45_000);
    expect(sigkill[0]).toBe(75_000);
    const exit = run.events.find((e) => e.type === 'container/exited')!;
    expect(exit.at).toBe(75_000);
    expect(exit.payload).toMatchObject({ exitCode: 137, reason: 'Error', signal: 'SIGKILL' });
  });

  it('restarts at once after the first kill (no back-off record yet), then every 75 s', () => {
    // The restart runs in the same SyncPod as the kill; the first kill finds no earlier exited
    // instance, so it restarts immediately: 75 s + 500 ms pull. Each cycle then lasts
    // 5 s (first probe ≥ delay) + 30 s healthy + 3 × 5 s failures + 30 s grace = 75 s.
    expect(started.slice(0, 4)).toEqual([1_500, 75_500, 150_500, 225_500]);
    expect(killing.slice(0, 3)).toEqual([45_000, 120_000, 195_000]);
  });

  it('lets the back-off bite once it outgrows the 75 s cycle (at the sixth kill)', () => {
    // Back-off records: kill 2 → 10 s, kill 3 → 20 s, kill 4 → 40 s, kill 5 → 80 s. At kill 6
    // (exit at 450 s) the restart in the killing SyncPod still sees the previous exit (375 s):
    // 75 s < 80 s → CrashLoopBackOff. The next syncs see the killed instance itself, so the
    // container waits until its exit + 80 s = 530 s.
    const backOff = run.events.find((e) => e.type === 'container/backOff');
    expect(backOff?.payload).toMatchObject({ delayMs: 80_000 });
    const sixthKillExit = times(run.events, 'container/exited')[5]!;
    expect(sixthKillExit).toBe(75_000 * 6);
    expect(backOff!.at).toBe(450_000);
    expect(backOff!.payload.retryAt).toBe(530_000);
    expect(started[6]).toBe(530_500);
  });

  it('describe at 3m shows the kubelet events with counts and ages as kubectl aggregates them', async () => {
    const r = await cli([
      'describe',
      'pod',
      'liveness-exec',
      examplePath('liveness-exec'),
      '--at',
      '3m',
    ]);
    expect(r.code).toBe(0);
    const events = r.out.slice(r.out.indexOf('Events:'));
    // Unhealthy: 3 per cycle; at 180 s the cycles at 35–45 s and 110–120 s are complete
    // (6 failures), the third cycle fails from 185 s on. Last one 60 s ago, first 145 s ago.
    expect(events).toContain(
      "Warning  Unhealthy  60s (x6 over 2m25s)  kubelet            Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    // Killing at 45 s and 120 s; Started at 1.5 s, 75.5 s, 150.5 s. Event timestamps have
    // whole-second precision (1 s, 75 s, 150 s), so at 180 s the ages are 30 s and 2m59s.
    expect(events).toContain(
      'Normal   Killing    60s (x2 over 2m15s)  kubelet            Container liveness failed liveness probe, will be restarted',
    );
    expect(events).toContain(
      'Normal   Started    30s (x3 over 2m59s)  kubelet            Started container liveness',
    );
  });
});
