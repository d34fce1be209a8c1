/**
 * The Chrome trace-event JSON that Perfetto and chrome://tracing open: a process per pod, a
 * thread per lane (the pod's own first, then its containers), complete events (`ph: 'X'`) for
 * state spans, back-off and grace periods, instants (`ph: 'i'`) for probe results and recorded
 * events, and metadata (`ph: 'M'`) naming processes and threads. Times are microseconds.
 */
import type { TimelineModel } from './timelineModel.js';

export interface TraceEvent {
  ph: 'X' | 'i' | 'M';
  name: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  cat?: string;
  /** Scope of an instant: the thread it happened on. */
  s?: 't';
  args?: Record<string, string | number>;
}

export interface ChromeTrace {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
  otherData: Record<string, string>;
}

const US_PER_MS = 1000;

export function perfettoTrace(model: TimelineModel): ChromeTrace {
  const out: TraceEvent[] = [];
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  for (const lane of model.lanes) {
    if (!pids.has(lane.pod)) {
      const pid = pids.size + 1;
      pids.set(lane.pod, pid);
      out.push(
        {
          ph: 'M',
          name: 'process_name',
          pid,
          tid: 0,
          args: { name: lane.kind ? lane.title : `pod ${lane.pod}` },
        },
        { ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: pid } },
      );
    }
    const pid = pids.get(lane.pod)!;
    const thread = (suffix: string, name: string): number => {
      const tid = [...tids.keys()].filter((k) => k.startsWith(`${lane.pod}|`)).length;
      tids.set(`${lane.pod}|${lane.container ?? ''}|${suffix}`, tid);
      out.push(
        { ph: 'M', name: 'thread_name', pid, tid, args: { name } },
        { ph: 'M', name: 'thread_sort_index', pid, tid, args: { sort_index: tid } },
      );
      return tid;
    };
    const tid = thread('', lane.container ?? lane.kind ?? 'pod');
    // Back-off and grace periods overlap the state spans, and complete events on one thread must
    // nest: they get a thread of their own.
    const periods =
      lane.overlays.length > 0 ? thread('periods', `${lane.container ?? 'pod'} periods`) : tid;
    const spans = [
      ...lane.spans.map((s) => ({ s, tid })),
      ...lane.overlays.map((s) => ({ s, tid: periods })),
    ];
    for (const { s, tid: t } of spans) {
      out.push({
        ph: 'X',
        name: s.label,
        cat: s.kind,
        pid,
        tid: t,
        ts: s.from * US_PER_MS,
        dur: (s.to - s.from) * US_PER_MS,
        args: { detail: s.detail },
      });
    }
    for (const t of lane.ticks) {
      const name = t.ok ? 'probe ok' : 'probe failed';
      out.push({
        ph: 'i',
        s: 't',
        name,
        cat: 'probe',
        pid,
        tid,
        ts: t.at * US_PER_MS,
        args: { detail: t.detail },
      });
    }
    for (const m of lane.markers) {
      out.push({
        ph: 'i',
        s: 't',
        name: m.label,
        cat: m.warning ? 'warning' : 'event',
        pid,
        tid,
        ts: m.at * US_PER_MS,
        args: { seq: m.seq, detail: m.detail },
      });
    }
  }
  return {
    traceEvents: out,
    displayTimeUnit: 'ms',
    otherData: { source: model.file, producer: 'podsim' },
  };
}
