/**
 * revisionHistoryLimit (sync.go cleanupDeployment) and the garbage collector's background
 * cascading deletion. One nginx replica, images cached: a rollout's new pod runs 1 s (the sandbox)
 * after its ReplicaSet is scaled up, and nginx exits at once on its stop signal.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { runInline } from '../helpers/inline.js';
import { times } from '../helpers/run.js';

const SANDBOX = 1_000;

const deployment = (image: string, limit = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
${limit}  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: nginx, image: ${image} }]
`;

const run = (limit: string, extra = '') =>
  runInline({
    'scenario.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
manifests: [v1.yaml]
nodes: [{ name: node-1, images: [nginx:1.25, nginx:1.26, nginx:1.27] }]
actions:
  - { at: 30s, apply: v2.yaml }
  - { at: 60s, apply: v3.yaml }
${extra}`,
    '_v1.yaml': deployment('nginx:1.25', limit),
    '_v2.yaml': deployment('nginx:1.26', limit),
    '_v3.yaml': deployment('nginx:1.27', limit),
  });

const rsCreated = (events: readonly SimEvent[]): string[] =>
  events
    .filter((e) => e.type === 'object/applied' && e.object.startsWith('ReplicaSet/'))
    .map((e) => e.object)
    .filter((k, i, all) => all.indexOf(k) === i);

describe('revisionHistoryLimit', () => {
  it('deletes the oldest old ReplicaSet once the third rollout completes (limit 1)', () => {
    const r = run('  revisionHistoryLimit: 1\n');
    const [v1, v2, v3] = rsCreated(r.events);
    // Each rollout completes when the old pod is scaled away, 1 s after the new pod's
    // ReplicaSet was created (maxSurge 1, maxUnavailable 0 for one replica). After the v2
    // rollout one old ReplicaSet is within the limit; after v3 there are two: revision 1 goes.
    const deleted = r.events.filter(
      (e) => e.type === 'object/deleted' && e.object.startsWith('ReplicaSet/'),
    );
    expect(deleted.map((e) => [e.at, e.object])).toEqual([[60_000 + SANDBOX, v1]]);
    expect([...r.state.objects.keys()].filter((k) => k.startsWith('ReplicaSet/'))).toEqual([
      v2,
      v3,
    ]);
  });

  it('keeps every ReplicaSet with the default limit of 10', () => {
    const r = run('');
    expect(times(r.events, 'object/deleted')).toEqual([]);
    expect(rsCreated(r.events)).toHaveLength(3);
  });
});

describe('deleting a Deployment (background propagation)', () => {
  it('deletes its ReplicaSets and their pods at once; the pods terminate gracefully', () => {
    const r = run('', '  - { at: 90s, delete: deployment/web }\n');
    const at90 = r.events.filter((e) => e.at === 90_000);
    const deletedObjects = at90.filter((e) => e.type === 'object/deleted').map((e) => e.object);
    expect(deletedObjects).toEqual(['Deployment/default/web', ...rsCreated(r.events)]);
    // The one running pod (v3's) gets its deletion with the default 30 s grace, and is gone as
    // soon as nginx has exited on SIGTERM.
    const requested = at90.filter((e) => e.type === 'pod/deletionRequested');
    expect(requested.map((e) => e.payload)).toEqual([{ gracePeriodSeconds: 30 }]);
    expect(times(r.events, 'pod/deleted', (e) => e.object === requested[0]!.object)).toEqual([
      90_000,
    ]);
    expect(r.state.pods.size).toBe(0);
    expect(r.state.objects.size).toBe(0);
    // No controller recreates anything afterwards.
    expect(r.events.filter((e) => e.at > 90_000)).toEqual([]);
  });
});

describe("deleting a Deployment's ReplicaSet", () => {
  it('deletes its pods, and the Deployment creates the ReplicaSet and a pod again at once', () => {
    const first = run('');
    const v3 = rsCreated(first.events)[2]!;
    const name = v3.split('/')[2]!;
    const r = run('', `  - { at: 90s, delete: replicaset/${name} }\n`);
    const at90 = r.events.filter((e) => e.at === 90_000);
    expect(at90.filter((e) => e.type === 'object/deleted').map((e) => e.object)).toEqual([v3]);
    // Same template, same pod-template-hash: the same name comes back, with a new pod.
    expect(
      at90.filter((e) => e.type === 'object/applied' && e.object === v3).map((e) => e.object),
    ).toEqual([v3]);
    expect(at90.filter((e) => e.type === 'pod/deletionRequested')).toHaveLength(1);
    // The replacement pod: created at 90 s, running after the 1 s sandbox.
    const created = r.events.filter((e) => e.type === 'pod/created' && e.at === 90_000);
    expect(created).toHaveLength(1);
    expect(times(r.events, 'container/started', (e) => e.object === created[0]!.object)).toEqual([
      90_000 + SANDBOX,
    ]);
  });
});
