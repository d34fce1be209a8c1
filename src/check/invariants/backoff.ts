/**
 * Restart back-off (semantics §2.3, kubernetes-rules §8): before each restart the kubelet checks
 * its flowcontrol record against the FinishedAt of the most recent exited instance — for a
 * liveness/startup kill restarted in the same sync, the instance before it (stale snapshot). Not
 * in back-off ⇒ Next: 10 s for a new (or expired, or garbage-collected) record, else double, capped
 * at 300 s. So delays run 0, 10, 20, 40 … 300 s: the first restart is immediate, none is early, and
 * a restart later than its back-off needs a reason — the pod worker was blocked and something
 * (a hook, a pull, a container exit) released it at that instant.
 */
import type { BackoffEntry } from '../../events/catalog.js';
import type { Invariant, Observation, Violation } from './types.js';
import { containerOf, violations } from './types.js';
import { instances } from './timeline.js';
import type { Instance } from './timeline.js';

const NAME = 'restart-backoff';
const INITIAL = 10_000;
const MAX = 300_000;
/** backoff.go: a record untouched for 2 × max is expired (on use) or garbage-collected. */
const FORGET = 2 * MAX;

/** Events after which a blocked pod worker syncs again (hooks, pulls, sandbox, container exits). */
const UNBLOCKING = new Set([
  'hook/finished',
  'image/pulled',
  'sandbox/ready',
  'container/exited',
  'probe/result',
]);

function forgotten(entry: BackoffEntry, eventTime: number, now: number): boolean {
  return now - entry.lastUpdate > FORGET || eventTime - entry.lastUpdate > FORGET;
}

/** When the kubelet may restart at the earliest: FinishedAt + back-off, or the record's GC. */
function earliest(entry: BackoffEntry | null, eventTime: number, now: number): number {
  if (!entry || forgotten(entry, eventTime, now)) return eventTime;
  return Math.min(eventTime + entry.periodMs, entry.lastUpdate + FORGET + 1);
}

function expectedNext(entry: BackoffEntry | null, eventTime: number, now: number): BackoffEntry {
  if (!entry || forgotten(entry, eventTime, now)) return { periodMs: INITIAL, lastUpdate: now };
  return { periodMs: Math.min(entry.periodMs * 2, MAX), lastUpdate: now };
}

export const restartBackoff: Invariant = {
  name: NAME,
  rule: 'semantics §2.3: restart delays 0, 10, 20, 40 … s capped at 300 s, from the last FinishedAt',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    for (const list of instances(obs).values()) {
      let record: BackoffEntry | null = null;
      list.forEach((inst, k) => {
        const b = inst.created.backoff;
        if (b && b.periodMs > MAX)
          v.add(inst.created.i, `${inst.container} back-off ${b.periodMs} ms exceeds 300 s`);
        if (k > 0) checkRestart(obs, v, list, k, record);
        if (b) record = b;
      });
    }
    return v.list;
  },
};

