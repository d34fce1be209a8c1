/**
 * The moments of a pod's life that people compare between two runs: scheduled, each container's
 * first start, Ready, each restart, the first Unhealthy, the first SIGTERM and SIGKILL, marked
 * NotReady and evicted (node loss), deletion.
 */
import { containerOf } from './causeChain.js';
import type { LoadedTrace } from './loadTrace.js';
import { conditionBecameTrue } from './answerWhen.js';

export interface Milestone {
  /** `namespace/name`. */
  pod: string;
  name: string;
  at: number;
}

export function milestones(trace: LoadedTrace): Milestone[] {
  const out: Milestone[] = [];
  const seen = new Set<string>();
  const once = (pod: string, name: string, at: number): void => {
    if (seen.has(`${pod}|${name}`)) return;
    seen.add(`${pod}|${name}`);
    out.push({ pod, name, at });
  };
  const starts = new Map<string, number>();
  const ready = new Map<string, number>();
  for (const r of conditionBecameTrue(trace, 'Ready'))
    if (!ready.has(r.object)) ready.set(r.object, r.at);
  for (const ev of trace.events) {
    if (!ev.object.startsWith('Pod/')) continue;
    const pod = ev.object.slice(4);
    const readyAt = ready.get(pod);
    if (readyAt !== undefined && readyAt <= ev.at) once(pod, 'Ready', readyAt);
    const c = containerOf(ev);
    if (ev.type === 'pod/scheduled') once(pod, 'scheduled', ev.at);
    if (ev.type === 'container/started') {
      const n = starts.get(`${pod}|${c}`) ?? 0;
      starts.set(`${pod}|${c}`, n + 1);
      once(pod, n === 0 ? `${c} started` : `${c} restart ${n}`, ev.at);
    }
    if (ev.notes?.some((n) => n.reason === 'Unhealthy')) once(pod, 'first Unhealthy', ev.at);
    if (ev.type === 'container/signalled') once(pod, ev.payload.signal, ev.at);
    // Node loss: the node lifecycle controller's Ready=False, the taint eviction controller's
    // deletion (the pod is deleted only once its kubelet is back, if ever).
    if (ev.type === 'pod/markedNotReady') once(pod, 'marked NotReady', ev.at);
    if (ev.type === 'pod/disruptionTargeted') once(pod, 'evicted', ev.at);
    if (ev.type === 'pod/deleted') once(pod, 'deleted', ev.at);
  }
  return out;
}

export interface MilestoneRow {
  pod: string;
  name: string;
  a: number | undefined;
  b: number | undefined;
}

/** Both runs' milestones side by side, in the order they first happen (A's, then B's extras). */
export function milestoneTable(a: LoadedTrace, b: LoadedTrace): MilestoneRow[] {
  const ma = milestones(a);
  const mb = milestones(b);
  const key = (m: Milestone): string => `${m.pod}|${m.name}`;
  const inB = new Map(mb.map((m) => [key(m), m.at]));
  const inA = new Set(ma.map(key));
  const rows: MilestoneRow[] = ma.map((m) => ({
    pod: m.pod,
    name: m.name,
    a: m.at,
    b: inB.get(key(m)),
  }));
  for (const m of mb)
    if (!inA.has(key(m))) rows.push({ pod: m.pod, name: m.name, a: undefined, b: m.at });
  const podOrder = [...new Set(rows.map((r) => r.pod))];
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => podOrder.indexOf(x.r.pod) - podOrder.indexOf(y.r.pod) || x.i - y.i)
    .map((x) => x.r);
}
