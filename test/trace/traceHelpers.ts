/** Shared by the trace tests: the golden traces, scratch directories, and traces written on the fly. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimEvent } from '../../src/events/catalog.js';
import { eventLine } from '../../src/trace/canonical.js';
import { headerLine } from '../../src/trace/format.js';
import type { TraceHeader } from '../../src/trace/format.js';
import { readTrace } from '../../src/trace/reader.js';
import { runFiles, traceText } from '../helpers/run.js';

/** Every example under traces/ that has a golden trace, sorted by name. */
export const GOLDEN = readdirSync('traces', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`traces/${d.name}/trace.jsonl`))
  .map((d) => d.name)
  .sort();

export const goldenTrace = (name: string): string => `traces/${name}/trace.jsonl`;

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'podsim-trace-test-'));
}

/** Simulates `files` and writes the trace `podsim run --trace` would write; returns its path. */
export function writeRunTrace(
  dir: string,
  name: string,
  files: string[],
  opts: { untilMs?: number; seed?: number } = {},
): string {
  const path = join(dir, name);
  writeFileSync(path, traceText(runFiles(files, opts)));
  return path;
}

/** Writes text files into `dir` and returns their paths in order. */
export function writeFiles(dir: string, files: Record<string, string>): string[] {
  return Object.entries(files).map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
}

export const PROBE_KILL = 'test/trace/fixtures/probe-kill/scenario.yaml';

/** The probe-kill fixture as a trace in a fresh directory (liveness kill, SIGKILL, deletion). */
export function probeKillTrace(): string {
  return writeRunTrace(scratchDir(), 'probe-kill.jsonl', [PROBE_KILL]);
}

/** A JSON Lines trace through the streaming reader. */
export function readJsonl(path: string): { header: TraceHeader; events: SimEvent[] } {
  let header: TraceHeader | undefined;
  const events: SimEvent[] = [];
  for (const item of readTrace(path)) {
    if ('header' in item) header = item.header;
    else events.push(item.event);
  }
  return { header: header!, events };
}

/** The bytes `run --trace` writes for a header and events. */
export const jsonlText = (t: { header: TraceHeader; events: SimEvent[] }): string =>
  [headerLine(t.header), ...t.events.map(eventLine)].join('\n') + '\n';
