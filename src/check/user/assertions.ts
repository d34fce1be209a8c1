/**
 * The assertions of `podsim check --assert '…'`: parsed once, then evaluated on each run as its
 * events are folded. Each assertion reports its first failure (the virtual instant it became
 * false and why); a run fails when any assertion does.
 */
import { matches } from '../../spec/loadRun.js';
import { isPodReady } from '../../controllers/activePods.js';
import { printPodRow } from '../../views/index.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../../events/catalog.js';
import type { Millis } from '../../model/time.js';
import { goDuration, parseDuration } from '../../model/time.js';
import type { ClusterState } from '../../state/model.js';
import { noReadyEndpointIntervals, serviceObjectKey } from '../../state/endpointIntervals.js';

export const ASSERTION_GRAMMAR = [
  '[pod/NAME] ready within DURATION        each pod (or NAME) is Ready within DURATION of its creation',
  '[pod/NAME] restarts <=|<|== N           restarts of each pod (the number in the RESTARTS column)',
  '[pod/NAME] no SIGKILL                   no container is ever sent SIGKILL',
  '[pod/NAME] no OOMKilled                 no container ends OOMKilled',
  '[pod/NAME] terminated within DURATION   each deleted pod is gone within DURATION of its deletion',
  'endpoints svc/NAME never empty [after DURATION]   the Service always has a ready endpoint',
  '(NAME may end in * to match a prefix; DURATION as 60s, 1m30s, 500ms)',
];

export type Assertion =
  | { kind: 'ready'; pod?: string; withinMs: Millis; text: string }
  | { kind: 'restarts'; pod?: string; op: '<=' | '<' | '=='; n: number; text: string }
  | { kind: 'noSigkill'; pod?: string; text: string }
  | { kind: 'noOom'; pod?: string; text: string }
  | { kind: 'terminated'; pod?: string; withinMs: Millis; text: string }
  | { kind: 'endpoints'; service: string; afterMs: Millis; text: string };

export interface AssertionFailure {
  /** The assertion as the user wrote it. */
  assertion: string;
  at: Millis;
  message: string;
}

/** Parses one `--assert` text, or returns why it is not understood. */
export function parseAssertion(raw: string): Assertion | { error: string } {
  const text = raw.trim().replace(/\s+/g, ' ');
  const dur = (s: string): Millis | undefined => parseDuration(s);
  let m =
    /^endpoints (?:svc|service)\/([a-z0-9.-]+(?:\/[a-z0-9.-]+)?) never empty(?: after (\S+))?$/.exec(
      text,
    );
  if (m) {
    const afterMs = m[2] === undefined ? 0 : dur(m[2]);
    if (afterMs === undefined) return { error: `"${m[2]}" is not a duration` };
    return { kind: 'endpoints', service: m[1]!, afterMs, text };
  }
  m = /^(?:pod\/([a-z0-9.-]+\*?|\*) )?(.*)$/.exec(text);
  const pod = m?.[1];
  const rest = m?.[2] ?? text;
  const scoped = pod === undefined ? {} : { pod };
  let r = /^(ready|terminated) within (\S+)$/.exec(rest);
  if (r) {
    const withinMs = dur(r[2]!);
    if (withinMs === undefined) return { error: `"${r[2]}" is not a duration` };
    return { kind: r[1] === 'ready' ? 'ready' : 'terminated', ...scoped, withinMs, text };
  }
  r = /^restarts (<=|<|==) (\d+)$/.exec(rest);
  if (r)
    return { kind: 'restarts', ...scoped, op: r[1] as '<=' | '<' | '==', n: Number(r[2]), text };
  if (/^no SIGKILL$/i.test(rest)) return { kind: 'noSigkill', ...scoped, text };
  if (/^no OOMKilled$/i.test(rest)) return { kind: 'noOom', ...scoped, text };
  return { error: 'not an assertion podsim knows' };
}

/**
 * The RESTARTS column's number (printPod): init containers' restarts while the pod initializes,
 * then the sidecars' and app containers' only. It does not depend on the instant printed.
 */
function restartsOf(pod: Pod): number {
  // A Pod in state is an immutable value replaced on every change: most pod events (pulls,
  // probe results that flip nothing) keep it, and the row need not be printed again.
  let n = restartsMemo.get(pod);
  if (n === undefined) restartsMemo.set(pod, (n = printPodRow(pod, EPOCH).restartCount));
  return n;
}
const restartsMemo = new WeakMap<Pod, number>();
const EPOCH = '1970-01-01T00:00:00Z';

/** Evaluates a set of assertions over one run: feed every event, then `end` at the horizon. */
export class RunJudge {
  private readonly failures = new Map<number, AssertionFailure>();
  /** Per assertion index: pods (key) still owed something, with their deadline. */
  private readonly deadlines: Array<Map<string, Millis>>;
  private readonly done: Array<Set<string>>;
  private readonly events: SimEvent[] = [];
  private readonly keepEvents: boolean;

