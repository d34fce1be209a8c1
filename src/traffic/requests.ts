/**
 * The zero-downtime question: what happens to requests sent to a Service while pods come and go.
 * A pure function of a run's events (nothing is simulated for the requests: the run's events are
 * the same with or without a traffic: section):
 *
 * - Requests are sent at a fixed rate: request i at `from + i × perMs / count` (exact, possibly
 *   fractional milliseconds), while that is before `until` and the end of the run.
 * - kube-proxy knows the Service's **ready** endpoints (EndpointSlice `ready`, src/state/endpoints.ts:
 *   Ready and not terminating) as they were `propagationDelay` earlier: at instant t it routes with
 *   the endpoints left by the last instant ≤ t − delay (kubelet-semantics.md §4.3). When none is
 *   ready it falls back to the serving, terminating ones (pkg/proxy/topology.go
 *   CategorizeEndpoints; docs/kubernetes-rules.md §15).
 * - It picks one of them per request: `roundRobin` as IPVS's rr scheduler (the next endpoint after
 *   the one chosen last, in IP order, wrapping around), or `random` (iptables mode's per-rule
 *   probability) drawn from the run's seed.
 * - The request's fate is decided by the chosen pod **at the request's instant** (all events of
 *   an instant applied before the requests at that instant):
 *   `served`      the pod exists with that IP, the container behind the port is running, has been
 *                 started for its startup time and listens on the port, and has not been SIGTERMed;
 *   `terminating` its app has received SIGTERM (it stops accepting), or it stopped after deletion;
 *   `notReady`    nothing listens yet (or any more) and no SIGTERM was involved: connection refused;
 *   `unreachable` the pod's node is down (scenario `nodeDown`: its kubelet has stopped posting
 *                 status, the node is down or cut off): nothing on it answers, but kube-proxy keeps
 *                 routing to the pod until the node lifecycle controller marks it not ready (after
 *                 the 40 s grace period) and that change has propagated;
 *   `gone`        the pod object has been deleted (its IP is released);
 *   `noEndpoints` kube-proxy knows no endpoint for the Service (or the Service does not exist).
 */
import { objectLabel } from '../views/index.js';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../events/catalog.js';
import type { Behaviour } from '../model/behaviour.js';
import type { TrafficSpec } from '../model/scenario.js';
import type { Millis } from '../model/time.js';
import { drawInt } from '../engine/rng.js';
import { endpointSlice, managesEndpoints } from '../state/endpoints.js';
import type { EndpointEntry } from '../state/endpoints.js';
import { applyEvent } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import { stoppedKubeletNode } from '../state/selectors.js';
import type { ClusterState, PodState } from '../state/model.js';
import { compareText } from '../model/order.js';

