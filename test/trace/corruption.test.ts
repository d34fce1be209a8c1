/**
 * A damaged trace is refused with one line that names the file and line, never a stack trace:
 * whatever reads it (replay, get, describe) exits 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { TraceError } from '../../src/trace/reader.js';
import { yamlTraceText } from '../../src/trace/yamlTrace.js';
import { cli } from '../helpers/run.js';
import { goldenTrace, scratchDir } from './traceHelpers.js';

const GOOD = readFileSync(goldenTrace('sleep-exit-never'), 'utf8');
const dir = scratchDir();

function damaged(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** The one-line error every command prints for the file, and its exit code. */
async function refusal(argv: string[]): Promise<{ code: number; err: string; out: string }> {
  const r = await cli(argv);
  expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
  return r;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

describe('a damaged JSON Lines trace', () => {
  it('with one byte of a line overwritten: names that line', async () => {
    const offset = GOOD.indexOf('{"seq":7,');
    const p = damaged('byte.jsonl', `${GOOD.slice(0, offset)}#${GOOD.slice(offset + 1)}`);
    for (const argv of [
      ['replay', p],
      ['get', 'pods', p],
      ['describe', 'pod', 'foo', p],
      ['replay', p, '--verify'],
    ]) {
      const r = await refusal(argv);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`podsim: ${p}:9: not valid JSON (truncated or corrupted trace?)\n`);
    }
  });

  it('with a seq digit changed: names the line and what was expected there', async () => {
    const p = damaged('seq.jsonl', GOOD.replace('{"seq":4,', '{"seq":5,'));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(`podsim: ${p}:6: expected seq 4, found 5 (events missing or reordered)\n`);
  });

  it('with an event type misspelt: names the line and the type', async () => {
    const p = damaged('type.jsonl', GOOD.replace('"container/exited"', '"container/exitet"'));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(`podsim: ${p}:12: unknown event type "container/exitet"\n`);
  });

  it('with another format version: names line 1 and the version this podsim reads', async () => {
    const p = damaged('version.jsonl', GOOD.replace('"version":1', '"version":2'));
    const r = await refusal(['replay', p, '--verify']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `podsim: ${p}:1: trace format version 2 is not supported; this podsim reads version 1\n`,
    );
  });

  it('cut short inside a line: names the line that was cut', async () => {
    const p = damaged('cut.jsonl', GOOD.slice(0, GOOD.indexOf('"type":"pod/terminated"')));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(`podsim: ${p}:13: not valid JSON (truncated or corrupted trace?)\n`);
  });

  it('cut just before its final newline: names the last line', async () => {
    const p = damaged('nonl.jsonl', GOOD.slice(0, -1));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(`podsim: ${p}:13: the last line has no newline (truncated trace?)\n`);
  });

  it('cut at any byte that is not a line boundary: a TraceError for the line holding the cut', () => {
    const boundaries = new Set([...GOOD.matchAll(/\n/g)].map((m) => m.index + 1));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: GOOD.length - 1 }).filter((n) => !boundaries.has(n)),
        (cut) => {
          const p = damaged('prop.jsonl', GOOD.slice(0, cut));
          let err: unknown;
          try {
            loadTrace(p);
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(TraceError);
          expect((err as TraceError).line).toBe(lineOf(GOOD, cut));
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('a damaged YAML trace', () => {
  const t = loadTrace(goldenTrace('sleep-exit-never'));
  const yaml = yamlTraceText(t.header, t.events);

  it('with an event out of order: names the line its list item starts on', async () => {
    const p = damaged('seq.yaml', yaml.replace('- seq: 4\n', '- seq: 40\n'));
    const line = lineOf(yaml, yaml.indexOf('- seq: 4\n'));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(
      `podsim: ${p}:${line}: expected seq 4, found 40 (events missing or reordered)\n`,
    );
  });

  it('with broken YAML: names the line where the parser gave up (the one after the damage)', async () => {
    const at = yaml.indexOf('  cause: 2\n');
    const p = damaged('syntax.yaml', `${yaml.slice(0, at)}  cause: [2\n${yaml.slice(at + 11)}`);
    const r = await refusal(['get', 'pods', p]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `podsim: ${p}:${lineOf(yaml, at) + 1}: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n`,
    );
  });

  it('with another format version: names the header', async () => {
    const p = damaged('version.yaml', yaml.replace('\nversion: 1\n', '\nversion: 3\n'));
    const r = await refusal(['replay', p]);
    expect(r.err).toBe(
      `podsim: ${p}:2: trace format version 3 is not supported; this podsim reads version 1\n`,
    );
  });
});