function checkRestart(
  obs: Observation,
  v: ReturnType<typeof violations>,
  list: Instance[],
  k: number,
  record: BackoffEntry | null,
): void {
  const inst = list[k]!;
  const prev = list[k - 1]!;
  const name = `${inst.container} instance ${inst.n}`;
  if (!prev.exited) {
    v.add(inst.created.i, `${name} created while instance ${prev.n} had not exited`);
    return;
  }
  const decision = decisionOf(obs, inst);
  const d = decision.at;
  const probeKill = prev.kills.some((x) => x.reason === 'liveness' || x.reason === 'startup');
  // The same-sync restart after a probe kill sees the instance before the killed one (§2.3).
  const eventTime =
    probeKill && d === prev.exited.at ? (list[k - 2]?.exited?.at ?? null) : prev.exited.at;
  if (eventTime === null) {
    if (inst.created.backoff !== null)
      v.add(inst.created.i, `${name}: no exited instance to check, yet the back-off record moved`);
    return;
  }
  for (const refusal of inst.attempts.filter((a) => a.type === 'container/backOff')) {
    if (refusal.at >= earliest(record, eventTime, refusal.at))
      v.add(
        refusal.i,
        `${name}: CrashLoopBackOff at ${refusal.at} ms, after the back-off had run out`,
      );
  }
  const due = earliest(record, eventTime, d);
  if (d < due)
    v.add(decision.i, `${name} restarted at ${d} ms, before its back-off ended at ${due} ms`);
  if (d > due && !releasedAt(obs, inst.object, d, decision.i))
    v.add(
      decision.i,
      `${name} restarted at ${d} ms, later than its back-off end ${due} ms with nothing blocking`,
    );
  const want = expectedNext(record, eventTime, d);
  const got = inst.created.backoff;
  if (!got || got.periodMs !== want.periodMs || got.lastUpdate !== want.lastUpdate)
    v.add(
      inst.created.i,
      `${name}: back-off record ${JSON.stringify(got)}, expected ${JSON.stringify(want)} (previous ${JSON.stringify(record)}, FinishedAt ${eventTime} ms)`,
    );
}

/**
 * The start attempt that produced an instance: the pull its creation resumed from (created ←
 * image/pulled ← image/pulling), else the image check made in the same decision (image/present).
 */
export function decisionOf(obs: Observation, inst: Instance): { i: number; at: number } {
  const cause = obs.events[obs.events[inst.created.i]!.cause ?? -1];
  if (cause?.type === 'image/pulled' && cause.payload.container === inst.container) {
    const pulling = obs.events[cause.cause ?? -1];
    if (pulling?.type === 'image/pulling') return { i: pulling.seq, at: pulling.at };
  }
  const present = inst.attempts.filter((a) => a.type === 'image/present');
  return present[present.length - 1] ?? inst.created;
}

/** Something released the pod worker at `at`, before the decision at index `before`. */
function releasedAt(obs: Observation, object: string, at: number, before: number): boolean {
  for (let i = before - 1; i >= 0 && obs.events[i]!.at === at; i--) {
    const e = obs.events[i]!;
    if (e.object === object && UNBLOCKING.has(e.type)) return true;
  }
  return false;
}

/*
 * Start attempts are synchronous (semantics §4.1, kubernetes-rules §3): SyncPod runs a container's
 * start — ensure the image (a pull blocks the pod worker), create, start — to its end before the
 * pod worker does anything else. So once a pull for a container has begun, no other start attempt
 * for that container begins until this one ends in a creation or a failure.
 */
const ATTEMPTS_NAME = 'start-attempts';

const BEGINS = new Set([
  'image/pulling',
  'image/present',
  'image/backOff',
  'container/backOff',
  'image/pullFailed',
]);
const ENDS = new Set(['container/created', 'container/createFailed']);

export const startAttempts: Invariant = {
  name: ATTEMPTS_NAME,
  rule: 'semantics §4.1: a start attempt (pull → create) runs to its end before another attempt for the same container',
  check(obs: Observation): Violation[] {
    const v = violations(ATTEMPTS_NAME);
    /** `object|container` → the pull in flight (its seq). */
    const pulling = new Map<string, number>();
    for (const ev of obs.events) {
      const c = containerOf(ev);
      if (!c || !ev.object.startsWith('Pod/')) continue;
      const key = `${ev.object}|${c}`;
      const inFlight = pulling.get(key);
      const endsPull =
        ENDS.has(ev.type) || (ev.type === 'image/pullFailed' && ev.payload.afterPull);
      if (endsPull) {
        pulling.delete(key);
        continue;
      }
      if (!BEGINS.has(ev.type)) continue;
      if (inFlight !== undefined)
        v.add(
          ev.seq,
          `${ev.type} for ${c} while its pull begun at seq ${inFlight} has not finished`,
        );
      if (ev.type === 'image/pulling') pulling.set(key, ev.seq);
    }
    return v.list;
  },
};