export const OUTCOMES = [
  'served',
  'notReady',
  'terminating',
  'unreachable',
  'gone',
  'noEndpoints',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FAILED_OUTCOMES: readonly Outcome[] = OUTCOMES.filter((o) => o !== 'served');

/** One endpoint as kube-proxy has programmed it. */
export interface ProxyEndpoint {
  /** `namespace/name` of the pod. */
  pod: string;
  ip: string;
  port: number;
}

/** A span of the run in which the failed requests had the same causes. */
export interface TrafficWindow {
  from: Millis;
  until: Millis;
  requests: number;
  counts: Record<Outcome, number>;
  /** Failed requests by pod and outcome (`pod` is null for noEndpoints), in first-seen order. */
  failures: Array<{ pod: string | null; outcome: Outcome; count: number }>;
}

export interface TrafficReport {
  spec: TrafficSpec;
  /** `svc/NAME` or `svc/NAMESPACE/NAME`. */
  service: string;
  /** The span requests were sent in: [from, until). */
  fromMs: Millis;
  untilMs: Millis;
  total: number;
  counts: Record<Outcome, number>;
  failed: number;
  /** The spans with failed requests, in time order (adjacent spans with the same causes merged). */
  windows: TrafficWindow[];
  /** Why some requests could not reach any pod (no such Service, no such port, …). */
  notes: string[];
}

export interface TrafficOptions {
  /** The run's seed (random balancing). */
  seed: number;
  /** The end of the run: no request is sent at or after it. */
  endMs: Millis;
  /** The container behaviours of the run (how long each app takes to listen, on which ports). */
  behaviourOf(pod: Pod, container: string): Behaviour;
  /** Key of the random draws, distinct per traffic entry (default `traffic/0`). */
  drawKey?: string;
  /** Called for every request in order (tests and the per-request listing). */
  onRequest?: (r: RequestResult) => void;
}

export interface RequestResult {
  index: number;
  /** Virtual ms (fractional when the rate does not divide a millisecond). */
  at: number;
  outcome: Outcome;
  endpoint: ProxyEndpoint | null;
}

export const serviceLabel = (s: TrafficSpec['service']): string =>
  objectLabel(`Service/${s.namespace}/${s.name}`);

const emptyCounts = (): Record<Outcome, number> => ({
  served: 0,
  notReady: 0,
  terminating: 0,
  unreachable: 0,
  gone: 0,
  noEndpoints: 0,
});

/** A sort key that orders IPv4 addresses numerically (anything else by its text). */
function ipKey(ip: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return m
    ? m
        .slice(1)
        .map((x) => x.padStart(3, '0'))
        .join('.')
    : `~${ip}`;
}

export function analyseTraffic(
  events: readonly SimEvent[],
  spec: TrafficSpec,
  opts: TrafficOptions,
): TrafficReport {
  const svcKey = `Service/${spec.service.namespace}/${spec.service.name}`;
  const delay = spec.propagationDelayMs;
  const notes = new Set<string>();
  const label = serviceLabel(spec.service);

  // The run's instants: events grouped by time.
  const groups: Array<{ at: Millis; events: SimEvent[] }> = [];
  for (const ev of events) {
    const last = groups[groups.length - 1];
    if (last && last.at === ev.at) last.events.push(ev);
    else groups.push({ at: ev.at, events: [ev] });
  }
  // Where the causes of failures may change: every instant, when kube-proxy learns of it, and
  // when a started app begins to listen (its startup time has no event of its own).
  const created = new Map<string, Pod>();
  const listenAt: Millis[] = [];
  for (const ev of events) {
    if (ev.type === 'pod/created') created.set(ev.object, ev.payload.pod as Pod);
    if (ev.type === 'container/started') {
      const pod = created.get(ev.object);
      const ms = pod ? opts.behaviourOf(pod, ev.payload.container).startupMs : 0;
      if (ms > 0) listenAt.push(ev.at + ms);
    }
  }
  const bounds = [...new Set([...groups.flatMap((g) => [g.at, g.at + delay]), ...listenAt])].sort(
    (a, b) => a - b,
  );

  const fromMs = spec.fromMs;
  const untilMs = Math.max(fromMs, Math.min(spec.untilMs ?? opts.endMs, opts.endMs));
  const count = Math.max(0, Math.ceil(((untilMs - fromMs) * spec.rate.count) / spec.rate.perMs));

  let state: ClusterState = emptyState();
  let nextGroup = 0;
  /** kube-proxy's possible views: the usable endpoints after each instant, with their IP sort keys. */
  const snapshots: Array<{ at: Millis; endpoints: ProxyEndpoint[]; keys: string[] }> = [];
  let view = 0; // index of the snapshot kube-proxy uses, +1 (0: none yet)
  const behaviours = new Map<string, Behaviour>();
  const behaviourOf = (p: PodState, container: string): Behaviour => {
    const key = `${p.pod.metadata?.uid ?? p.key}|${container}`;
    let b = behaviours.get(key);
    if (!b) behaviours.set(key, (b = opts.behaviourOf(p.pod as Pod, container)));
    return b;
  };

  const counts = emptyCounts();
  const segments = new Map<number, TrafficWindow>();
  let segIndex = 0;
  let lastChosen: string | undefined;

  for (let i = 0; i < count; i++) {
    const t = fromMs + (i * spec.rate.perMs) / spec.rate.count;
    while (nextGroup < groups.length && groups[nextGroup]!.at <= t) {
      const g = groups[nextGroup++]!;
      for (const ev of g.events) state = applyEvent(state, ev);
      const endpoints = proxyEndpoints(state, svcKey, spec, label, notes);
      snapshots.push({ at: g.at, endpoints, keys: endpoints.map((e) => ipKey(e.ip)) });
    }
    // kube-proxy routes with the last view that is at least `delay` old.
    while (view < snapshots.length && snapshots[view]!.at <= t - delay) view++;
    const snap = view === 0 ? undefined : snapshots[view - 1]!;
    const known = snap?.endpoints ?? [];
    let endpoint: ProxyEndpoint | null = null;
    if (snap && known.length > 0) {
      if (spec.balancing === 'random') {
        endpoint = known[drawInt(opts.seed, opts.drawKey ?? 'traffic/0', 0, known.length - 1, i)]!;
      } else {
        // IPVS rr: the first endpoint past the one chosen last, in IP order, else the first.
        const next = lastChosen === undefined ? -1 : snap.keys.findIndex((k) => k > lastChosen!);
        const at = next < 0 ? 0 : next;
        endpoint = known[at]!;
        lastChosen = snap.keys[at]!;
      }
    }
    const outcome: Outcome = endpoint ? classify(state, endpoint, t, behaviourOf) : 'noEndpoints';
    counts[outcome]++;
    opts.onRequest?.({ index: i, at: t, outcome, endpoint });

    // The span [bounds[k − 1], bounds[k]) this request falls in, k = how many bounds are ≤ t.
    while (segIndex < bounds.length && bounds[segIndex]! <= t) segIndex++;
    let seg = segments.get(segIndex);
    if (!seg) {
      seg = {
        from: Math.max(segIndex > 0 ? bounds[segIndex - 1]! : fromMs, fromMs),
        until: Math.min(bounds[segIndex] ?? untilMs, untilMs),
        requests: 0,
        counts: emptyCounts(),
        failures: [],
      };
      segments.set(segIndex, seg);
    }
    seg.requests++;
    seg.counts[outcome]++;
    if (outcome !== 'served') {
      const pod = endpoint?.pod ?? null;
      const f = seg.failures.find((x) => x.pod === pod && x.outcome === outcome);
      if (f) f.count++;
      else seg.failures.push({ pod, outcome, count: 1 });
    }
  }

  return {
    spec,
    service: label,
    fromMs,
    untilMs,
    total: count,
    counts,
    failed: count - counts.served,
    windows: mergeWindows([...segments.values()].filter((s) => s.requests > s.counts.served)),
    notes: [...notes],
  };
}

/** Adjacent failing spans whose failures have the same pods and outcomes become one window. */
function mergeWindows(spans: TrafficWindow[]): TrafficWindow[] {
  const out: TrafficWindow[] = [];
  const causes = (w: TrafficWindow): string =>
    w.failures
      .map((f) => `${f.pod}|${f.outcome}`)
      .sort()
      .join(',');
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.until === s.from && causes(last) === causes(s)) {
      last.until = s.until;
      last.requests += s.requests;
      for (const o of OUTCOMES) last.counts[o] += s.counts[o];
      for (const f of s.failures)
        last.failures.find((x) => x.pod === f.pod && x.outcome === f.outcome)!.count += f.count;
    } else out.push({ ...s, counts: { ...s.counts }, failures: s.failures.map((f) => ({ ...f })) });
  }
  return out;
}

