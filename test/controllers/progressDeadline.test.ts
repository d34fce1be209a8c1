/**
 * The Deployment's Progressing condition and requeueStuckDeployment (progress.go): when a rollout
 * times out, and that a completed rollout whose pods later fail keeps its NewReplicaSetAvailable
 * condition without requeueing itself at its own instant.
 */
import { describe, expect, it } from 'vitest';
import type { DeploymentCondition } from 'kubernetes-types/apps/v1.js';
import { runInline } from '../helpers/inline.js';
import { busyboxDeployment, busyboxScenario as scenario } from '../helpers/manifests.js';
import { spinUntil } from '../../src/controllers/deploymentStatus.js';

const LIVENESS_EXEC = 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600';
const deployment = (container: string[], deadline = 20): string =>
  busyboxDeployment({
    replicas: 2,
    script: LIVENESS_EXEC,
    spec: [`progressDeadlineSeconds: ${deadline}`],
    container,
  });

const progressing = (r: ReturnType<typeof runInline>): DeploymentCondition | undefined =>
  (
    (
      r.state.objects.get('Deployment/default/web')!.object as {
        status?: { conditions?: DeploymentCondition[] };
      }
    ).status?.conditions ?? []
  ).find((c) => c.type === 'Progressing');

const progressingAt = (r: ReturnType<typeof runInline>): Array<[number, string]> => {
  const out: Array<[number, string]> = [];
  for (const e of r.events) {
    if (e.type !== 'deployment/statusUpdated') continue;
    const c = (
      (e.payload as { status: { conditions?: DeploymentCondition[] } }).status.conditions ?? []
    ).find((x) => x.type === 'Progressing');
    if (c && out[out.length - 1]?.[1] !== c.reason) out.push([e.at, c.reason!]);
  }
  return out;
};

describe('progressDeadlineSeconds', () => {
  it('a completed rollout whose pods then crash-loop stays NewReplicaSetAvailable, and the run ends', () => {
    // Both pods are available at ~1 s; from 35 s the liveness probe kills them again and again.
    // requeueStuckDeployment would requeue at once, rate-limited, for as long as they are
    // unavailable; those syncs find nothing new, so podsim does not run them (before, it
    // requeued at its own instant forever once the deadline had passed: the run never ended).
    const r = runInline({
      'd.yaml': deployment([
        'livenessProbe: {exec: {command: [cat, /tmp/healthy]}, initialDelaySeconds: 5, periodSeconds: 5}',
      ]),
      's.yaml': scenario('5m'),
    });
    expect(progressingAt(r).map(([, reason]) => reason)).toEqual([
      'NewReplicaSetCreated',
      'ReplicaSetUpdated',
      'NewReplicaSetAvailable',
    ]);
    expect(progressing(r)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    const restarts = r.events.filter((e) => e.type === 'container/killing').length;
    expect(restarts).toBeGreaterThan(4);
  });

  it('a rollout that stops progressing times out one second after the deadline', () => {
    // Readiness never succeeds: the last progress is the ReplicaSet's pods being created; the
    // controller looks again after lastUpdateTime + 20 s + 1 s and writes ProgressDeadlineExceeded.
    const r = runInline({
      'd.yaml': deployment([
        'readinessProbe: {exec: {command: [cat, /tmp/never]}, periodSeconds: 5}',
      ]),
      's.yaml': scenario('2m'),
    });
    const steps = progressingAt(r);
    const last = steps[steps.length - 1]!;
    expect(last[1]).toBe('ProgressDeadlineExceeded');
    const before = steps[steps.length - 2]!;
    const lastUpdate = Math.floor(before[0] / 1000) * 1000; // RFC 3339 keeps whole seconds
    expect(last[0]).toBe(lastUpdate + 21_000);
    expect(progressing(r)).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: expect.stringMatching(/^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/),
    });
  });

  it('with no deadline (math.MaxInt32) there is no Progressing condition', () => {
    const r = runInline({
      'd.yaml': deployment([], 2147483647),
      's.yaml': scenario('10s'),
    });
    expect(progressing(r)).toBeUndefined();
    expect(progressingAt(r)).toEqual([]);
  });
});

describe('the rate-limited requeue with less than a second left (spinUntil)', () => {
  it('runs every 5 ms while the queue has tokens, then one per 100 ms, until past the deadline', () => {
    expect(spinUntil(0, 0)).toBe(5); // strictly after: DeploymentTimedOut uses Before(now)
    expect(spinUntil(0, 7)).toBe(10);
    expect(spinUntil(1000, 1400)).toBe(1405);
    // ~105 requeues spend the 100 tokens (and the 5 the bucket gains meanwhile); the next waits.
    expect(spinUntil(0, 520)).toBe(525);
    expect(spinUntil(0, 530)).toBe(601);
    expect(spinUntil(0, 999)).toBe(1001);
    // Never at its own instant, even with the deadline already behind it.
    expect(spinUntil(50, 10)).toBe(55);
  });
});