  constructor(readonly assertions: readonly Assertion[]) {
    this.deadlines = assertions.map(() => new Map());
    this.done = assertions.map(() => new Set());
    this.keepEvents = assertions.some((a) => a.kind === 'endpoints');
  }

  private fail(i: number, at: Millis, message: string): void {
    if (this.failures.has(i)) return;
    this.failures.set(i, { assertion: this.assertions[i]!.text, at, message });
  }

  /**
   * Deadlines that passed before `now` are failures at the deadline itself. Each assertion's
   * deadlines are its event's instant plus one fixed duration, set in event order (a key is set
   * again only after it was deleted), so the Map's insertion order is deadline order and the scan
   * stops at the first deadline still ahead: an event costs O(1), not O(pods owed).
   */
  private expire(now: Millis, inclusive: boolean): void {
    this.assertions.forEach((a, i) => {
      if (a.kind !== 'ready' && a.kind !== 'terminated') return;
      const owed = this.deadlines[i]!;
      for (const [pod, due] of owed) {
        if (inclusive ? due > now : due >= now) break;
        this.fail(
          i,
          due,
          a.kind === 'ready'
            ? `pod ${pod} is not Ready ${goDuration(a.withinMs)} after its creation`
            : `pod ${pod} still exists ${goDuration(a.withinMs)} after its deletion was requested`,
        );
        owed.delete(pod);
      }
    });
  }

  onEvent(ev: SimEvent, state: ClusterState): void {
    if (this.keepEvents) this.events.push(ev);
    this.expire(ev.at, false);
    if (!ev.object.startsWith('Pod/')) return;
    const key = ev.object.slice('Pod/'.length);
    const name = key.slice(key.indexOf('/') + 1);
    const ps = state.pods.get(key);
    this.assertions.forEach((a, i) => {
      if (a.kind === 'endpoints' || !matches(a.pod, name)) return;
      const owed = this.deadlines[i]!;
      switch (a.kind) {
        case 'ready':
          if (ev.type === 'pod/created' && !this.done[i]!.has(key))
            owed.set(key, ev.at + a.withinMs);
          if (ps && isPodReady(ps.pod) && owed.has(key)) {
            owed.delete(key);
            this.done[i]!.add(key);
          }
          // A pod being deleted owes no readiness any more.
          if (ev.type === 'pod/deletionRequested' || ev.type === 'pod/deleted') owed.delete(key);
          return;
        case 'terminated':
          if (ev.type === 'pod/deletionRequested' && !owed.has(key))
            owed.set(key, ev.at + a.withinMs);
          if (ev.type === 'pod/deleted') owed.delete(key);
          return;
        case 'restarts': {
          if (!ps) return;
          const n = restartsOf(ps.pod);
          const ok = a.op === '<=' ? n <= a.n : a.op === '<' ? n < a.n : n === a.n;
          // `== N` can only be judged at the end; more than N is already a failure.
          if (a.op === '==' ? n > a.n : !ok) this.fail(i, ev.at, `pod ${key} has ${n} restarts`);
          return;
        }
        case 'noSigkill':
          if (ev.type === 'container/signalled' && ev.payload.signal === 'SIGKILL')
            this.fail(i, ev.at, `SIGKILL sent to container ${ev.payload.container} of pod ${key}`);
          return;
        case 'noOom':
          if (ev.type === 'container/exited' && ev.payload.reason === 'OOMKilled')
            this.fail(i, ev.at, `container ${ev.payload.container} of pod ${key} was OOMKilled`);
          return;
      }
    });
  }

  /** Ends the run at its horizon; returns the failures, earliest first (then in --assert order). */
  end(untilMs: Millis, state: ClusterState): AssertionFailure[] {
    // A deadline at or before the horizon has passed; one beyond it cannot be judged.
    this.expire(untilMs, true);
    this.assertions.forEach((a, i) => {
      if (a.kind === 'restarts' && a.op === '==') {
        for (const [key, ps] of state.pods) {
          const name = key.slice(key.indexOf('/') + 1);
          if (!matches(a.pod, name)) continue;
          const n = restartsOf(ps.pod);
          if (n !== a.n) this.fail(i, untilMs, `pod ${key} ends the run with ${n} restarts`);
        }
      }
      if (a.kind === 'endpoints') {
        const key = serviceObjectKey(a.service);
        if (!this.events.some((e) => e.object === key)) {
          this.fail(i, 0, `there is no Service ${a.service} in the run`);
          return;
        }
        for (const gap of noReadyEndpointIntervals(this.events, a.service)) {
          const end = gap.until ?? Infinity;
          if (end <= a.afterMs) continue;
          const from = Math.max(gap.from, a.afterMs);
          this.fail(
            i,
            from,
            `svc/${a.service} has no ready endpoint from ${goDuration(gap.from)}${gap.until === null ? ' to the end of the run' : ` until ${goDuration(gap.until)}`}`,
          );
          break;
        }
      }
    });
    return [...this.failures.entries()]
      .sort(([i, x], [j, y]) => x.at - y.at || i - j)
      .map(([, f]) => f);
  }
}