/** The Service's ready endpoints on the requested port, in IP order. */
function proxyEndpoints(
  state: ClusterState,
  svcKey: string,
  spec: TrafficSpec,
  label: string,
  notes: Set<string>,
): ProxyEndpoint[] {
  const o = state.objects.get(svcKey);
  if (!o) return [];
  const svc = o.object as Service;
  if (!managesEndpoints(svc)) {
    notes.add(`${label} has no selector (or is ExternalName): kube-proxy has no endpoint for it`);
    return [];
  }
  const ports = svc.spec?.ports ?? [];
  const sp =
    spec.port === undefined
      ? ports[0]
      : ports.find((p) =>
          typeof spec.port === 'number' ? p.port === spec.port : p.name === spec.port,
        );
  if (!sp) {
    notes.add(
      `${label} has no port ${spec.port ?? ''} (ports: ${ports.map((p) => p.name ?? p.port).join(', ') || 'none'})`.replace(
        'port  (',
        'port (',
      ),
    );
    return [];
  }
  // pkg/proxy/topology.go CategorizeEndpoints: the ready endpoints; when there are none, the
  // serving-and-terminating ones (a best effort not to drop connections, KEP-1669).
  const usable = (pick: (e: EndpointEntry) => boolean): ProxyEndpoint[] =>
    endpointSlice(state, o).flatMap((e) => {
      const port = pick(e) ? e.ports.find((p) => p.name === (sp.name ?? '')) : undefined;
      return port ? [{ pod: e.pod, ip: e.ip, port: port.port }] : [];
    });
  let out = usable((e) => e.ready);
  if (out.length === 0) out = usable((e) => e.serving && e.terminating);
  return out.sort((a, b) => compareText(ipKey(a.ip), ipKey(b.ip)));
}

/** The container that answers on `port`: the first whose behaviour listens there, else one that declares it. */
function servingContainer(
  p: PodState,
  port: number,
  behaviourOf: (p: PodState, c: string) => Behaviour,
): Container | undefined {
  const cs = (p.pod.spec?.containers ?? []) as Container[];
  return (
    cs.find((c) => behaviourOf(p, c.name).ports.includes(port)) ??
    cs.find((c) => (c.ports ?? []).some((x) => x.containerPort === port)) ??
    cs[0]
  );
}

function classify(
  state: ClusterState,
  e: ProxyEndpoint,
  t: number,
  behaviourOf: (p: PodState, c: string) => Behaviour,
): Outcome {
  const p = state.pods.get(e.pod);
  if (!p || p.pod.status?.podIP !== e.ip) return 'gone';
  // A node whose kubelet has stopped (nodeDown) is down or partitioned: its pods cannot be
  // reached, whatever their last reported state (which is frozen while the kubelet is away).
  if (stoppedKubeletNode(state, p) !== undefined) return 'unreachable';
  const c = servingContainer(p, e.port, behaviourOf);
  const rt = c ? p.runtime.containers[c.name] : undefined;
  if (rt?.killing?.sigtermSentAt !== null && rt?.killing?.sigtermSentAt !== undefined)
    return 'terminating';
  if (!c || !rt || rt.phase !== 'running' || rt.startedAt === null)
    return p.pod.metadata?.deletionTimestamp ? 'terminating' : 'notReady';
  const b = behaviourOf(p, c.name);
  if (t < rt.startedAt + b.startupMs || !b.ports.includes(e.port)) return 'notReady';
  return 'served';
}
