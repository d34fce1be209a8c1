/**
 * `podsim explain`: an event's causal chain, each step with its time, type, object, the
 * Kubernetes Event it recorded and the rule that fired, plus a one-line summary such as
 * `liveness probe failed 3/3 (…) at 35s, 40s, 45s → Killing → SIGTERM → … → restart 1`.
 */
import type { SimEvent } from '../events/catalog.js';
import type { PodState } from '../state/model.js';
import { causeChain, containerOf } from './causeChain.js';
import type { ChainStep } from './causeChain.js';
import { fmtAt, probeRule, ruleText } from './ruleText.js';
import type { LoadedTrace } from './loadTrace.js';
import { walkPods } from './walkPods.js';

const LEADS_TO_RESTART = new Set([
  'probe/result',
  'container/killing',
  'container/signalled',
  'container/exited',
  'container/backOff',
]);

export interface ExplainStep {
  at: number;
  seq: number;
  type: string;
  /** `Pod/default/web`, with ` app` appended for a container's event. */
  object: string;
  container: string | undefined;
  /** The Kubernetes Events recorded with it, as `Warning Unhealthy: message`. */
  notes: string[];
  rule: string;
  /** The short form used in the summary line. */
  label: string;
}

export interface Explanation {
  target: SimEvent;
  steps: ExplainStep[];
  summary: string;
}

/** The pod after each of the given events (the spec and status the rules read). */
function podsAfter(
  trace: LoadedTrace,
  seqs: ReadonlySet<number>,
  upTo: number,
): Map<number, PodState | undefined> {
  const out = new Map<number, PodState | undefined>();
  walkPods({ ...trace, events: trace.events.slice(0, upTo + 1) }, ({ ev, after, before }) => {
    if (seqs.has(ev.seq)) out.set(ev.seq, after ?? before);
  });
  return out;
}

function label(step: ChainStep, rule: string, ctxEvents: readonly SimEvent[]): string {
  const ev = step.last;
  switch (ev.type) {
    case 'probe/result':
      return rule.replace(/ → .*$/, '');
    case 'container/killing':
      return 'Killing';
    case 'container/signalSkipped':
      return 'SIGTERM sent before';
    case 'container/signalled': {
      if (ev.payload.signal === 'SIGTERM') return 'SIGTERM';
      const killing = [...ctxEvents.slice(0, ev.seq)]
        .reverse()
        .find(
          (e) =>
            e.type === 'container/killing' &&
            e.object === ev.object &&
            containerOf(e) === containerOf(ev),
        );
      const grace =
        killing?.type === 'container/killing' ? ` (grace ${fmtAt(killing.payload.graceMs)})` : '';
      return `process ignores SIGTERM → SIGKILL at ${fmtAt(ev.at)}${grace}`;
    }
    case 'container/started':
      return rule === 'first start' ? `${ev.payload.container} started` : rule;
    case 'container/exited':
      return `exit ${ev.payload.exitCode}`;
    case 'container/backOff':
      return `back-off ${fmtAt(ev.payload.delayMs)}`;
    case 'pod/deletionRequested':
      return `delete (grace ${ev.payload.gracePeriodSeconds}s)`;
    case 'pod/deleted':
      return 'deleted';
    case 'node/kubeletStopped':
      return `nodeDown ${ev.object.slice('Node/'.length)}`;
    case 'node/kubeletStarted':
      return `nodeUp ${ev.object.slice('Node/'.length)}`;
    case 'node/statusUnknown':
      return `${ev.object.slice('Node/'.length)} NotReady`;
    case 'node/taintsChanged':
      return ev.payload.add.length > 0 ? 'tainted unreachable' : 'taint removed';
    case 'pod/markedNotReady':
      return 'pod Ready=False';
    case 'pod/disruptionTargeted':
      return 'evicted';
    case 'pod/markedFailed':
      return 'Failed by PodGC';
    case 'pod/evictionCancelled':
      return 'eviction cancelled';
    case 'pod/statusResynced':
      return 'status written again';
    case 'cluster/forked':
      return 'fork';
    case 'pod/inputsChanged':
      return 'behaviour changed by the fork';
    default:
      return ev.notes?.[0]?.reason ?? ev.type;
  }
}

export function explain(trace: LoadedTrace, seq: number): Explanation {
  const events = trace.events;
  const target = events[seq]!;
  const chain = causeChain(events, seq);
  const container = containerOf(target);
  // When the target is part of stopping a container, the restart it leads to ends the story.
  const stops =
    LEADS_TO_RESTART.has(target.type) &&
    (target.type !== 'probe/result' ||
      (target.payload.onHold && target.payload.result === 'failure'));
  const restart = stops
    ? events
        .slice(seq + 1)
        .find(
          (e) =>
            e.type === 'container/started' &&
            e.object === target.object &&
            containerOf(e) === container,
        )
    : undefined;
  const tail = restart ? [{ events: [restart], last: restart }] : [];
  const all = [...chain, ...tail];
  const seqs = new Set(all.flatMap((s) => s.events.map((e) => e.seq)));
  const pods = podsAfter(trace, seqs, Math.max(...seqs));
  const steps = all.map((s): ExplainStep => {
    const ctx = { events, pod: pods.get(s.last.seq) };
    const rule = s.last.type === 'probe/result' ? probeRule(s.events, ctx) : ruleText(s.last, ctx);
    const c = containerOf(s.last);
    return {
      at: s.last.at,
      seq: s.last.seq,
      type:
        s.last.type === 'container/signalled'
          ? `${s.last.type} ${s.last.payload.signal}`
          : s.last.type,
      object: s.last.object,
      container: c,
      notes: s.events
        .flatMap((e) => (e.notes ?? []).map((n) => `${n.type} ${n.reason}: ${n.message}`))
        .filter((n, i, a) => a.indexOf(n) === i),
      rule,
      label: label(s, rule, events),
    };
  });
  // The summary starts where the target's container enters the story (after its healthy probes).
  let from =
    container === undefined
      ? 0
      : steps.findIndex((s) => s.object === target.object && s.container === container);
  if (from < 0) from = 0;
  while (
    from < steps.length - 1 &&
    steps[from]!.type === 'probe/result' &&
    !/failed/.test(steps[from]!.rule)
  )
    from++;
  return {
    target,
    steps,
    summary: steps
      .slice(from)
      .map((s) => s.label)
      .join(' → '),
  };
}

/** For `--at T`: each pod's latest event at or before T (pods in order of creation). */
export function latestPerPod(trace: LoadedTrace, at: number): number[] {
  const latest = new Map<string, number>();
  for (const ev of trace.events) {
    if (ev.at > at) break;
    if (ev.object.startsWith('Pod/')) latest.set(ev.object, ev.seq);
  }
  return [...latest.values()];
}
