/**
 * Every bundled example: the run is deterministic (byte-identical traces), matches its golden
 * trace under traces/, and folding the trace reproduces every state the live run had.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assertCausal,
  assertReplayEqualsLive,
  examplePath,
  runFiles,
  traceText,
} from '../helpers/run.js';

const EXAMPLES = readdirSync('traces', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(EXAMPLES)('example %s', (name) => {
  const run = runFiles([examplePath(name)], { snapshots: true });

  it('gives byte-identical traces for the same inputs and seed', () => {
    expect(traceText(runFiles([examplePath(name)]))).toBe(traceText(run));
  });

  it('matches its golden trace (regenerate with `npm run golden` after an intended change)', () => {
    expect(traceText(run)).toBe(readFileSync(`traces/${name}/trace.jsonl`, 'utf8'));
  });

  it('replays: folding the events reproduces the state after every event', () => {
    assertReplayEqualsLive(run);
  });

  it('keeps time monotonic and names an earlier cause for every caused event', () => {
    assertCausal(run.events);
  });
});
