/**
 * Shard result files (`podsim check --shard i/N --out FILE`) and `--merge`: a shard evaluates the
 * run indexes ≡ i (mod N) and keeps its first failure shrunk; the merge takes the lowest failing
 * index over all shards, which is the failure one process evaluating every index would report.
 */
import type { Outcome } from './outcome.js';

export const SHARD_FORMAT = 'podsim-check-shard';
export const SHARD_VERSION = 1;

export interface ShardFile {
  format: typeof SHARD_FORMAT;
  version: number;
  /** Hash of the inputs, assertions, seed and runs: shards of one check share it. */
  check: string;
  shard: { index: number; count: number };
  files: string[];
  assertions: string[];
  seed: number;
  runs: number;
  outcome: Outcome;
}

export class MergeError extends Error {}

/** `i/N` with 0 ≤ i < N. */
export function parseShard(s: string): { index: number; count: number } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index >= count || count > 1_000_000) return undefined;
  return { index, count };
}

/** The indexes shard i of N evaluates, ascending. */
export function shardIndices(runs: number, shard: { index: number; count: number }): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < runs; i += shard.count) out.push(i);
  return out;
}

export function parseShardFile(path: string, text: string): ShardFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new MergeError(
      `${path}: not a podsim check shard file (written by --shard i/N --out): not JSON (${(e as Error).message})`,
    );
  }
  const f = v as Partial<ShardFile> | null;
  if (!f || f.format !== SHARD_FORMAT)
    throw new MergeError(`${path}: not a podsim check shard file (written by --shard i/N --out)`);
  if (f.version !== SHARD_VERSION)
    throw new MergeError(
      `${path}: shard file version ${f.version}; this podsim reads version ${SHARD_VERSION}`,
    );
  return f as ShardFile;
}

/** Validates that the files are every shard of one check, once; returns the merged outcome. */
export function mergeShards(shards: ReadonlyArray<{ path: string; file: ShardFile }>): {
  first: ShardFile;
  outcome: Outcome;
} {
  if (shards.length === 0) throw new MergeError('--merge: no shard files given');
  const first = shards[0]!;
  const count = first.file.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    if (s.file.check !== first.file.check)
      throw new MergeError(
        `${s.path}: a shard of another check than ${first.path} (different inputs, assertions, --seed or --runs)`,
      );
    if (s.file.shard.count !== count)
      throw new MergeError(
        `${s.path}: shard ${s.file.shard.index}/${s.file.shard.count}, but ${first.path} is one of ${count} shards`,
      );
    const dup = seen.get(s.file.shard.index);
    if (dup !== undefined)
      throw new MergeError(`${s.path}: shard ${s.file.shard.index}/${count} is also in ${dup}`);
    seen.set(s.file.shard.index, s.path);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new MergeError(
      `incomplete: missing shard${missing.length === 1 ? '' : 's'} ${missing
        .slice(0, 10)
        .map((i) => `${i}/${count}`)
        .join(', ')}${missing.length > 10 ? ', …' : ''} of ${count}`,
    );
  let outcome: Outcome = { passed: true };
  for (const s of shards) {
    const o = s.file.outcome;
    if (!o.passed && (outcome.passed || o.index < outcome.index)) outcome = o;
  }
  return { first: first.file, outcome };
}
