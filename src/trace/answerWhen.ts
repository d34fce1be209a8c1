/**
 * Answers `podsim when` queries from a trace. State questions (conditions, phase, STATUS,
 * readiness) are read from the folded pod after each instant — the API writes everything the
 * kubelet decides at one instant as one update, so a value that lasts no time is not a transition.
 * Event questions (starts, signals, Kubernetes Event reasons) are read from the events themselves.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../events/catalog.js';
import { noReadyEndpointIntervals } from '../state/endpointIntervals.js';
import type { EmptyInterval } from '../state/endpointIntervals.js';
import { nowRfc } from '../state/selectors.js';
import type { PodState } from '../state/model.js';
import { printPodRow } from '../views/index.js';
import type { LoadedTrace } from './loadTrace.js';
import { podKeyOf, podName, walkPods } from './walkPods.js';
import type { PodRef, WhenQuery } from './parseWhen.js';

export interface WhenAnswer {
  at: number;
  seq: number;
  /** `namespace/name` of the pod, or the event's object when it is not a pod. */
  object: string;
  what: string;
}

const matches = (ref: PodRef | undefined, key: string): boolean =>
  ref === undefined ||
  (ref.namespace === undefined
    ? podName(key) === ref.name
    : key === `${ref.namespace}/${ref.name}`);

/** Reads the value a query watches; `now` is the instant as an RFC 3339 time (for ages). */
type Probe = (p: PodState, now: string) => string | undefined;

function stateProbe(q: WhenQuery): { read: Probe; want: string; what: string } | undefined {
  switch (q.kind) {
    case 'condition':
      return {
        read: (p) => p.pod.status?.conditions?.find((c) => c.type === q.condition)?.status,
        want: q.status,
        what: `${q.condition}=${q.status}`,
      };
    case 'phase':
      return { read: (p) => p.pod.status?.phase, want: q.phase, what: `phase ${q.phase}` };
    case 'status':
      return {
        read: (p, now) => printPodRow(p.pod as Pod, now).status,
        want: q.status,
        what: `STATUS ${q.status}`,
      };
    case 'container':
      if (q.what !== 'ready') return undefined;
      return {
        read: (p) =>
          String(
            [
              ...(p.pod.status?.initContainerStatuses ?? []),
              ...(p.pod.status?.containerStatuses ?? []),
            ].find((c) => c.name === q.container)?.ready ?? false,
          ),
        want: 'true',
        what: `${q.container} ready`,
      };
    default:
      return undefined;
  }
}

export function answerWhen(trace: LoadedTrace, q: WhenQuery): WhenAnswer[] {
  const sp = stateProbe(q);
  return sp ? stateAnswers(trace, 'pod' in q ? q.pod : undefined, sp) : eventAnswers(trace, q);
}

/** `endpoints svc/NAME empty`: the intervals the Service had no ready endpoint (see endpointIntervals.ts). */
export function answerEndpointsEmpty(trace: LoadedTrace, service: string): EmptyInterval[] {
  return noReadyEndpointIntervals(trace.events, service);
}

/** Every time a condition of any pod became True (the diff's milestones). */
export function conditionBecameTrue(trace: LoadedTrace, condition: string): WhenAnswer[] {
  const read: Probe = (p) => p.pod.status?.conditions?.find((c) => c.type === condition)?.status;
  return stateAnswers(trace, undefined, { read, want: 'True', what: `${condition}=True` });
}

function stateAnswers(
  trace: LoadedTrace,
  ref: PodRef | undefined,
  sp: { read: Probe; want: string; what: string },
): WhenAnswer[] {
  const out: WhenAnswer[] = [];
  const committed = new Map<string, string | undefined>();
  const pending = new Map<string, { value: string | undefined; seq: number; at: number }>();
  const flush = (): void => {
    for (const [key, p] of pending) {
      if (p.value === sp.want && committed.get(key) !== sp.want)
        out.push({ at: p.at, seq: p.seq, object: key, what: sp.what });
      committed.set(key, p.value);
    }
    pending.clear();
  };
  let instant = -1;
  walkPods(trace, ({ ev, key, after, state }) => {
    if (ev.at !== instant) flush();
    instant = ev.at;
    if (!matches(ref, key)) return;
    const value = after ? sp.read(after, nowRfc(state, ev.at)) : undefined;
    const prev = pending.get(key);
    if (prev?.value !== value || prev === undefined)
      pending.set(key, { value, seq: ev.seq, at: ev.at });
  });
  flush();
  return out;
}

function eventAnswers(trace: LoadedTrace, q: WhenQuery): WhenAnswer[] {
  const out: WhenAnswer[] = [];
  const starts = new Map<string, number>();
  for (const ev of trace.events) {
    const key = podKeyOf(ev);
    const hit = (what: string): void =>
      void out.push({ at: ev.at, seq: ev.seq, object: key ?? ev.object, what });
    switch (q.kind) {
      case 'podEvent':
        if (key !== undefined && ev.type === q.type && matches(q.pod, key)) hit(q.type.slice(4));
        break;
      case 'container': {
        if (key === undefined || !matches(q.pod, key) || containerOf(ev) !== q.container) break;
        if (ev.type === 'container/exited' && q.what === 'exited')
          hit(`${q.container} exited with code ${ev.payload.exitCode} (${ev.payload.reason})`);
        if (ev.type !== 'container/started') break;
        const n = starts.get(key) ?? 0;
        starts.set(key, n + 1);
        if (q.what === 'started')
          hit(n === 0 ? `${q.container} started` : `${q.container} started (restart ${n})`);
        if (q.what === 'restart' && n > 0 && (q.n === undefined || q.n === n))
          hit(`${q.container} restart ${n} started`);
        break;
      }
      case 'nodeEvent':
        if (ev.object === `Node/${q.node}` && q.types.includes(ev.type))
          out.push({ at: ev.at, seq: ev.seq, object: ev.object, what: q.what });
        break;
      case 'signal':
        if (
          ev.type === 'container/signalled' &&
          ev.payload.signal === q.signal &&
          key &&
          matches(q.pod, key)
        )
          hit(`${q.signal} to ${ev.payload.container}`);
        break;
      case 'reason':
        if (q.pod !== undefined && (key === undefined || !matches(q.pod, key))) break;
        for (const n of ev.notes ?? [])
          if (n.reason === q.reason) hit(`${n.type} ${n.reason}: ${n.message}`);
        break;
      default:
        break;
    }
  }
  return out;
}

function containerOf(ev: SimEvent): string | undefined {
  const c = (ev.payload as { container?: unknown }).container;
  return typeof c === 'string' ? c : undefined;
}

/** Every Kubernetes Event reason the trace records (for the query parser). */
export function reasonsIn(trace: LoadedTrace): Set<string> {
  const out = new Set<string>();
  for (const ev of trace.events) for (const n of ev.notes ?? []) out.add(n.reason);
  return out;
}
