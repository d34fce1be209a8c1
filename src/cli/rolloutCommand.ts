/** `podsim rollout status SOURCE... deployment/NAME`: kubectl's rollout status lines over the run. */
import { parseArgs } from 'node:util';
import { parseDeploymentRef, rolloutHistory } from '../trace/rolloutStatus.js';
import type { RolloutMeasure } from '../trace/rolloutStatus.js';
import { formatAge } from './format.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { traceOrRun } from './source.js';

const USAGE = 'rollout: usage: podsim rollout status SOURCE... deployment/NAME';

/** `rollout from 60s: complete at 64s after 4s; last old pod gone at 64s; min ready endpoints svc/web 3 (at 60s)`. */
export function rolloutSummary(r: RolloutMeasure): string {
  const from = formatAge(r.from);
  const parts = !r.newRevision
    ? // The same template throughout: a scale-up, or replicas lost (node, crash) and replaced.
      [
        r.complete === null
          ? `waiting for replicas from ${from} (same revision, no rollout): not all available by the end of the run`
          : r.failed
            ? `waiting for replicas from ${from} (same revision, no rollout): progress deadline exceeded at ${formatAge(r.complete)}`
            : `waiting for replicas from ${from} (same revision, no rollout): all available at ${formatAge(r.complete)} after ${formatAge(r.complete - r.from)}`,
      ]
    : [
        r.complete === null
          ? `rollout from ${from}: not complete by the end of the run`
          : r.failed
            ? `rollout from ${from}: progress deadline exceeded at ${formatAge(r.complete)}`
            : `rollout from ${from}: complete at ${formatAge(r.complete)} after ${formatAge(r.complete - r.from)}`,
      ];
  if (r.hadOldPods)
    parts.push(
      r.lastOldPodGone === null
        ? 'old pods left at the end'
        : `last old pod gone at ${formatAge(r.lastOldPodGone)}`,
    );
  parts.push(
    r.minReadyEndpoints.length === 0
      ? 'no Service selects its pods'
      : `min ready endpoints ${r.minReadyEndpoints.map((m) => `${m.service} ${m.min} (at ${formatAge(m.at)})`).join(', ')}`,
  );
  return parts.join('; ');
}

export function rolloutCommand(args: readonly string[], io: CliIO): number {
  const { positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {},
  });
  const [verb, ...rest] = positionals;
  if (verb !== 'status') throw new UsageError(`${USAGE} (only 'status' is supported)`);
  const targets = rest.filter((a) => /^(deployment|deploy|deployments|deployment\.apps)\//.test(a));
  const sources = rest.filter((a) => !targets.includes(a));
  if (targets.length !== 1) throw new UsageError(`${USAGE} (name one deployment)`);
  const ref = parseDeploymentRef(targets[0]!);
  if (!ref) throw new UsageError(`rollout: ${targets[0]}: not a deployment/NAME`);
  const trace = traceOrRun(sources, io, 'rollout status');
  const h = rolloutHistory(trace.events, ref);
  if (h.lines.length === 0) throw new UsageError(`rollout: no ${h.deployment} in ${trace.file}`);
  const width = Math.max(4, ...h.lines.map((l) => formatAge(l.at).length));
  io.out(
    [
      `${'TIME'.padStart(width)}  STATUS`,
      ...h.lines.map((l) => `${formatAge(l.at).padStart(width)}  ${l.line}`),
      '',
      ...h.rollouts.map(rolloutSummary),
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}
