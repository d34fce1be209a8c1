/**
 * The zero-downtime question on traces/rollout-traffic and traces/rollout-prestop:
 * 60 requests a second to svc/web from 30 s to 90 s while 4 nginx replicas roll over at 60 s,
 * with kube-proxy 2 s behind the EndpointSlices. The expected failures are derived here from the
 * run's events (when each pod turned ready, was deleted and got SIGTERM), not from the
 * implementation: a pod leaves the Service's ready endpoints when its deletion is requested and
 * kube-proxy stops sending it requests DELAY later; from its SIGTERM on it accepts none.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventLine } from '../../src/trace/canonical.js';
import type { SimEvent } from '../../src/events/catalog.js';
import { analyseTraffic } from '../../src/traffic/requests.js';
import type { RequestResult } from '../../src/traffic/requests.js';
import { trafficReports } from '../../src/traffic/report.js';
import { cli, examplePath, runFiles } from '../helpers/run.js';
import type { Run } from '../helpers/run.js';

const RATE = 60; // requests per second (scenario: rate 60/s)
const DELAY = 2_000; // propagationDelay 2s
const FROM = 30_000;
const UNTIL = 90_000;
const PRESTOP = 5_000; // preStop: sleep 5

/** How many requests are sent in [a, b): request i is at FROM + i × 1000 / RATE. */
function requestsIn(a: number, b: number): number {
  const first = (t: number): number => Math.max(0, Math.ceil(((t - FROM) * RATE) / 1000));
  return first(Math.min(b, UNTIL)) - first(Math.min(a, UNTIL));
}

const at = (
  events: SimEvent[],
  type: string,
  pod: string,
  pred: (e: SimEvent) => boolean = () => true,
): number[] =>
  events
    .filter((e) => e.type === type && e.object === `Pod/default/${pod}` && pred(e))
    .map((e) => e.at);

/** Per pod: when it became ready (first readiness success) and when its deletion was requested. */
function podTimes(events: SimEvent[]) {
  const pods = events
    .filter((e) => e.type === 'pod/created')
    .map((e) => e.object.slice('Pod/default/'.length));
  return pods.map((name) => ({
    name,
    ready: at(
      events,
      'probe/result',
      name,
      (e) =>
        e.type === 'probe/result' &&
        e.payload.probe === 'readiness' &&
        e.payload.result === 'success',
    )[0],
    deleted: at(events, 'pod/deletionRequested', name)[0],
    sigterm: at(
      events,
      'container/signalled',
      name,
      (e) => e.type === 'container/signalled' && e.payload.signal === 'SIGTERM',
    )[0],
  }));
}

/** The endpoints kube-proxy routes to at t: pods ready and not being deleted at t − DELAY. */
function proxyView(pods: ReturnType<typeof podTimes>, t: number): string[] {
  const seen = t - DELAY;
  return pods
    .filter(
      (p) =>
        p.ready !== undefined && p.ready <= seen && (p.deleted === undefined || p.deleted > seen),
    )
    .map((p) => p.name);
}

/**
 * Failed requests per replaced pod: during [SIGTERM, deletion + DELAY) kube-proxy still sends
 * the pod its share (1 / number of endpoints it knows; round robin over a fixed set gives each
 * exactly that share when the window's requests divide evenly, which the test checks).
 */
function expectedFailures(
  run: Run,
): Array<{ pod: string; from: number; until: number; failed: number }> {
  const pods = podTimes(run.events);
  const changes = [
    ...new Set(
      pods
        .flatMap((p) => [p.ready, p.deleted])
        .filter((t): t is number => t !== undefined)
        .map((t) => t + DELAY),
    ),
  ];
  return pods.flatMap((p) => {
    if (p.deleted === undefined || p.sigterm === undefined) return [];
    const from = Math.max(p.sigterm, FROM);
    const until = Math.min(p.deleted + DELAY, UNTIL);
    if (from >= until) return [{ pod: p.name, from, until, failed: 0 }];
    const view = proxyView(pods, from);
    // The set kube-proxy knows does not change inside the window.
    for (const c of changes) if (c > from && c < until) expect(proxyView(pods, c)).toEqual(view);
    expect(view).toContain(p.name);
    const n = requestsIn(from, until);
    expect(n % view.length).toBe(0);
    return [{ pod: p.name, from, until, failed: n / view.length }];
  });
}

