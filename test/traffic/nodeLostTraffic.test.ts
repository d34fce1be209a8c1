/**
 * traces/node-lost-traffic: traces/node-lost (3 nginx replicas, one per node, behind svc/web;
 * node-2's kubelet stops at 60 s) with 30 requests a second to the Service from 30 s, round robin,
 * kube-proxy 1 s behind the EndpointSlices. A lost node answers nothing, but its pod stays in the
 * ready endpoints until the node lifecycle controller marks it not ready, so requests routed to it
 * from the stop until that change has propagated are `unreachable` (docs/kubernetes-rules.md §15).
 * The instants are derived here from the rules of §16.1 (Lease renewals every 10 s from the
 * kubelet's start, monitor passes every 5 s, 40 s grace period), not read from the implementation.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseTraffic } from '../../src/traffic/requests.js';
import type { RequestResult } from '../../src/traffic/requests.js';
import { trafficReports } from '../../src/traffic/report.js';
import { cli, examplePath, runFiles } from '../helpers/run.js';

const LEASE_RENEW = 10_000;
const MONITOR_PERIOD = 5_000;
const GRACE = 40_000;

const RATE = 30; // rate: 30/s
const DELAY = 1_000; // propagationDelay: 1s
const FROM = 30_000;
const DOWN = 60_000; // nodeDown: node-2 at 60s
const REPLICAS = 3; // one ready endpoint per node

/** The instant the node lifecycle controller marks a node whose kubelet stopped at `down` NotReady. */
function notReadyAt(down: number): number {
  // The last Lease renewal strictly before the stop, seen at the next monitor pass…
  const renewed = (Math.ceil(down / LEASE_RENEW) - 1) * LEASE_RENEW;
  const probed = Math.ceil(renewed / MONITOR_PERIOD) * MONITOR_PERIOD;
  // …then the first pass strictly after probeTimestamp + grace.
  return (Math.floor((probed + GRACE) / MONITOR_PERIOD) + 1) * MONITOR_PERIOD;
}

const NOT_READY = notReadyAt(DOWN);
/** Requests sent in [a, b): request i is at FROM + i × 1000 / RATE. */
const requestsIn = (a: number, b: number): number =>
  Math.ceil(((b - FROM) * RATE) / 1000) - Math.ceil(((a - FROM) * RATE) / 1000);

const run = runFiles([examplePath('node-lost-traffic')]);
const END = run.inputs.scenario.untilMs;
const lostPod = run.events.find(
  (e) => e.type === 'pod/scheduled' && (e.payload as { node: string }).node === 'node-2',
)!.object;

describe('traffic to a Service while one of its pods is on a lost node', () => {
  const requests: RequestResult[] = [];
  const [r] = trafficReports(run.events, run.inputs, END);
  analyseTraffic(run.events, run.inputs.scenario.traffic![0]!, {
    seed: run.inputs.scenario.seed,
    endMs: END,
    behaviourOf: (pod, c) => run.inputs.behaviourOf(pod, c),
    onRequest: (x) => requests.push(x),
  });

  it('marks the pod not ready at 95 s, as the node lifecycle rules give', () => {
    expect(NOT_READY).toBe(95_000);
    expect(run.events.filter((e) => e.type === 'node/kubeletStopped').map((e) => e.at)).toEqual([
      DOWN,
    ]);
    expect(
      run.events.filter((e) => e.type === 'pod/markedNotReady').map((e) => [e.at, e.object]),
    ).toEqual([[NOT_READY, lostPod]]);
  });

  it('fails the lost pod’s share of the requests from the stop until NotReady + the delay', () => {
    // Round robin over the 3 ready endpoints since 30 s: every third request goes to node-2's
    // pod, and the span holds a whole number of rounds.
    const span = requestsIn(DOWN, NOT_READY + DELAY);
    expect(span % REPLICAS).toBe(0);
    const unreachable = span / REPLICAS;
    expect(unreachable).toBe(360); // (96 s − 60 s) × 30/s ÷ 3
    expect(r!.total).toBe(requestsIn(FROM, END));
    expect(r!.counts.unreachable).toBe(unreachable);
    expect(r!.failed).toBe(unreachable);
    expect(r!.windows.map((w) => [w.from, w.until, w.failures])).toEqual([
      [
        DOWN,
        NOT_READY + DELAY,
        [{ pod: lostPod.slice('Pod/'.length), outcome: 'unreachable', count: unreachable }],
      ],
    ]);
  });

  it('counts exactly the requests routed to the lost pod inside that span', () => {
    const toLost = requests.filter((x) => x.endpoint?.pod === lostPod.slice('Pod/'.length));
    for (const x of requests)
      expect(x.outcome === 'unreachable').toBe(
        x.endpoint?.pod === lostPod.slice('Pod/'.length) && x.at >= DOWN,
      );
    // kube-proxy stops routing to it once NotReady has propagated.
    expect(Math.max(...toLost.map((x) => x.at))).toBeLessThan(NOT_READY + DELAY);
  });

  it('adds no event: the run is traces/node-lost’s', () => {
    const body = (f: string): string => readFileSync(f, 'utf8').split('\n').slice(1).join('\n');
    expect(body('traces/node-lost-traffic/trace.jsonl')).toBe(body('traces/node-lost/trace.jsonl'));
  });

  it('prints the outcome in podsim traffic', async () => {
    const out = await cli(['traffic', 'traces/node-lost-traffic/trace.jsonl']);
    expect(out.code).toBe(0);
    expect(out.out.split('\n')[0]).toContain(
      `${r!.total - 360} served, 360 failed (unreachable 360)`,
    );
  });

  it('serves the pod again once the kubelet is back before the grace period ran out', () => {
    // nodeUp at 70 s, before the NotReady verdict at 95 s: the pod never leaves the endpoints,
    // and only the requests routed to it while its node was down fail.
    const UP = 70_000;
    const dir = mkdtempSync(join(tmpdir(), 'podsim-node-up-'));
    copyFileSync('traces/node-lost-traffic/web.yaml', join(dir, 'web.yaml'));
    writeFileSync(
      join(dir, 'scenario.yaml'),
      readFileSync(examplePath('node-lost-traffic'), 'utf8').replace(
        '    nodeDown: node-2\n',
        `    nodeDown: node-2\n  - at: ${UP / 1000}s\n    nodeUp: node-2\n`,
      ),
    );
    const up = runFiles([join(dir, 'scenario.yaml')]);
    expect(up.events.some((e) => e.type === 'node/kubeletStarted' && e.at === UP)).toBe(true);
    expect(up.events.some((e) => e.type === 'pod/markedNotReady')).toBe(false);
    const [u] = trafficReports(up.events, up.inputs, up.inputs.scenario.untilMs);
    expect(requestsIn(DOWN, UP) % REPLICAS).toBe(0);
    expect(u!.counts.unreachable).toBe(requestsIn(DOWN, UP) / REPLICAS);
    expect(u!.failed).toBe(u!.counts.unreachable);
  });
});
