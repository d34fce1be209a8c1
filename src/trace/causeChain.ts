/**
 * The causal chain of an event: follow `cause` back to a root (an input or a timed action), then
 * read it forwards. Two refinements make it read like the kubelet's own story: a decision's
 * companion that the engine stamps with the same cause (Killing next to SIGTERM, SIGKILL next to
 * the exit it causes) is shown in its place, and a probe worker's run of equal results is one step.
 */
import type { SimEvent } from '../events/catalog.js';

export interface ChainStep {
  /** The events of the step (several for a run of probe results), in seq order. */
  events: SimEvent[];
  /** The step's last event (the one that led on). */
  last: SimEvent;
}

/** Companion types: emitted in one batch with the event that carries the chain on. */
const COMPANIONS = new Set(['container/killing', 'container/signalled', 'container/signalSkipped']);

export function containerOf(ev: SimEvent): string | undefined {
  const c = (ev.payload as { container?: unknown }).container;
  return typeof c === 'string' ? c : undefined;
}

/** seqs from the root to `seq`, following causes (events are indexed by seq). */
export function causeSeqs(events: readonly SimEvent[], seq: number): number[] {
  const out: number[] = [];
  const seen = new Set<number>();
  for (let s: number | null = seq; s !== null && !seen.has(s); s = events[s]?.cause ?? null) {
    seen.add(s);
    out.push(s);
  }
  return out.reverse();
}

export function causeChain(events: readonly SimEvent[], seq: number): ChainStep[] {
  const seqs = causeSeqs(events, seq);
  const chain = new Set(seqs);
  const withCompanions: SimEvent[] = [];
  for (const s of seqs) {
    const ev = events[s]!;
    // Walk back over the same batch (same instant, same cause) for companions of the same container.
    const companions: SimEvent[] = [];
    for (let i = s - 1; i >= 0; i--) {
      const e = events[i]!;
      if (e.at !== ev.at) break;
      if (e.cause !== ev.cause) continue;
      if (!chain.has(i) && COMPANIONS.has(e.type) && containerOf(e) === containerOf(ev))
        companions.unshift(e);
    }
    withCompanions.push(...companions, ev);
  }
  return completeProbeRuns(events, collapseProbeRuns(withCompanions));
}

function probeKey(ev: SimEvent): string | undefined {
  if (ev.type !== 'probe/result') return undefined;
  return `${ev.object}|${ev.payload.container}|${ev.payload.probe}|${ev.payload.result}`;
}

function collapseProbeRuns(events: readonly SimEvent[]): ChainStep[] {
  const steps: ChainStep[] = [];
  for (const ev of events) {
    const prev = steps[steps.length - 1];
    const k = probeKey(ev);
    if (prev && k !== undefined && probeKey(prev.last) === k) {
      prev.events.push(ev);
      prev.last = ev;
    } else steps.push({ events: [ev], last: ev });
  }
  return steps;
}

/**
 * A run of results whose first tick was caused by something else (a wake: a container change, an
 * exec, a fork) still continues the worker's earlier equal results of the same container
 * instance: the kubelet counted them towards the threshold, so they join the step.
 */
function completeProbeRuns(all: readonly SimEvent[], steps: ChainStep[]): ChainStep[] {
  for (const step of steps) {
    const last = step.last;
    if (last.type !== 'probe/result') continue;
    const key = probeKey(last);
    for (let i = step.events[0]!.seq - 1; i >= 0; i--) {
      const e = all[i];
      if (!e || e.object !== last.object || containerOf(e) !== last.payload.container) continue;
      if (INSTANCE_BOUNDARY.has(e.type)) break;
      if (e.type !== 'probe/result' || e.payload.probe !== last.payload.probe) continue;
      if (probeKey(e) !== key) break;
      step.events.unshift(e);
    }
  }
  return steps;
}

const INSTANCE_BOUNDARY = new Set(['container/created', 'container/started', 'container/exited']);
