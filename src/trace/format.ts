/**
 * The trace file: JSON Lines. Line 1 is the header (format, versions, seed, horizon and the inputs
 * exactly as given); every further line is one event in seq order. See README "Trace format".
 */
import { VERSION } from '../version.js';
import { canonicalJson } from './canonical.js';

export const TRACE_FORMAT = 'podsim-trace';
export const TRACE_VERSION = 1;
/** The Kubernetes behaviour podsim simulates (shared/design/kubelet-semantics.md). */
export const SEMANTICS = 'kubernetes-v1.31';

/**
 * The longest line (in bytes, newline excluded) podsim writes to or reads from a JSON Lines trace.
 * Well below V8's longest string (2^29 − 24 UTF-16 units), so a corrupted or foreign file with a
 * huge line is a located error, not a failure to build the string; far above any line a run
 * writes (its header holds the input files, each at most 8 MiB).
 */
export const MAX_LINE_BYTES = 256 * 1024 * 1024;

/** A line length for messages: in MiB when it is a whole number of them. */
export const lineSize = (bytes: number): string =>
  bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;

export interface TraceHeader {
  format: typeof TRACE_FORMAT;
  version: number;
  semantics: string;
  podsim: string;
  seed: number;
  untilMs: number;
  /** Input files as given: path and full text. */
  inputs: Array<{ path: string; text: string }>;
  /**
   * `podsim fork`: the run went on from `atMs` with the files named with --set (`files`; every
   * file read, as given, in `inputs`). Absent for a run that was not forked. Applied in order.
   */
  forks?: ForkRecord[];
}

export interface ForkRecord {
  atMs: number;
  files: string[];
  inputs: Array<{ path: string; text: string }>;
}

export function makeHeader(
  seed: number,
  untilMs: number,
  inputs: Array<{ path: string; text: string }>,
  forks: readonly ForkRecord[] = [],
): TraceHeader {
  return {
    ...(forks.length > 0 ? { forks: [...forks] } : {}),
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    semantics: SEMANTICS,
    podsim: VERSION,
    seed,
    untilMs,
    inputs,
  };
}

export function headerLine(h: TraceHeader): string {
  return canonicalJson(h);
}
