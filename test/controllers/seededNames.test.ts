/**
 * Generated names and scale-down victims are a function of the seed: two runs with seed 1 agree
 * event for event, a run with seed 2 names (and so deletes) different pods. Pod names are
 * generateName + 5 seeded characters; the victims are ranked by ActivePodsWithRanks, whose last
 * tie-breaker is the (seeded) UID.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { examplePath, runFiles } from '../helpers/run.js';
import { runInline } from '../helpers/inline.js';

const messages = (events: readonly SimEvent[], reason: string): string[] =>
  events.flatMap((e) =>
    (e.notes ?? []).filter((n) => n.reason === reason).map((n) => `${e.at / 1000}s ${n.message}`),
  );

describe('traces/scale-deployment under seeds 1, 1 and 2', () => {
  const runs = [1, 1, 2].map(
    (seed) => runFiles([examplePath('scale-deployment')], { seed }).events,
  );
  const [a, b, c] = runs.map((events) => ({
    created: messages(events, 'SuccessfulCreate'),
    deleted: messages(events, 'SuccessfulDelete'),
  }));

  it('the same seed creates and deletes the same pods', () => {
    expect(a).toEqual(b);
    expect(a!.created).toEqual([
      '0s Created pod: nginx-deployment-669f76f447-jcbpc',
      '30s Created pod: nginx-deployment-669f76f447-x77rj',
    ]);
    expect(a!.deleted).toEqual(['50s Deleted pod: nginx-deployment-669f76f447-x77rj']);
  });

  it('another seed names the pods differently, but the rules pick the same victim', () => {
    // The ReplicaSet name is the pod-template hash (no seed); only the 5-character suffix is drawn.
    expect(c!.created).toEqual([
      '0s Created pod: nginx-deployment-669f76f447-5t45h',
      '30s Created pod: nginx-deployment-669f76f447-6lx56',
    ]);
    // Ready 19 s vs 49 s at 50 s (log2 buckets 34 and 35): the pod created at 30 s goes, whatever
    // its name.
    expect(c!.deleted).toEqual(['50s Deleted pod: nginx-deployment-669f76f447-6lx56']);
  });
});

describe('a scale-down among equal pods', () => {
  // 3 replicas created at 0 s on one node with nothing cached: the serial puller (2 s per pull
  // after the 1 s sandbox) makes them Ready at 3, 5 and 7 s. Scaled to 1 at 60 s, they have been
  // Ready 57, 55 and 53 s: different times in the same log2(ns) bucket (35), so
  // ActivePodsWithRanks falls back to the UID, which is drawn from the seed.
  const scaleDown = (seed: number): { created: string[]; deleted: string[]; left: string[] } => {
    const r = runInline(
      {
        'scenario.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 70s
manifests: [rs.yaml]
nodes: [{name: node-1}]
actions: [{at: 60s, scale: replicaset/web, replicas: 1}]
`,
        '_rs.yaml': `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: "nginx:1.20.1"}]
`,
      },
      { seed },
    );
    const uid = (key: string): string =>
      (
        r.events.find((e) => e.type === 'pod/created' && e.object === `Pod/${key}`)!.payload as {
          pod: { metadata: { uid: string } };
        }
      ).pod.metadata.uid;
    const left = [...r.state.pods.keys()];
    const deleted = r.events.filter((e) => e.type === 'pod/deletionRequested').map((e) => e.object);
    expect(r.events.filter((e) => e.type === 'container/started').map((e) => e.at)).toEqual([
      3_000, 5_000, 7_000,
    ]);
    // The smaller UID goes first: the survivor has the greatest UID of the three.
    for (const d of deleted) expect(uid(d.slice(4)) < uid(left[0]!)).toBe(true);
    return { created: messages(r.events, 'SuccessfulCreate'), deleted, left };
  };

  it('deletes the same two pods for the same seed, and other pods for another seed', () => {
    const [one, again, two] = [scaleDown(1), scaleDown(1), scaleDown(2)];
    expect(again).toEqual(one);
    // Seed 1: UIDs e68a…, 044…, d07… → the two smallest go, in UID order.
    expect(one.created).toEqual([
      '0s Created pod: web-hdq4p',
      '0s Created pod: web-j48nq',
      '0s Created pod: web-ff64n',
    ]);
    expect(one.deleted).toEqual(['Pod/default/web-j48nq', 'Pod/default/web-ff64n']);
    expect(one.left).toEqual(['default/web-hdq4p']);
    // Seed 2: other names and UIDs (9e5…, 4fd…, 183…).
    expect(two.created).toEqual([
      '0s Created pod: web-vwqbl',
      '0s Created pod: web-ldrdj',
      '0s Created pod: web-s4bw5',
    ]);
    expect(two.deleted).toEqual(['Pod/default/web-s4bw5', 'Pod/default/web-ldrdj']);
    expect(two.left).toEqual(['default/web-vwqbl']);
  });
});
