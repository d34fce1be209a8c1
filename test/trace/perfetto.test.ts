/**
 * `podsim export --format perfetto`: Chrome trace-event JSON that Perfetto can open — named
 * processes and threads, complete events that nest on each thread, instants, microseconds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import type { ChromeTrace, TraceEvent } from '../../src/trace/perfettoTrace.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { timelineModel } from '../../src/trace/timelineModel.js';
import { goldenTrace, probeKillTrace, scratchDir } from './traceHelpers.js';

/** The structural rules of the trace-event format that viewers rely on; returns the problems. */
function problems(t: ChromeTrace): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  for (const e of t.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name') named.add(`${e.pid}/${e.tid}`);
    if (e.ph === 'M' && e.name === 'process_name') named.add(`${e.pid}`);
  }
  const byThread = new Map<string, TraceEvent[]>();
  t.traceEvents.forEach((e, i) => {
    const where = `event ${i} (${e.ph} ${e.name})`;
    if (!['X', 'i', 'M'].includes(e.ph)) out.push(`${where}: unknown ph`);
    if (!Number.isInteger(e.pid) || !Number.isInteger(e.tid)) out.push(`${where}: pid/tid`);
    if (typeof e.name !== 'string' || e.name === '') out.push(`${where}: name`);
    if (e.ph === 'M' && typeof e.args?.name !== 'string' && typeof e.args?.sort_index !== 'number')
      out.push(`${where}: metadata without args`);
    if (e.ph !== 'M') {
      if (!Number.isInteger(e.ts) || e.ts! < 0) out.push(`${where}: ts`);
      if (!named.has(`${e.pid}`) || !named.has(`${e.pid}/${e.tid}`)) out.push(`${where}: unnamed`);
    }
    if (e.ph === 'X') {
      if (!Number.isInteger(e.dur) || e.dur! < 0) out.push(`${where}: dur`);
      const k = `${e.pid}/${e.tid}`;
      byThread.set(k, [...(byThread.get(k) ?? []), e]);
    }
    if (e.ph === 'i' && e.s !== 't') out.push(`${where}: instant scope`);
  });
  for (const [k, es] of byThread) {
    const sorted = [...es].sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
    const stack: number[] = [];
    for (const e of sorted) {
      while (stack.length > 0 && stack[stack.length - 1]! <= e.ts!) stack.pop();
      if (stack.length > 0 && e.ts! + e.dur! > stack[stack.length - 1]!)
        out.push(`thread ${k}: ${e.name} at ${e.ts} overlaps without nesting`);
      stack.push(e.ts! + e.dur!);
    }
  }
  return out;
}

async function exported(trace: string): Promise<ChromeTrace> {
  const out = join(scratchDir(), 'trace.json');
  const r = await cli(['export', trace, '--format', 'perfetto', '-o', out]);
  expect(r.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ChromeTrace;
}

describe('podsim export --format perfetto', () => {
  it.each([
    ['the probe-kill fixture', probeKillTrace()],
    ['the crash loop', goldenTrace('sleep-exit-always')],
    ['init containers waiting for services', goldenTrace('init-wait-services')],
  ])('writes a structurally valid trace-event file for %s', async (_, trace) => {
    const t = await exported(trace);
    expect(t.displayTimeUnit).toBe('ms');
    expect(problems(t)).toEqual([]);
  });

  it('names a process per pod and a thread per lane, with back-off periods on their own thread', async () => {
    const t = await exported(goldenTrace('sleep-exit-always'));
    const names = t.traceEvents
      .filter((e) => e.ph === 'M' && (e.name === 'process_name' || e.name === 'thread_name'))
      .map((e) => `${e.pid}/${e.name === 'process_name' ? '-' : e.tid} ${e.args!.name}`);
    expect(names).toEqual(['1/- pod default/foo', '1/0 pod', '1/1 busybox', '1/2 busybox periods']);
  });

  it('gives times in microseconds: the first restart starts at 32 s', async () => {
    const t = await exported(goldenTrace('sleep-exit-always'));
    const started = t.traceEvents
      .filter((e) => e.ph === 'i' && e.name === 'Started')
      .map((e) => e.ts);
    expect(started.slice(0, 2)).toEqual([1_500_000, 32_000_000]);
    const model = timelineModel(loadTrace(goldenTrace('sleep-exit-always')));
    const spans = model.lanes.flatMap((l) => [...l.spans, ...l.overlays]);
    expect(t.traceEvents.filter((e) => e.ph === 'X').map((e) => [e.ts, e.dur])).toEqual(
      spans.map((s) => [s.from * 1000, (s.to - s.from) * 1000]),
    );
  });

  it('has a checker that would see unnamed threads and complete events that do not nest', () => {
    const meta: TraceEvent[] = [
      { ph: 'M', name: 'process_name', pid: 1, tid: 0, args: { name: 'p' } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 0, args: { name: 't' } },
    ];
    const bad: ChromeTrace = {
      displayTimeUnit: 'ms',
      otherData: {},
      traceEvents: [
        ...meta,
        { ph: 'X', name: 'a', pid: 1, tid: 0, ts: 0, dur: 10 },
        { ph: 'X', name: 'b', pid: 1, tid: 0, ts: 5, dur: 10 },
        { ph: 'i', name: 'c', pid: 1, tid: 3, ts: 1, s: 't' },
      ],
    };
    expect(problems(bad)).toEqual([
      'event 4 (i c): unnamed',
      'thread 1/0: b at 5 overlaps without nesting',
    ]);
  });

  it('asks for the format and the output', async () => {
    const trace = goldenTrace('sleep-exit-never');
    expect((await cli(['export', trace, '-o', 'x.json'])).err).toBe(
      'podsim: export: --format is required; formats: perfetto\n',
    );
    expect((await cli(['export', trace, '--format', 'otlp', '-o', 'x.json'])).err).toBe(
      'podsim: export: --format "otlp" is not known; formats: perfetto\n',
    );
    expect((await cli(['export', trace, '--format', 'perfetto'])).err).toBe(
      'podsim: export: give the output file with -o OUT.json\n',
    );
  });

  it('replaces an existing file only with --force', async () => {
    const out = join(scratchDir(), 'mine.json');
    writeFileSync(out, 'mine');
    const trace = goldenTrace('sleep-exit-never');
    const refused = await cli(['export', trace, '--format', 'perfetto', '-o', out]);
    expect([refused.code, refused.err]).toEqual([
      2,
      `podsim: -o ${out}: the file exists; pass --force to replace it\n`,
    ]);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    const forced = await cli(['export', trace, '--format', 'perfetto', '-o', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('traceEvents');
  });
});
