/** The traffic reports of a run (one per `traffic:` entry) and their text for the CLI. */
import { podLabel } from '../views/index.js';
import type { SimEvent } from '../events/catalog.js';
import type { Inputs } from '../engine/context.js';
import type { Millis } from '../model/time.js';
import { formatTable, humanDuration } from '../views/index.js';
import { analyseTraffic, FAILED_OUTCOMES, serviceLabel } from './requests.js';
import type { TrafficReport, TrafficWindow } from './requests.js';

/** Every traffic entry of the scenario, evaluated against the run's events. */
export function trafficReports(
  events: readonly SimEvent[],
  inputs: Pick<Inputs, 'scenario' | 'behaviourOf'>,
  endMs: Millis,
): TrafficReport[] {
  return (inputs.scenario.traffic ?? []).map((spec, i) =>
    analyseTraffic(events, spec, {
      seed: inputs.scenario.seed,
      endMs,
      behaviourOf: (pod, c) => inputs.behaviourOf(pod, c),
      drawKey: `traffic/${i}/${serviceLabel(spec.service)}`,
    }),
  );
}

/** `svc/web: 3600 requests at 60/s from 30s to 1m30s (…): 3450 served, 150 failed (gone 150)`. */
export function trafficSummary(r: TrafficReport): string {
  const failed = FAILED_OUTCOMES.filter((o) => r.counts[o] > 0)
    .map((o) => `${o} ${r.counts[o]}`)
    .join(', ');
  return (
    `${r.service}: ${r.total} requests at ${r.spec.rate.text} from ${humanDuration(r.fromMs)} to ${humanDuration(r.untilMs)}` +
    ` (propagation delay ${humanDuration(r.spec.propagationDelayMs)}, ${r.spec.balancing}):` +
    ` ${r.counts.served} served, ${r.failed} failed${failed ? ` (${failed})` : ''}`
  );
}

function why(w: TrafficWindow): string {
  return w.failures
    .map((f) =>
      f.pod === null ? `${f.outcome} ${f.count}` : `${podLabel(f.pod)} ${f.outcome} ${f.count}`,
    )
    .join(', ');
}

/** The summary, then a table of the spans with failed requests (none: says so). */
export function formatTrafficReport(r: TrafficReport): string {
  const lines = [trafficSummary(r)];
  for (const n of r.notes) lines.push(`  note: ${n}`);
  if (r.windows.length === 0) return `${lines.join('\n')}\n`;
  const table = formatTable(
    ['FROM', 'UNTIL', 'REQUESTS', 'FAILED', 'WHY'],
    r.windows.map((w) => [
      humanDuration(w.from),
      humanDuration(w.until),
      String(w.requests),
      String(w.requests - w.counts.served),
      why(w),
    ]),
  );
  return `${lines.join('\n')}\n${table}`;
}
