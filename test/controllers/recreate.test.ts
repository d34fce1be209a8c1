/**
 * traces/recreate: nginx-dep.yaml (2 replicas behind nginx-svc-clusterip) re-applied at 60 s with
 * `strategy: Recreate`, nginx:1.20.2 and a readiness probe (initialDelaySeconds 5, periodSeconds
 * 3). Recreate (recreate.go rolloutRecreate) scales every old ReplicaSet to 0 and creates the new
 * pods only when no old pod is left running, so the Service is without a ready endpoint for the
 * old pods' termination, the new pods' start-up and their first successful readiness probe.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { noReadyEndpointIntervals } from '../../src/state/endpointIntervals.js';
import { analyseTraffic } from '../../src/traffic/requests.js';
import type { TrafficSpec } from '../../src/model/scenario.js';
import { cli, examplePath, runFiles, times } from '../helpers/run.js';

const run = runFiles([examplePath('recreate')]);
const [OLD, NEW] = ['nginx-dep-75f97cd44b', 'nginx-dep-6d444d8c88'];
const of =
  (rs: string): ((e: SimEvent) => boolean) =>
  (e: SimEvent): boolean =>
    e.object.startsWith(`Pod/default/${rs}-`);
const scaling = run.events.flatMap((e) =>
  (e.notes ?? [])
    .filter((n) => n.reason === 'ScalingReplicaSet')
    .map((n) => `${e.at / 1000}s ${n.message}`),
);

describe('Recreate rollout of nginx-dep', () => {
  it('scales the old ReplicaSet to 0 first and the new one up only when the old pods are gone', () => {
    expect(scaling).toEqual([
      `0s Scaled up replica set ${OLD} from 0 to 2`,
      `60s Scaled down replica set ${OLD} from 2 to 0`,
      `63s Scaled up replica set ${NEW} from 0 to 2`,
    ]);
  });

  it('leaves the Service without a ready endpoint for termination + start-up + readiness', () => {
    // Old pods: deleted at 60 s, so terminating (ready = false) at once; nginx drains 3 s after
    // SIGTERM (scenario onSigterm) → exits at 63 s, well inside the 30 s grace period → terminal.
    const terminated = 60_000 + 3_000;
    expect(times(run.events, 'pod/terminated', of(OLD))).toEqual([terminated, terminated]);
    // New pods: created when no old pod runs (63 s); sandbox 1 s → 64 s; nginx:1.20.2 is not
    // cached and the node pulls serially, 2 s each → first pod pulled and started at 66 s, the
    // second at 68 s.
    expect(times(run.events, 'pod/created', of(NEW))).toEqual([terminated, terminated]);
    const started = [terminated + 1_000 + 2_000, terminated + 1_000 + 2 * 2_000];
    expect(times(run.events, 'container/started', of(NEW))).toEqual(started);
    // Readiness worker starts at the first sync (63 s); ticks every 3 s from there: 66, 69, 72,
    // 75 s. A tick is skipped while int(now − startedAt) < initialDelaySeconds 5: the first pod
    // (started 66 s) is probed first at 72 s, the second (68 s) at 75 s (only 4 s at 72 s).
    const ready = times(
      run.events,
      'probe/result',
      (e) =>
        of(NEW)(e) &&
        e.type === 'probe/result' &&
        e.payload.probe === 'readiness' &&
        e.payload.result === 'success',
    );
    expect(ready).toEqual([terminated + 9_000, terminated + 12_000]);
    // So the gap is [60 s, 72 s): 3 s termination + 1 s sandbox + 2 s pull + 6 s to the first
    // readiness tick at least 5 s after the start. (The first interval is the initial start-up:
    // image cached, sandbox 1 s, no probe on the old template → Ready at 1 s.)
    expect(noReadyEndpointIntervals(run.events, 'nginx-svc-clusterip')).toEqual([
      { from: 0, until: 1_000 },
      { from: 60_000, until: 60_000 + 3_000 + 1_000 + 2_000 + 6_000 },
    ]);
  });

  it('shows the empty Service in get endpoints during the gap', async () => {
    // At 70 s both new pods have IPs but neither is Ready: the Endpoints object has one subset
    // with only notReadyAddresses. kubectl's formatEndpoints prints `<none>` only when there is no
    // subset at all; here it joins zero ready addresses, an empty column.
    const r = await cli(['get', 'endpoints', examplePath('recreate'), '--at', '70s']);
    expect(r.out).toBe(
      'NAME                  ENDPOINTS   AGE\nnginx-svc-clusterip               70s\n',
    );
    // At 72 s the first new pod is Ready.
    const after = await cli(['get', 'endpoints', examplePath('recreate'), '--at', '72s']);
    expect(after.out).toBe(
      'NAME                  ENDPOINTS       AGE\nnginx-svc-clusterip   10.244.0.4:80   72s\n',
    );
  });

  it('reports the gap through podsim when and podsim rollout status, with the derived times', async () => {
    // termination (3 s drain) + sandbox 1 s + pull 2 s + first readiness tick ≥ 5 s after start
    // (ticks every 3 s from the first sync at 63 s: 66, 69, 72 → 72 s).
    const gapUntil = 60_000 + 3_000 + 1_000 + 2_000 + 6_000;
    const when = await cli([
      'when',
      'traces/recreate/trace.jsonl',
      'endpoints',
      'svc/nginx-svc-clusterip',
      'empty',
    ]);
    expect(when.out.split('\n')[2]).toBe(
      `60s    60000   svc/nginx-svc-clusterip   no ready endpoint until ${gapUntil / 1000}s (${gapUntil} ms), for ${gapUntil - 60_000} ms`,
    );
    // The rollout completes when the second new pod is Ready (its first tick ≥ 5 s after its
    // start at 68 s is 75 s); the old pods were gone when they exited at 63 s.
    const complete = 60_000 + 3_000 + 1_000 + 2 * 2_000 + 7_000;
    const rollout = await cli([
      'rollout',
      'status',
      'traces/recreate/trace.jsonl',
      'deploy/nginx-dep',
    ]);
    expect(rollout.out.trim().split('\n').at(-1)).toBe(
      `rollout from 60s: complete at ${complete / 1000}s after ${(complete - 60_000) / 1000}s; last old pod gone at 63s; min ready endpoints svc/nginx-svc-clusterip 0 (at 60s)`,
    );
  });

  it('fails requests to the draining pods, then for want of any endpoint', () => {
    // 10 requests a second, kube-proxy 1 s behind. The old pods got SIGTERM at 60 s (deletion,
    // no preStop) and accept nothing from then on. With no ready endpoint left, kube-proxy falls
    // back to the serving (still Ready, no readiness probe) terminating ones until they exit at
    // 63 s and are deleted, and learns that 1 s later: requests in that second find the pods gone.
    // Then it knows no endpoint until 1 s after the gap closes.
    const sigterm = times(
      run.events,
      'container/signalled',
      (e) => of(OLD)(e) && e.type === 'container/signalled' && e.payload.signal === 'SIGTERM',
    );
    expect(sigterm).toEqual([60_000, 60_000]);
    const exited = 60_000 + 3_000;
    const [, gap] = noReadyEndpointIntervals(run.events, 'nginx-svc-clusterip');
    const spec: TrafficSpec = {
      service: { namespace: 'default', name: 'nginx-svc-clusterip' },
      rate: { count: 10, perMs: 1_000, text: '10/s' },
      propagationDelayMs: 1_000,
      balancing: 'roundRobin',
      fromMs: 50_000,
      untilMs: 90_000,
      source: 'test',
    };
    const r = analyseTraffic(run.events, spec, {
      seed: 1,
      endMs: run.inputs.scenario.untilMs,
      behaviourOf: (p, c) => run.inputs.behaviourOf(p, c),
    });
    const n = (ms: number): number => (ms * 10) / 1000;
    expect(r.total).toBe(n(40_000));
    expect(times(run.events, 'pod/deleted', of(OLD))).toEqual([exited, exited]);
    expect(r.counts.terminating).toBe(n(exited - 60_000));
    expect(r.counts.gone).toBe(n(1_000));
    expect(r.counts.noEndpoints).toBe(n(gap!.until! + 1_000 - (exited + 1_000)));
    expect(r.counts.notReady).toBe(0);
    expect(r.windows.map((w) => [w.from, w.until, w.requests - w.counts.served])).toEqual([
      [60_000, exited, 30],
      [exited, exited + 1_000, 10],
      [exited + 1_000, gap!.until! + 1_000, 90],
    ]);
  });
});
