/**
 * nginx-rc.yaml under the ReplicationController manager: 2 replicas, a pod deleted by hand at
 * 60 s, `scale --replicas=3` at 90 s and `--replicas=1` at 2 m (traces/nginx-rc).
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { cli, examplePath, runFiles } from '../helpers/run.js';
import { runInline } from '../helpers/inline.js';

const run = runFiles([examplePath('nginx-rc')]);
const notes = (reason: string): Array<{ at: number; message: string }> =>
  run.events.flatMap((e: SimEvent) =>
    (e.notes ?? [])
      .filter((n) => n.reason === reason)
      .map((n) => ({ at: e.at, message: n.message })),
  );

describe('ReplicationController my-nginx', () => {
  it('creates the 2 replicas at once, named my-nginx- plus 5 seeded characters', () => {
    const creates = notes('SuccessfulCreate');
    expect(creates.slice(0, 2)).toEqual([
      { at: 0, message: 'Created pod: my-nginx-qb7tw' },
      { at: 0, message: 'Created pod: my-nginx-7z4g8' },
    ]);
    const pod = run.events.find((e) => e.type === 'pod/created')!.payload as {
      pod: { metadata: Record<string, unknown> };
    };
    expect(pod.pod.metadata).toMatchObject({
      generateName: 'my-nginx-',
      labels: { app: 'nginx' },
      ownerReferences: [
        { apiVersion: 'v1', kind: 'ReplicationController', name: 'my-nginx', controller: true },
      ],
    });
  });

  it('replaces a deleted pod at once, while the old one is still Terminating', () => {
    // The deletion at 60 s sets deletionTimestamp: the pod is no longer active, so the manager
    // creates a replacement in the same instant, before the kubelet has stopped the old one.
    const created = run.events.findIndex(
      (e) => e.type === 'pod/created' && e.object === 'Pod/default/my-nginx-hvhfk',
    );
    const gone = run.events.findIndex(
      (e) => e.type === 'pod/deleted' && e.object === 'Pod/default/my-nginx-qb7tw',
    );
    expect(run.events[created]!.at).toBe(60_000);
    expect(created).toBeLessThan(gone);
  });

  it('scales up by one at 90 s and down to the oldest pod at 2 m', () => {
    expect(notes('SuccessfulCreate').slice(2)).toEqual([
      { at: 60_000, message: 'Created pod: my-nginx-hvhfk' },
      { at: 90_000, message: 'Created pod: my-nginx-fcg5q' },
    ]);
    // At 120 s all three are Running and Ready on node-1 (same rank), so the victims are those
    // ready for the shortest time, compared in log2(ns) buckets: fcg5q ready 29 s (bucket 34),
    // hvhfk 59 s (bucket 35), 7z4g8 115 s (bucket 36). 7z4g8 stays.
    expect(notes('SuccessfulDelete')).toEqual([
      { at: 120_000, message: 'Deleted pod: my-nginx-fcg5q' },
      { at: 120_000, message: 'Deleted pod: my-nginx-hvhfk' },
    ]);
    expect([...run.state.pods.keys()]).toEqual(['default/my-nginx-7z4g8']);
  });

  it('records its Events on the controller, from replication-controller', () => {
    const rc = run.state.objects.get('ReplicationController/default/my-nginx')!;
    expect(rc.events.map((e) => [e.reason, e.from, e.count])).toEqual([
      ['SuccessfulCreate', 'replication-controller', 1],
      ['SuccessfulCreate', 'replication-controller', 1],
      ['SuccessfulCreate', 'replication-controller', 1],
      ['SuccessfulCreate', 'replication-controller', 1],
      ['SuccessfulDelete', 'replication-controller', 1],
      ['SuccessfulDelete', 'replication-controller', 1],
    ]);
    // 4 pods created: the generated-name counter kept in state.
    expect(rc.created).toBe(4);
  });

  it('prints `kubectl get rc` from the pods at the instant', async () => {
    // At 95 s: 3 desired, 3 active, fcg5q (started 91 s, no readiness probe) ready.
    const r = await cli(['get', 'rc', examplePath('nginx-rc'), '--at', '95s']);
    expect(r.out).toBe(
      'NAME       DESIRED   CURRENT   READY   AGE\nmy-nginx   3         3         3       95s\n',
    );
  });
});

describe('generated names', () => {
  const rs = (seed: number): string[] => {
    const r = runInline(
      {
        'rs.yaml': `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx:1.20.1
`,
      },
      { seed, untilMs: 5_000 },
    );
    return [...r.state.pods.keys()];
  };

  it('are a function of the seed', () => {
    expect(rs(1)).toEqual(rs(1));
    expect(rs(1)).not.toEqual(rs(2));
    for (const k of rs(7)) expect(k).toMatch(/^default\/web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
