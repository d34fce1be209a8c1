/** Shared by the trace tests: the golden traces, scratch directories, and traces written on the fly. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
