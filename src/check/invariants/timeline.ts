/**
 * Per-container instance timelines built from the event log: what happened to each instance (the
 * runtime's container, one per `container/created`) and the start attempts before it. Several
 * invariants reason about instances — probes reset per container ID (semantics §1.3 step 4), kills
 * and restarts are per instance.
 */
import type {
  BackoffEntry,
  KillReason,
  ProbeResult,
  ProbeType,
  Signal,
} from '../../events/catalog.js';
import type { Observation } from './types.js';
import { containerOf } from './types.js';

export interface At {
  /** Index of the event in the run (= its seq). */
  i: number;
  at: number;
}

export interface Instance {
  object: string;
  container: string;
  /** 1 for the first instance. */
  n: number;
  created: At & { backoff: BackoffEntry | null };
  started: At | null;
  exited: (At & { exitCode: number; signal: Signal | null }) | null;
  kills: Array<At & { reason: KillReason; graceMs: number }>;
  signals: Array<At & { signal: Signal }>;
  /** Kills that reached StopContainer after an earlier one had sent SIGTERM (§30). */
  skips: At[];
  hooks: Array<At & { hook: 'postStart' | 'preStop'; endsAt: number; finishedAt: number | null }>;
  probes: Array<
    At & {
      probe: ProbeType;
      result: ProbeResult;
      run: number;
      cached: ProbeResult;
      onHold: boolean;
    }
  >;
  /** Start attempts (image step, back-off refusals) since the previous instance, before this one. */
  attempts: Array<At & { type: string }>;
  /** The pod's removal from the API (`pod/deleted`) while this was its container's latest instance. */
  removed: At | null;
}

const ATTEMPTS = new Set([
  'image/pulling',
  'image/present',
  'image/pullFailed',
  'image/backOff',
  'container/backOff',
  'container/createFailed',
]);

/** instances() of each event log: the invariants (and each of their pods) share one pass. */
const memo = new WeakMap<readonly unknown[], ReadonlyMap<string, Instance[]>>();

/**
 * Instances of every container of every pod, keyed `object|container`, in creation order. The
 * result is shared by every caller with the same events: read it, never change it.
 */
export function instances(obs: Observation): ReadonlyMap<string, Instance[]> {
  const hit = memo.get(obs.events);
  if (hit) return hit;
  const out = collectInstances(obs);
  memo.set(obs.events, out);
  return out;
}

function collectInstances(obs: Observation): Map<string, Instance[]> {
  const out = new Map<string, Instance[]>();
  const pending = new Map<string, Array<At & { type: string }>>();
  // The instance keys of each pod, until it is removed.
  const keysOf = new Map<string, string[]>();
  obs.events.forEach((ev, i) => {
    if (ev.type === 'pod/deleted') {
      for (const key of keysOf.get(ev.object) ?? []) {
        const list = out.get(key)!;
        list[list.length - 1]!.removed = { i, at: ev.at };
      }
      keysOf.delete(ev.object);
      return;
    }
    const c = containerOf(ev);
    if (!c || !ev.object.startsWith('Pod/')) return;
    const key = `${ev.object}|${c}`;
    const list = out.get(key) ?? [];
    const cur = list[list.length - 1];
    const at = { i, at: ev.at };
    if (ATTEMPTS.has(ev.type)) {
      pending.set(key, [...(pending.get(key) ?? []), { ...at, type: ev.type }]);
      return;
    }
    switch (ev.type) {
      case 'container/created':
        list.push({
          object: ev.object,
          container: c,
          n: list.length + 1,
          created: { ...at, backoff: ev.payload.backoff },
          started: null,
          exited: null,
          kills: [],
          signals: [],
          skips: [],
          hooks: [],
          probes: [],
          attempts: pending.get(key) ?? [],
          removed: null,
        });
        pending.delete(key);
        const keys = keysOf.get(ev.object) ?? [];
        if (!keys.includes(key)) keysOf.set(ev.object, [...keys, key]);
        out.set(key, list);
        return;
      case 'container/started':
        if (cur) cur.started = at;
        return;
      case 'container/startFailed':
        if (cur) cur.exited = { ...at, exitCode: 128, signal: null };
        return;
      case 'container/exited':
        if (cur)
          cur.exited = { ...at, exitCode: ev.payload.exitCode, signal: ev.payload.signal ?? null };
        return;
      case 'container/killing':
        cur?.kills.push({ ...at, reason: ev.payload.reason, graceMs: ev.payload.graceMs });
        return;
      case 'container/signalled':
        cur?.signals.push({ ...at, signal: ev.payload.signal });
        return;
      case 'container/signalSkipped':
        cur?.skips.push(at);
        return;
      case 'hook/started':
        cur?.hooks.push({
          ...at,
          hook: ev.payload.hook,
          endsAt: ev.payload.endsAt,
          finishedAt: null,
        });
        return;
      case 'hook/finished': {
        const h = cur?.hooks.filter((x) => x.hook === ev.payload.hook && x.finishedAt === null)[0];
        if (h) h.finishedAt = ev.at;
        return;
      }
      case 'probe/result':
        cur?.probes.push({
          ...at,
          probe: ev.payload.probe,
          result: ev.payload.result,
          run: ev.payload.run,
          cached: ev.payload.cached,
          onHold: ev.payload.onHold,
        });
        return;
      default:
        return;
    }
  });
  return out;
}

/** The first event index at which the pod was asked to be deleted, and when. */
export function deletionOf(
  obs: Observation,
  object: string,
): (At & { graceSeconds: number }) | null {
  const i = obs.events.findIndex((e) => e.object === object && e.type === 'pod/deletionRequested');
  if (i < 0) return null;
  const ev = obs.events[i]!;
  const grace = (ev.payload as { gracePeriodSeconds: number }).gracePeriodSeconds;
  return { i, at: ev.at, graceSeconds: grace };
}
