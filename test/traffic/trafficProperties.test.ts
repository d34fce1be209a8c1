/**
 * Properties of the traffic analysis over arbitrary rates, delays, spans and balancing, on the
 * rolling updates of traces/rollout-traffic and traces/rollout-prestop (each run once).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrafficSpec } from '../../src/model/scenario.js';
import { analyseTraffic, OUTCOMES } from '../../src/traffic/requests.js';
import type { RequestResult } from '../../src/traffic/requests.js';
import { examplePath, runFiles } from '../helpers/run.js';

const noPreStop = runFiles([examplePath('rollout-traffic')]);
const preStop = runFiles([examplePath('rollout-prestop')]);
const END = noPreStop.inputs.scenario.untilMs;
const PRESTOP_MS = 5_000;
const FIRST_READY_MS = 2_000; // the initial pods pass their first readiness probe at 2 s

const specArb = fc.record({
  count: fc.integer({ min: 1, max: 200 }),
  perMs: fc.constantFrom(1_000, 60_000),
  delay: fc.integer({ min: 0, max: 8_000 }),
  from: fc.integer({ min: 0, max: 100_000 }),
  length: fc.integer({ min: 1, max: 60_000 }),
  balancing: fc.constantFrom('roundRobin' as const, 'random' as const),
});

type Arb = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function specOf(a: Arb): TrafficSpec {
  return {
    service: { namespace: 'default', name: 'web' },
    rate: { count: a.count, perMs: a.perMs, text: '' },
    propagationDelayMs: a.delay,
    balancing: a.balancing,
    fromMs: a.from,
    untilMs: a.from + a.length,
    source: 'property',
  };
}

const analyse = (
  run: typeof noPreStop,
  spec: TrafficSpec,
  onRequest?: (r: RequestResult) => void,
) =>
  analyseTraffic(run.events, spec, {
    seed: 7,
    endMs: END,
    behaviourOf: (p, c) => run.inputs.behaviourOf(p, c),
    ...(onRequest ? { onRequest } : {}),
  });

describe('traffic analysis properties', () => {
  it('counts every request once, inside its span, and the windows hold every failure', () => {
    fc.assert(
      fc.property(specArb, (a) => {
        const spec = specOf(a);
        const seen: RequestResult[] = [];
        const r = analyse(noPreStop, spec, (q) => seen.push(q));
        const until = Math.min(spec.untilMs!, END);
        expect(r.total).toBe(Math.max(0, Math.ceil(((until - a.from) * a.count) / a.perMs)));
        expect(OUTCOMES.reduce((n, o) => n + r.counts[o], 0)).toBe(r.total);
        expect(seen).toHaveLength(r.total);
        for (const q of seen) {
          expect(q.at).toBeGreaterThanOrEqual(a.from);
          expect(q.at).toBeLessThan(until);
        }
        const inWindows = r.windows.reduce((n, w) => n + w.requests - w.counts.served, 0);
        expect(inWindows).toBe(r.failed);
        for (const q of seen.filter((x) => x.outcome !== 'served'))
          expect(r.windows.some((w) => w.from <= q.at && q.at < w.until)).toBe(true);
        expect(analyse(noPreStop, spec).counts).toEqual(r.counts);
      }),
      { numRuns: 40 },
    );
  });

  it('drops nothing when the preStop sleep is at least the propagation delay', () => {
    fc.assert(
      fc.property(specArb, (a) => {
        fc.pre(a.delay <= PRESTOP_MS && a.from >= FIRST_READY_MS + a.delay);
        expect(analyse(preStop, specOf(a)).failed).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('fails again once the delay outlasts the preStop sleep, by the excess', () => {
    // With delay = preStop + 2 s each replaced pod is routed to for 2 s after its SIGTERM, with the
    // same endpoint sets kube-proxy knew in the example without preStop and a 2 s delay.
    const spec = (delay: number): TrafficSpec => ({
      service: { namespace: 'default', name: 'web' },
      rate: { count: 60, perMs: 1_000, text: '60/s' },
      propagationDelayMs: delay,
      balancing: 'roundRobin',
      fromMs: 30_000,
      untilMs: 90_000,
      source: 'example',
    });
    const without = analyse(noPreStop, spec(2_000));
    const late = analyse(preStop, spec(PRESTOP_MS + 2_000));
    expect(late.failed).toBe(without.failed);
    expect(late.windows.map((w) => [w.from - PRESTOP_MS, w.until - PRESTOP_MS])).toEqual(
      without.windows.map((w) => [w.from, w.until]),
    );
  });
});