function report(run: Run) {
  const [r] = trafficReports(run.events, run.inputs, run.inputs.scenario.untilMs);
  return r!;
}

describe('traffic during a rolling update without preStop (traces/rollout-traffic)', () => {
  const run = runFiles([examplePath('rollout-traffic')]);
  const expected = expectedFailures(run);
  const r = report(run);

  it('adds no event to the run: the same events with the traffic: section removed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-notraffic-'));
    for (const f of ['web.yaml', 'web-v2.yaml'])
      copyFileSync(`traces/rollout-traffic/${f}`, join(dir, f));
    const text = readFileSync(examplePath('rollout-traffic'), 'utf8');
    writeFileSync(join(dir, 'scenario.yaml'), text.slice(0, text.indexOf('traffic:')));
    const without = runFiles([join(dir, 'scenario.yaml')]);
    expect(without.inputs.scenario.traffic).toBeUndefined();
    expect(without.events.map(eventLine)).toEqual(run.events.map(eventLine));
  });

  it('sends rate × duration requests', () => {
    expect(r.total).toBe(((UNTIL - FROM) / 1000) * RATE);
  });

  it('fails the requests kube-proxy still sends to each replaced pod after its SIGTERM', () => {
    // nginx exits at once on SIGTERM (no preStop), so each old pod stops accepting at its
    // deletion; kube-proxy learns it DELAY later. 4 old pods are replaced, in three steps.
    const pods = podTimes(run.events);
    for (const p of pods.filter((x) => x.deleted !== undefined)) expect(p.sigterm).toBe(p.deleted);
    expect(expected.map((e) => [e.from, e.until])).toEqual([
      [60_000, 62_000],
      [62_000, 64_000],
      [62_000, 64_000],
      [64_000, 66_000],
    ]);
    // 120 requests in each 2 s window; kube-proxy knows 4, then 3, then 3 endpoints.
    expect(expected.map((e) => e.failed)).toEqual([120 / 4, 120 / 3, 120 / 3, 120 / 3]);
    const total = expected.reduce((n, e) => n + e.failed, 0);
    expect(total).toBe(150);
    expect(r.failed).toBe(total);
    // nginx exited and the pod object was deleted at that instant: the IP is gone.
    expect(r.counts).toEqual({
      served: r.total - total,
      notReady: 0,
      terminating: 0,
      unreachable: 0, // every node's kubelet runs
      gone: total,
      noEndpoints: 0,
    });
  });

  it('reports the windows with the failures of each pod', () => {
    const perPod = r.windows.flatMap((w) =>
      w.failures.map((f) => ({ pod: f.pod, from: w.from, until: w.until, failed: f.count })),
    );
    expect(perPod).toEqual(expected.map((e) => ({ ...e, pod: `default/${e.pod}` })));
  });

  it('prints the report with podsim traffic, from the files and from the trace', async () => {
    const fromFiles = await cli(['traffic', examplePath('rollout-traffic')]);
    const fromTrace = await cli(['traffic', 'traces/rollout-traffic/trace.jsonl']);
    expect(fromFiles.code).toBe(0);
    expect(fromTrace.out).toBe(fromFiles.out);
    const lines = fromFiles.out.split('\n');
    expect(lines[0]).toBe(
      'svc/web: 3600 requests at 60/s from 30s to 90s (propagation delay 2s, roundRobin): 3450 served, 150 failed (gone 150)',
    );
    expect(lines[1]).toMatch(/^FROM +UNTIL +REQUESTS +FAILED +WHY$/);
    expect(lines[2]).toMatch(/^60s +62s +120 +30 +pod\/web-\S+ gone 30$/);
  });

  it('gives the same report as JSON with -o json', async () => {
    const j = await cli(['traffic', 'traces/rollout-traffic/trace.jsonl', '-o', 'json']);
    const [parsed] = JSON.parse(j.out) as Array<typeof r>;
    expect(parsed!.counts).toEqual(r.counts);
    expect(parsed!.windows).toEqual(r.windows);
    expect((await cli(['traffic', 'traces/rollout-traffic/trace.jsonl', '-o', 'yaml'])).code).toBe(
      2,
    );
  });

  it('says so when the run has no traffic', async () => {
    const r = await cli(['traffic', 'traces/rolling-update/trace.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'podsim: traffic: traces/rolling-update/trace.jsonl has no traffic: section in its scenario (docs/scenario-reference.md, "traffic")\n',
    );
  });

  it('prints the summary at the end of podsim run', async () => {
    const out = (await cli(['run', examplePath('rollout-traffic')])).out.split('\n');
    expect(out.slice(-3)).toEqual([
      '',
      `traffic svc/web: 3600 requests at 60/s from 30s to 90s (propagation delay 2s, roundRobin): ${r.counts.served} served, ${r.failed} failed (gone ${r.failed})`,
      '',
    ]);
  });

  it('with random balancing fails only requests inside those windows, deterministically', () => {
    const spec = { ...run.inputs.scenario.traffic![0]!, balancing: 'random' as const };
    const failures: RequestResult[] = [];
    const opts = {
      seed: 1,
      endMs: run.inputs.scenario.untilMs,
      behaviourOf: run.inputs.behaviourOf.bind(run.inputs),
      onRequest: (q: RequestResult) => {
        if (q.outcome !== 'served') failures.push(q);
      },
    };
    const a = analyseTraffic(run.events, spec, opts);
    for (const f of failures) {
      const w = expected.find((e) => `default/${e.pod}` === f.endpoint?.pod);
      expect(w).toBeDefined();
      expect(f.at).toBeGreaterThanOrEqual(w!.from);
      expect(f.at).toBeLessThan(w!.until);
    }
    expect(a.failed).toBe(failures.length);
    // Each request in a window fails with probability (failing endpoints / known endpoints):
    // the expectation is the round-robin count, the spread binomial; allow 5 standard deviations.
    const mean = expected.reduce((n, e) => n + e.failed, 0);
    const variance = expected.reduce((v, e) => {
      const n = requestsIn(e.from, e.until);
      const p = e.failed / n;
      return v + n * p * (1 - p);
    }, 0);
    expect(Math.abs(a.failed - mean)).toBeLessThanOrEqual(5 * Math.sqrt(variance));
    expect(analyseTraffic(run.events, spec, { ...opts, onRequest: undefined }).counts).toEqual(
      a.counts,
    );
    const other = analyseTraffic(run.events, spec, { ...opts, seed: 2, onRequest: undefined });
    expect(other.total).toBe(a.total);
  });
});

describe('traffic during the same rolling update with preStop sleep 5 (traces/rollout-prestop)', () => {
  const run = runFiles([examplePath('rollout-prestop')]);
  const expected = expectedFailures(run);
  const r = report(run);

  it('sends SIGTERM PRESTOP after each deletion, later than kube-proxy stops routing', () => {
    const pods = podTimes(run.events).filter((p) => p.deleted !== undefined);
    expect(pods).toHaveLength(4);
    for (const p of pods) expect(p.sigterm).toBe(p.deleted! + PRESTOP);
    expect(PRESTOP).toBeGreaterThan(DELAY);
    expect(expected.map((e) => e.failed)).toEqual([0, 0, 0, 0]);
  });

  it('drops no request', async () => {
    expect(r.total).toBe(((UNTIL - FROM) / 1000) * RATE);
    expect(r.failed).toBe(0);
    expect(r.windows).toEqual([]);
    const out = await cli(['traffic', examplePath('rollout-prestop')]);
    expect(out.out).toBe(
      'svc/web: 3600 requests at 60/s from 30s to 90s (propagation delay 2s, roundRobin): 3600 served, 0 failed\n',
    );
  });
});
