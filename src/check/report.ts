/**
 * Failure reports: a failing case is printed as the files a user can save and run with
 * `podsim run scenario.yaml`, together with the violations (each with the event it names) and how
 * to replay the property (seed and counterexample path).
 */
import type { SimEvent } from '../events/catalog.js';
import { eventLine } from '../trace/canonical.js';
import type { CaseFiles } from './model.js';
import type { Violation } from './invariants/types.js';

/** Shell commands that recreate the case's files; then `podsim run scenario.yaml` runs it. */
export function formatCaseFiles(files: CaseFiles): string {
  const parts = (Object.keys(files) as Array<keyof CaseFiles>).map(
    (name) => `cat > ${name} <<'EOF'\n${files[name].trimEnd()}\nEOF`,
  );
  return [...parts, 'podsim run scenario.yaml --time'].join('\n');
}

/** One line per violation, followed by the event it names (as its trace line). */
export function formatViolations(
  vs: readonly Violation[],
  events: readonly SimEvent[] = [],
): string {
  const shown = vs.slice(0, 10).map((v) => {
    const ev = v.seq === null ? undefined : events[v.seq];
    const head = `- [${v.invariant}] ${ev ? `seq ${ev.seq} at ${ev.at} ms: ` : ''}${v.message}`;
    return ev ? `${head}\n    ${eventLine(ev)}` : head;
  });
  if (vs.length > 10) shown.push(`… and ${vs.length - 10} more`);
  return shown.join('\n');
}

/** Thrown by a property on a case that breaks an invariant; carries what the report needs. */
export class CaseFailure extends Error {
  constructor(
    readonly violations: readonly Violation[],
    readonly files: CaseFiles,
    readonly events: readonly SimEvent[],
  ) {
    super(formatViolations(violations, events));
    this.name = 'CaseFailure';
  }
}

export interface FailureDetails {
  property: string;
  numRuns: number;
  numShrinks: number;
  seed: number;
  path: string | null;
  files: CaseFiles | null;
  error: unknown;
  /** The test file, for the replay command. */
  testFile?: string;
}

/** The whole report of a failed property. */
export function formatFailure(d: FailureDetails): string {
  const replay = [
    `PODSIM_PROPERTY_SEED=${d.seed}`,
    d.path === null ? '' : `PODSIM_PROPERTY_PATH=${d.path}`,
    `npx vitest run ${d.testFile ?? 'properties/'}`,
  ]
    .filter((s) => s !== '')
    .join(' ');
  const why =
    d.error instanceof CaseFailure
      ? `violations:\n${d.error.message}`
      : `error: ${d.error instanceof Error ? (d.error.stack ?? d.error.message) : String(d.error)}`;
  const lines = [
    `property "${d.property}" failed after ${d.numRuns} run(s) and ${d.numShrinks} shrink(s)`,
    `seed ${d.seed}, counterexample path ${d.path ?? '(none)'}`,
    `replay: ${replay}`,
    why,
  ];
  if (d.files)
    lines.push('counterexample (shrunk), as files to run with podsim:', formatCaseFiles(d.files));
  return lines.join('\n');
}
