/**
 * Deployment properties over generated Deployments, container behaviours, rollouts, scalings and
 * node losses, run for up to 40 minutes (past the default progress deadline): every run ends; a
 * rollout times out only after its deadline and at most a second after it (progress.go
 * requeueStuckDeployment, docs/kubernetes-rules.md §34); a Deployment of healthy pods ends complete.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import { loadInline } from '../test/helpers/inline.js';
import { simulate } from '../src/engine/run.js';
import type { SimEvent } from '../src/events/catalog.js';
import { parseRfc3339 } from '../src/model/time.js';
import { propertyParameters } from '../src/check/property.js';
import { DEFAULT_RUNS, seedOf } from './support.js';

type Behaviour = 'healthy' | 'failsLater' | 'neverReady' | 'crashes';

interface Case {
  replicas: number;
  strategy: { type: 'Recreate' } | { type: 'RollingUpdate'; surge: number; unavailable: number };
  deadline: number;
  minReady: number;
  behaviour: Behaviour;
  afterS: number;
  periodS: number;
  rolloutAtS: number | null;
  scaleTo: { atS: number; replicas: number } | null;
  untilMin: number;
  nodeDown: { atS: number; forS: number } | null;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    replicas: fc.integer({ min: 1, max: 5 }),
    strategy: fc.oneof(
      fc.constant({ type: 'Recreate' as const }),
      fc
        .record({
          surge: fc.integer({ min: 0, max: 2 }),
          unavailable: fc.integer({ min: 0, max: 2 }),
        })
        .filter((s) => s.surge + s.unavailable > 0)
        .map((s) => ({ type: 'RollingUpdate' as const, ...s })),
    ),
    deadline: fc.integer({ min: 5, max: 180 }),
    minReadyFraction: fc.double({ min: 0, max: 0.9, noNaN: true }),
    behaviour: fc.constantFrom<Behaviour>('healthy', 'failsLater', 'neverReady', 'crashes'),
    afterS: fc.integer({ min: 1, max: 120 }),
    periodS: fc.integer({ min: 1, max: 10 }),
    rolloutAtS: fc.option(fc.integer({ min: 10, max: 900 }), { nil: null }),
    scaleTo: fc.option(
      fc.record({
        atS: fc.integer({ min: 10, max: 900 }),
        replicas: fc.integer({ min: 0, max: 6 }),
      }),
      { nil: null },
    ),
    untilMin: fc.integer({ min: 5, max: 40 }),
    nodeDown: fc.option(
      fc.record({ atS: fc.integer({ min: 10, max: 900 }), forS: fc.integer({ min: 5, max: 900 }) }),
      { nil: null },
    ),
  })
  .map(({ minReadyFraction, ...c }) => ({
    ...c,
    minReady: Math.floor(minReadyFraction * Math.min(c.deadline - 1, 20)),
  }));

function deploymentYaml(c: Case, replicas: number, revision: number): string {
  const strategy =
    c.strategy.type === 'Recreate'
      ? '{type: Recreate}'
      : `{type: RollingUpdate, rollingUpdate: {maxSurge: ${c.strategy.surge}, maxUnavailable: ${c.strategy.unavailable}}}`;
  const script = {
    healthy: 'touch /tmp/ready; sleep 100000',
    failsLater: `touch /tmp/ready; sleep ${c.afterS}; rm -f /tmp/ready; sleep 100000`,
    neverReady: 'sleep 100000',
    crashes: `touch /tmp/ready; sleep ${c.afterS}; exit 1`,
  }[c.behaviour];
  const probes = `readinessProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: ${c.periodS}}
        livenessProbe: {exec: {command: [cat, /tmp/ready]}, initialDelaySeconds: ${c.afterS + c.periodS}, periodSeconds: ${c.periodS}}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  progressDeadlineSeconds: ${c.deadline}
  minReadySeconds: ${c.minReady}
  strategy: ${strategy}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}, annotations: {revision: "${revision}"}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: c
        image: registry.k8s.io/busybox
        args: [/bin/sh, -c, "${script}"]
        ${c.behaviour === 'neverReady' || c.behaviour === 'healthy' ? probes.split('\n')[0] : probes}
`;
}

function files(c: Case): Record<string, string> {
  const actions: string[] = [];
  const later: Array<{ at: number; text: string }> = [];
  let replicas = c.replicas;
  let revision = 1;
  const steps = [
    ...(c.rolloutAtS === null ? [] : [{ at: c.rolloutAtS, kind: 'rollout' as const }]),
    ...(c.scaleTo === null ? [] : [{ at: c.scaleTo.atS, kind: 'scale' as const }]),
  ].sort((a, b) => a.at - b.at || (a.kind < b.kind ? -1 : 1));
  for (const s of steps) {
    if (s.kind === 'rollout') revision += 1;
    else replicas = c.scaleTo!.replicas;
    later.push({ at: s.at, text: deploymentYaml(c, replicas, revision) });
  }
  const out: Record<string, string> = { 'd.yaml': deploymentYaml(c, c.replicas, 1) };
  later.forEach((l, i) => {
    out[`_d${i}.yaml`] = l.text;
    actions.push(`  - {at: ${l.at}s, apply: d${i}.yaml}`);
  });
  if (c.nodeDown) {
    actions.push(`  - {at: ${c.nodeDown.atS}s, nodeDown: n1}`);
    actions.push(`  - {at: ${c.nodeDown.atS + c.nodeDown.forS}s, nodeUp: n1}`);
  }
  out['s.yaml'] = `apiVersion: podsim/v1alpha1
kind: Scenario
until: ${c.untilMin}m
manifests: [d.yaml]
nodes: [{name: n1, images: [registry.k8s.io/busybox]}, {name: n2, images: [registry.k8s.io/busybox]}]
${actions.length > 0 ? `actions:\n${actions.join('\n')}` : ''}
`;
  return out;
}

const progressingOf = (st: DeploymentStatus): DeploymentCondition | undefined =>
  (st.conditions ?? []).find((x) => x.type === 'Progressing');

describe('Deployments over long runs', () => {
  it('every run ends; a rollout times out after its deadline and within a second of it; healthy pods end complete', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const inputs = loadInline(files(c));
        const events: SimEvent[] = [];
        const r = simulate(inputs, { onEvent: (e) => void events.push(e) });
        const epoch = r.state.epochMs;
        let last: DeploymentCondition | undefined;
        for (const e of events) {
          if (e.type !== 'deployment/statusUpdated') continue;
          const cond = progressingOf((e.payload as { status: DeploymentStatus }).status);
          if (cond?.reason === 'ProgressDeadlineExceeded' && last?.reason !== cond.reason) {
            const from = parseRfc3339(last!.lastUpdateTime!)! - epoch;
            const due = from + c.deadline * 1000;
            expect(e.at, `timed out at ${e.at} ms, deadline ${due} ms`).toBeGreaterThan(due);
            expect(e.at, `timed out at ${e.at} ms, deadline ${due} ms`).toBeLessThanOrEqual(
              due + 1000,
            );
          }
          last = cond;
        }
        const lastChange = Math.max(c.rolloutAtS ?? 0, c.scaleTo?.atS ?? 0) * 1000;
        // A lost node's pods are evicted (300 s tolerations) and replaced; its kubelet comes back.
        const settled = c.nodeDown
          ? Math.max(lastChange, (c.nodeDown.atS + c.nodeDown.forS + 600) * 1000)
          : lastChange;
        if (c.behaviour === 'healthy' && c.untilMin * 60_000 >= settled + 120_000) {
          const d = r.state.objects.get('Deployment/default/web')!.object as {
            spec: { replicas: number };
            status: DeploymentStatus;
          };
          const want = d.spec.replicas;
          expect(d.status).toMatchObject({
            replicas: want,
            updatedReplicas: want,
            availableReplicas: want,
          });
          expect(progressingOf(d.status)?.reason).toBe('NewReplicaSetAvailable');
        }
      }),
      {
        ...propertyParameters({ numRuns: DEFAULT_RUNS * 2, seed: seedOf('deployments') }),
        endOnFailure: true,
      },
    );
  });
});
