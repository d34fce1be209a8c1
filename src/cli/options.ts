/** Option values shared by commands: durations, seeds, output formats, output files. */
import { statSync } from 'node:fs';
import { parseDuration } from '../model/time.js';
import type { Millis } from '../model/time.js';
import { UsageError } from './io.js';
import type { CliIO } from './io.js';

export function durationOption(name: string, v: string | undefined): Millis | undefined {
  if (v === undefined) return undefined;
  const d = parseDuration(v);
  if (d === undefined)
    throw new UsageError(
      `--${name} ${JSON.stringify(v)}: expected a duration such as 90s, 5m or 1h30m (at most 2562047h)`,
    );
  return d;
}

export function seedOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 2 ** 32 - 1)
    throw new UsageError(`--seed ${JSON.stringify(v)}: expected an integer from 0 to 4294967295`);
  return Number(v);
}

export function requireFiles(files: readonly string[], what: string): void {
  if (files.length === 0)
    throw new UsageError(`${what}: no input files; give manifests, a scenario, or a trace`);
}

/**
 * Before any work: an output file named by `flag` that exists is replaced only with --force, so
 * nothing a user wrote is lost unasked. A directory there is the writer's to report (it cannot be
 * written at all, --force or not).
 */
export function refuseToReplace(
  io: CliIO,
  flag: string,
  path: string | undefined,
  force: boolean | undefined,
): void {
  if (path !== undefined && !force && io.exists(path) && !isDirectory(path))
    throw new UsageError(`${flag} ${path}: the file exists; pass --force to replace it`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
