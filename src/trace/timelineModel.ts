/**
 * What the timeline draws, derived from a trace: one lane per pod (phase) and per container
 * (Waiting / Running / Terminated as the API showed them, instant by instant), with back-off and
 * grace periods as spans, probe results as ticks and recorded events as markers.
 */
import type { ContainerStatus } from 'kubernetes-types/core/v1.js';
import type { PodState } from '../state/model.js';
import { containerOf } from './causeChain.js';
import type { SimEvent } from '../events/catalog.js';
import { fmtAt, ruleText } from './ruleText.js';
import type { LoadedTrace } from './loadTrace.js';
import { walkPods } from './walkPods.js';
import { containerDetail, describeEvent, markLane, podDetail } from './markLane.js';

export type SpanKind =
  | 'pending'
  | 'waiting'
  | 'running'
  | 'terminated'
  | 'failed'
  | 'succeeded'
  | 'terminating'
  | 'backoff'
  | 'grace';

export interface Span {
  from: number;
  to: number;
  kind: SpanKind;
  label: string;
  detail: string;
}

export interface Tick {
  at: number;
  ok: boolean;
  detail: string;
}

export interface Marker {
  at: number;
  seq: number;
  warning: boolean;
  label: string;
  detail: string;
}

export interface Lane {
  /** Undefined for a pod's lanes; `node` (then `pod` is the node's name) or `cluster`. */
  kind?: 'node' | 'cluster';
  pod: string;
  /** Undefined for the pod's own lane. */
  container: string | undefined;
  title: string;
  detail: string;
  spans: Span[];
  overlays: Span[];
  ticks: Tick[];
  markers: Marker[];
}

export interface TimelineModel {
  file: string;
  endMs: number;
  lanes: Lane[];
}

function containerState(s: ContainerStatus): { kind: SpanKind; label: string } {
  // Each instance is its own span, even when a restart follows the kill in the same instant.
  if (s.state?.running)
    return {
      kind: 'running',
      label: s.restartCount ? `Running (restart ${s.restartCount})` : 'Running',
    };
  if (s.state?.terminated) {
    const t = s.state.terminated;
    return {
      kind: t.exitCode === 0 ? 'terminated' : 'failed',
      label: `Terminated: ${t.reason ?? ''} (exit ${t.exitCode})`,
    };
  }
  return { kind: 'waiting', label: `Waiting: ${s.state?.waiting?.reason ?? 'ContainerCreating'}` };
}

function podState(p: PodState): { kind: SpanKind; label: string } {
  if (p.pod.metadata?.deletionTimestamp) return { kind: 'terminating', label: 'Terminating' };
  const phase = p.pod.status?.phase ?? 'Pending';
  const kind: Record<string, SpanKind> = {
    Pending: 'pending',
    Running: 'running',
    Succeeded: 'succeeded',
    Failed: 'failed',
  };
  return { kind: kind[phase] ?? 'pending', label: phase };
}

export function timelineModel(trace: LoadedTrace): TimelineModel {
  const lanes = new Map<string, Lane>();
  const endMs = Math.max(trace.header.untilMs, trace.events[trace.events.length - 1]?.at ?? 0);
  const open = new Map<string, Span>();
  const lane = (pod: string, container?: string): Lane => {
    const id = `${pod}|${container ?? ''}`;
    let l = lanes.get(id);
    if (!l) {
      l = {
        pod,
        container,
        title: container ?? pod,
        detail: '',
        spans: [],
        overlays: [],
        ticks: [],
        markers: [],
      };
      lanes.set(id, l);
    }
    return l;
  };
  const setState = (
    l: Lane,
    at: number,
    s: { kind: SpanKind; label: string } | undefined,
  ): void => {
    const id = `${l.pod}|${l.container ?? ''}`;
    const cur = open.get(id);
    if (cur && s && cur.label === s.label) return;
    if (cur) {
      cur.to = at;
      if (cur.to > cur.from) l.spans.push(cur);
      open.delete(id);
    }
    if (s)
      open.set(id, {
        from: at,
        to: endMs,
        kind: s.kind,
        label: s.label,
        detail: `${s.label} from ${fmtAt(at)}`,
      });
  };
  let instant = -1;
  const pendingPods = new Map<string, PodState | undefined>();
  const flush = (): void => {
    for (const [key, p] of pendingPods) {
      setState(lane(key), instant, p ? podState(p) : undefined);
      const statuses = [
        ...(p?.pod.status?.initContainerStatuses ?? []),
        ...(p?.pod.status?.containerStatuses ?? []),
      ];
      for (const name of p?.runtime.order ?? []) {
        // No status yet (not scheduled, no sandbox): the container does not exist to draw.
        const status = statuses.find((s) => s.name === name);
        setState(lane(key, name), instant, status ? containerState(status) : undefined);
      }
      if (!p)
        for (const l of lanes.values())
          if (l.pod === key && l.container) setState(l, instant, undefined);
    }
    pendingPods.clear();
  };
  walkPods(trace, ({ ev, key, after }) => {
    if (ev.at !== instant) flush();
    instant = ev.at;
    pendingPods.set(key, after);
    const pod = lane(key);
    if (ev.type === 'pod/created') pod.detail = podDetail(after);
    const c = containerOf(ev);
    const l = c === undefined ? pod : lane(key, c);
    if (c !== undefined && ev.type === 'container/created' && after)
      l.detail = containerDetail(after, c);
    markLane(l, ev, trace.events);
  });
  flush();
  for (const [id, span] of open) {
    const l = lanes.get(id)!;
    if (span.to > span.from) l.spans.push(span);
  }
  // Each pod's lane, then its containers' lanes, pods in order of creation.
  const pods = [...new Set([...lanes.values()].map((l) => l.pod))];
  const ordered = [...lanes.values()].sort(
    (x, y) =>
      pods.indexOf(x.pod) - pods.indexOf(y.pod) ||
      Number(x.container !== undefined) - Number(y.container !== undefined),
  );
  return { file: trace.file, endMs, lanes: [...clusterLanes(trace, endMs), ...ordered] };
}

