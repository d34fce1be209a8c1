/**
 * pod3.yaml (`sleep 30; exit 3`) under restartPolicy Always and Never: the restart times follow
 * from the kubelet's rules, derived here step by step.
 */
import { describe, expect, it } from 'vitest';
import { examplePath, runFiles, times, cli } from '../helpers/run.js';

describe('sleep 30; exit 3 with restartPolicy Always', () => {
  const run = runFiles([examplePath('sleep-exit-always')], { untilMs: 15 * 60_000 });
  const started = times(run.events, 'container/started');
  const exited = times(run.events, 'container/exited');

  it('starts after the sandbox (1 s) and the Always-policy pull of a cached image (500 ms)', () => {
    // busybox has no tag → "latest" → imagePullPolicy Always: the kubelet pulls before every start;
    // the node has the image, so the pull only re-checks the manifest (500 ms in podsim).
    expect(started[0]).toBe(1_500);
    expect(exited[0]).toBe(31_500);
  });

  it('restarts at the times the kubelet back-off implies', () => {
    // Each instance runs 30 s. Restart k is decided at finish + delay_k, then pulls for 500 ms:
    //   delay_1 = 0 (no back-off record yet), then 10 s, 20 s, 40 s, 80 s, 160 s, 300 s (cap).
    const delays = [0, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000];
    const expected: number[] = [1_500];
    for (const d of delays) expected.push(expected[expected.length - 1]! + 30_000 + d + 500);
    expect(started.slice(0, expected.length)).toEqual(expected);
    expect(expected).toEqual([1_500, 32_000, 72_500, 123_000, 193_500, 304_000, 494_500, 825_000]);
  });

  it('never waits more than 300 s between a finish and the next start', () => {
    for (let i = 1; i < started.length; i++)
      expect(started[i]! - exited[i - 1]!).toBeLessThanOrEqual(300_500);
  });

  it('prints Error, then CrashLoopBackOff one resync later, then Running, as kubectl -w shows', async () => {
    const r = await cli(['run', examplePath('sleep-exit-always'), '--until', '80s']);
    expect(r.code).toBe(0);
    const statuses = r.out
      .trim()
      .split('\n')
      .slice(1)
      .map((l) =>
        l
          .split(/\s{2,}/)
          .slice(0, 4)
          .join(' | '),
      );
    expect(statuses).toEqual([
      'foo | 0/1 | Pending | 0',
      'foo | 0/1 | ContainerCreating | 0',
      'foo | 1/1 | Running | 0',
      'foo | 0/1 | Error | 0',
      'foo | 1/1 | Running | 1 (1s ago)',
      'foo | 0/1 | Error | 1 (31s ago)',
      'foo | 0/1 | CrashLoopBackOff | 1 (10s ago)',
      'foo | 1/1 | Running | 2 (10s ago)',
    ]);
  });
});

describe('sleep 30; exit 3 with restartPolicy Never', () => {
  const run = runFiles([examplePath('sleep-exit-never')]);

  it('exits once, is never restarted, and the pod ends Failed with the sandbox removed', () => {
    expect(times(run.events, 'container/started')).toEqual([1_500]);
    expect(times(run.events, 'container/exited')).toEqual([31_500]);
    expect(times(run.events, 'pod/terminated')).toEqual([31_500]);
    const pod = run.state.pods.get('default/foo')!.pod;
    expect(pod.status!.phase).toBe('Failed');
    expect(pod.status!.containerStatuses![0]!.state!.terminated).toMatchObject({
      exitCode: 3,
      reason: 'Error',
    });
  });
});
