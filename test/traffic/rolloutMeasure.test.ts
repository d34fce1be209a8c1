/**
 * Rollout measurements (podsim rollout status) on the rolling updates of 4 nginx replicas with a
 * readiness probe every 2 s: traces/rollout-traffic (nginx exits at SIGTERM) and
 * traces/rollout-prestop (preStop sleep 5 s). Expected values come from the manifests
 * and the rules: maxSurge 25% of 4 rounds up to 1, maxUnavailable 25% of 4 rounds down to 1
 * (deployment/util ResolveFenceposts); sandbox 1 s (podsim's default), image already present;
 * the readiness worker ticks every periodSeconds from the pod's first sync (prober/worker.go).
 */
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/spec/scenario.js';
import { rolloutHistory } from '../../src/trace/rolloutStatus.js';
import { cli, examplePath, runFiles } from '../helpers/run.js';

const UPDATE_AT = 60_000; // the scenario applies web-v2.yaml at 60s
const PRESTOP = 5_000;

const dep = parseAllDocuments(
  readFileSync('traces/rollout-traffic/web.yaml', 'utf8'),
)[0]!.toJSON() as {
  spec: {
    replicas: number;
    strategy: { rollingUpdate: { maxSurge: string; maxUnavailable: string } };
    template: {
      spec: {
        containers: Array<{
          readinessProbe: { periodSeconds: number; initialDelaySeconds?: number };
        }>;
      };
    };
  };
};
const replicas = dep.spec.replicas;
const pct = (s: string): number => Number(s.replace('%', '')) / 100;
const surge = Math.ceil(pct(dep.spec.strategy.rollingUpdate.maxSurge) * replicas);
const unavailable = Math.floor(pct(dep.spec.strategy.rollingUpdate.maxUnavailable) * replicas);
const probe = dep.spec.template.spec.containers[0]!.readinessProbe;
const periodMs = probe.periodSeconds * 1000;

// Each step creates surge + unavailable new pods (the new RS may go to replicas + surge while
// the old one goes down by unavailable); they start after the sandbox and are Ready at the first
// probe tick at or after their start (ticks from creation, every period; no initial delay).
const batch = surge + unavailable;
const steps = Math.ceil(replicas / batch);
const stepMs =
  Math.ceil(Math.max(DEFAULTS.sandboxMs, (probe.initialDelaySeconds ?? 0) * 1000) / periodMs) *
  periodMs;
const duration = steps * stepMs;

describe('rollout measurements of a 4-replica rolling update', () => {
  it('derives 1 surge, 1 unavailable, 2 steps of 2 s', () => {
    expect([surge, unavailable, steps, stepMs]).toEqual([1, 1, 2, 2_000]);
  });

  for (const [name, lastOldGone] of [
    ['rollout-traffic', UPDATE_AT + duration],
    ['rollout-prestop', UPDATE_AT + duration + PRESTOP],
  ] as const) {
    it(`${name}: completes after the derived duration, never below replicas − maxUnavailable ready endpoints`, () => {
      const run = runFiles([examplePath(name)]);
      const h = rolloutHistory(run.events, { namespace: 'default', name: 'web' });
      const update = h.rollouts.find((r) => r.from === UPDATE_AT)!;
      expect(update.complete).toBe(UPDATE_AT + duration);
      // Old pods stop counting when they are terminating; with preStop they exist 5 s longer.
      expect(update.lastOldPodGone).toBe(lastOldGone);
      expect(update.minReadyEndpoints).toEqual([
        { service: 'svc/web', min: replicas - unavailable, at: UPDATE_AT },
      ]);
    });
  }

  it('prints kubectl rollout status lines and the summary', async () => {
    const r = await cli([
      'rollout',
      'status',
      'traces/rollout-traffic/trace.jsonl',
      'deployment/web',
    ]);
    expect(r.code).toBe(0);
    const t = (ms: number): string => `${ms / 1000}s`.padStart(4);
    expect(r.out).toBe(
      [
        'TIME  STATUS',
        // The first rollout: the Deployment created, its pods Ready at the first tick after start.
        `${t(0)}  Waiting for deployment "web" rollout to finish: 0 of ${replicas} updated replicas are available...`,
        `${t(stepMs)}  deployment "web" successfully rolled out`,
        // At 60 s the new ReplicaSet takes the surge and the room the unavailable budget frees.
        `${t(UPDATE_AT)}  Waiting for deployment "web" rollout to finish: ${batch} out of ${replicas} new replicas have been updated...`,
        // After the first step all replicas are updated; old ones not yet scaled away remain.
        `${t(UPDATE_AT + stepMs)}  Waiting for deployment "web" rollout to finish: ${replicas - unavailable - batch} old replicas are pending termination...`,
        `${t(UPDATE_AT + duration)}  deployment "web" successfully rolled out`,
        '',
        `rollout from 0s: complete at ${stepMs / 1000}s after ${stepMs / 1000}s; min ready endpoints svc/web 0 (at 0s)`,
        `rollout from 60s: complete at ${(UPDATE_AT + duration) / 1000}s after ${duration / 1000}s; last old pod gone at ${(UPDATE_AT + duration) / 1000}s; min ready endpoints svc/web ${replicas - unavailable} (at 60s)`,
        '',
      ].join('\n'),
    );
  });

  it('answers podsim when ... endpoints svc/web min over the rollout', async () => {
    const r = await cli([
      'when',
      'traces/rollout-traffic/trace.jsonl',
      'endpoints',
      'svc/web',
      'min',
      '60s',
      '70s',
    ]);
    const until = UPDATE_AT + duration;
    expect(r.out.split('\n')[1]).toBe(
      `60s    60000   svc/web   ${replicas - unavailable} ready endpoints (the fewest between 60s and 70s) until ${until / 1000}s (${until} ms), for ${duration} ms`,
    );
  });

  it('rejects a missing verb, deployment or source with a usage error', async () => {
    expect((await cli(['rollout', 'history', 'deployment/web'])).code).toBe(2);
    expect((await cli(['rollout', 'status', 'traces/rollout-traffic/trace.jsonl'])).code).toBe(2);
    const none = await cli([
      'rollout',
      'status',
      'traces/rollout-traffic/trace.jsonl',
      'deployment/nope',
    ]);
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      'podsim: rollout: no deployment/nope in traces/rollout-traffic/trace.jsonl\n',
    );
  });
});