const NODE_STATES: Partial<Record<SimEvent['type'], { kind: SpanKind; label: string }>> = {
  'node/registered': { kind: 'running', label: 'Ready' },
  'node/kubeletStopped': {
    kind: 'terminating',
    label: 'kubelet stopped (still Ready for the API)',
  },
  'node/statusUnknown': { kind: 'failed', label: 'NotReady (Unknown)' },
  'node/kubeletStarted': { kind: 'running', label: 'Ready' },
};

const NODE_MARKS: Partial<Record<SimEvent['type'], string>> = {
  'node/kubeletStopped': 'nodeDown',
  'node/kubeletStarted': 'nodeUp',
  'node/statusUnknown': 'NodeNotReady',
  'node/taintsChanged': 'taints',
};

/**
 * Lanes above the pods: a `cluster` lane marking where a fork changed the inputs, and a lane per
 * node whose kubelet stopped at some point (Ready, kubelet stopped, NotReady, Ready again, with
 * the node events as markers). Runs without either draw no such lane.
 */
function clusterLanes(trace: LoadedTrace, endMs: number): Lane[] {
  const out: Lane[] = [];
  const forks = trace.events.filter((e) => e.type === 'cluster/forked');
  if (forks.length > 0)
    out.push({
      kind: 'cluster',
      pod: 'cluster',
      container: undefined,
      title: 'cluster',
      detail: 'the run as a whole',
      spans: [],
      overlays: [],
      ticks: [],
      markers: forks.map((e) => ({
        at: e.at,
        seq: e.seq,
        warning: false,
        label: 'fork',
        detail: `${describeEvent(e)}\n${ruleText(e, { events: trace.events, pod: undefined })}`,
      })),
    });
  const lost = new Set(
    trace.events.filter((e) => e.type === 'node/kubeletStopped').map((e) => e.object),
  );
  for (const node of [...lost].sort()) {
    const name = node.slice('Node/'.length);
    const l: Lane = {
      kind: 'node',
      pod: name,
      container: undefined,
      title: `node/${name}`,
      detail: `node ${name}`,
      spans: [],
      overlays: [],
      ticks: [],
      markers: [],
    };
    let open: Span | undefined;
    for (const e of trace.events) {
      if (e.object !== node) continue;
      const state = NODE_STATES[e.type];
      if (state && state.label !== open?.label) {
        if (open && e.at > open.from) l.spans.push({ ...open, to: e.at });
        open = { from: e.at, to: endMs, ...state, detail: `${state.label} from ${fmtAt(e.at)}` };
      }
      const mark = NODE_MARKS[e.type];
      if (mark)
        l.markers.push({
          at: e.at,
          seq: e.seq,
          warning: e.type === 'node/statusUnknown',
          label: mark,
          detail: `${describeEvent(e)}\n${ruleText(e, { events: trace.events, pod: undefined })}`,
        });
    }
    if (open && endMs > open.from) l.spans.push(open);
    out.push(l);
  }
  return out;
}
