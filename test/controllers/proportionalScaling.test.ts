/**
 * Proportional scaling (pkg/controller/deployment/sync.go scale, deployment_util.go GetProportion):
 * a Deployment scaled while a rolling update is stuck halfway shares the new replicas among its
 * active ReplicaSets in proportion to their sizes. Every number is derived here from the rule.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

const deployment = (image: string, probe: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 4
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: nginx
          image: ${image}
          ports: [{ containerPort: 80 }]
${probe}`;

// v2's readiness probe asks for a page nginx does not have: its pods never become ready, so the
// rollout stops where maxUnavailable allows no further scale-down.
const V2_PROBE = `          readinessProbe: { httpGet: { path: /missing, port: 80 }, periodSeconds: 5 }`;

const run = (actions: string) =>
  runInline({
    'scenario.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
manifests: [web.yaml]
nodes: [{ name: node-1, cpu: '16', memory: 64Gi, images: [nginx:1.25, nginx:1.26] }]
actions:
  - { at: 30s, apply: web-v2.yaml }
${actions}
`,
    '_web.yaml': deployment('nginx:1.25', ''),
    '_web-v2.yaml': deployment('nginx:1.26', V2_PROBE),
  });

/** The 25% defaults: surge rounded up, unavailable rounded down. */
const surge = (n: number): number => Math.ceil(n * 0.25);
const unavailable = (n: number): number => Math.floor(n * 0.25);

const scalings = (r: ReturnType<typeof run>, at: number): string[] =>
  r.events
    .filter((e) => e.at === at)
    .flatMap((e) => (e.notes ?? []).filter((n) => n.reason === 'ScalingReplicaSet'))
    .map((n) => n.message.replace(/web-[a-z0-9]+/, (m) => (m === OLD ? 'OLD' : 'NEW')));

let OLD = '';

describe('scaling a Deployment in the middle of a rolling update', () => {
  it('stops the rollout at old 3 / new 2 (maxSurge 1, maxUnavailable 1 of 4)', () => {
    const r = run('');
    OLD = r.events
      .find((e) => e.type === 'object/applied' && e.object.startsWith('ReplicaSet/'))!
      .object.split('/')[2]!;
    // New RS gets the surge (4 + 1 − 4 = 1); old scales down by total − minAvailable − new
    // unavailable = 5 − 3 − 1 = 1; the new RS then fills the freed slot: 2. No new pod is ever
    // available, so old may not go below 4 − 1 = 3.
    const oldSize = 4 - (4 + surge(4) - (4 - unavailable(4)) - surge(4));
    expect(oldSize).toBe(3);
    expect(scalings(r, 30_000)).toEqual([
      'Scaled up replica set NEW from 0 to 1',
      `Scaled down replica set OLD from 4 to ${oldSize}`,
      `Scaled up replica set NEW from 1 to ${4 + surge(4) - oldSize}`,
    ]);
  });

  it('shares a scale to 8 out in proportion: old 3 → 6, new 2 → 4', () => {
    const r = run('  - { at: 60s, scale: deployment/web, replicas: 8 }');
    // allowed = 8 + surge(8) = 10; to add = 10 − (3 + 2) = 5; each RS was sized for
    // max-replicas 4 + surge(4) = 5: old round(3 × 10 / 5) − 3 = 3, new round(2 × 10 / 5) − 2 = 2.
    const allowed = 8 + surge(8);
    const before = 4 + surge(4);
    const oldAdd = Math.round((3 * allowed) / before) - 3;
    const newAdd = Math.min(Math.round((2 * allowed) / before) - 2, allowed - 5 - oldAdd);
    expect([oldAdd, newAdd]).toEqual([3, 2]);
    // Largest first (the old one), so its event comes first.
    expect(scalings(r, 60_000)).toEqual([
      `Scaled up replica set OLD from 3 to ${3 + oldAdd}`,
      `Scaled up replica set NEW from 2 to ${2 + newAdd}`,
    ]);
    // Both now carry the new desired/max annotations: no further scaling event, and the
    // rollout stays stuck (new pods unavailable: 10 − (8 − 2) − 4 = 0 may go).
    expect(r.events.filter((e) => e.at > 60_000 && e.type === 'workload/scaled')).toEqual([]);
  });

  it('scales down older first among equals: 8 → 2 during the stuck rollout', () => {
    const r = run(
      '  - { at: 60s, scale: deployment/web, replicas: 8 }\n  - { at: 90s, scale: deployment/web, replicas: 2 }',
    );
    // From old 6 / new 4 (max-replicas 10): allowed = 2 + surge(2) = 3, to add = 3 − 10 = −7.
    // Old: round(6 × 3 / 10) − 6 = −4 (max with −7); new: round(4 × 3 / 10) − 4 = −3 (max with −3).
    const allowed = 2 + surge(2);
    const oldD = Math.max(Math.round((6 * allowed) / 10) - 6, allowed - 10);
    const newD = Math.max(Math.round((4 * allowed) / 10) - 4, allowed - 10 - oldD);
    expect([oldD, newD]).toEqual([-4, -3]);
    expect(scalings(r, 90_000).slice(0, 2)).toEqual([
      `Scaled down replica set OLD from 6 to ${6 + oldD}`,
      `Scaled down replica set NEW from 4 to ${4 + newD}`,
    ]);
  });
});
