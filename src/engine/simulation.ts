/**
 * The engine loop: pop the next due timer, ask its decider, stamp the drafts into events (seq, at,
 * cause), push them through the RxJS stream whose `scan` folds them into state, then schedule what
 * the decider and the watchers request. Nothing reads the wall clock; ties are ordered by
 * (at, priority, tie, seq): see `timerPriority` and `timerTie`.
 */
import { Subject, scan } from 'rxjs';
import type { Subscription } from 'rxjs';
import * as E from '../events/catalog.js';
import type { ProbeType, SimEvent } from '../events/catalog.js';
import type { Draft } from '../events/createEvent.js';
import type { Millis } from '../model/time.js';
import { goDuration } from '../model/time.js';
import { applyEvent } from '../state/fold.js';
import { emptyState } from '../state/model.js';
import type { ClusterState } from '../state/model.js';
import { stoppedKubeletNode } from '../state/selectors.js';
import type {
  Decision,
  DecideContext,
  Inputs,
  ProbeAttempt,
  TimerData,
  TimerRequest,
} from './context.js';
import { LAST_PROBE_PRIORITY, TIMER_PRIORITY, timerPriority, timerTie } from './context.js';
import { TimerQueue } from './queue.js';
import { decide } from './dispatch.js';
import { reactionsTo } from './reactions.js';
import {
  cutAttempt,
  dialAfterExit,
  firstTickAfter,
  tickAfterAttempt,
  wakeProbeWorkers,
} from '../kubelet/prober.js';
import { drawFloat } from './rng.js';
import { SYNC_ERROR_RETRY_MS } from '../kubelet/syncPod.js';
import { HeldTimers, heldByNode } from './kubeletOutage.js';

interface Pending {
  data: TimerData;
  cause: number | null;
}

/**
 * The most pods a run holds at once: Kubernetes' documented scalability threshold for one cluster
 * ("No more than 150,000 total pods", kubernetes.io/docs/setup/best-practices/cluster-large/).
 * A run of that many running pods with probes measured 1.2 GB; a manifest asking for far more (a
 * ReplicaSet of 100,000,000 replicas) would otherwise grow until the heap runs out.
 */
export const MAX_PODS = 150_000;

/**
 * Timers that may run in a row at one instant without an event before the run is called stuck: a
 * decider that requeues itself at its own instant would otherwise hang the run. Far above any real
 * instant (150,000 pods' probe ticks that change nothing are 450,000).
 */
export const QUIET_STEPS_LIMIT = 5_000_000;

/** Raised when a run would hold more pods than MAX_PODS: the inputs ask for more than it models. */
export class RunLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunLimitError';
  }
}

type ProbeTimerData = Extract<TimerData, { kind: 'probe' }>;

/** A probe worker's attempt under way, and the tick and manual trigger waiting for it. */
interface ProbeFlight {
  /** The container instance the attempt probes; its exit or replacement frees the worker too. */
  instance: number;
  /**
   * The timer of the attempt's end: only that very timer ends it. An end left over from an attempt
   * already given up (its container gone, its pod deleted and created again under the same name,
   * its node's kubelet stopped meanwhile) finds another attempt or none, and is thrown away.
   */
  end: ProbeTimerData;
  /** When the attempt began, and the cause of its end. */
  from: Millis;
  cause: number | null;
  /** The event that woke the pod's workers while this one was busy: it re-plans at the end. */
  woken?: number;
  tick?: { data: ProbeTimerData; cause: number | null };
  /** When the waiting tick came (the ticker's channel keeps the first value it could not give). */
  tickSince?: Millis;
  manual?: { data: ProbeTimerData; cause: number | null };
}

export class Simulation {
  readonly events$ = new Subject<SimEvent>();
  private current: ClusterState = emptyState();
  private readonly queue = new TimerQueue<Pending>((a, b) => timerTie(a.data, b.data));
  private readonly fold: Subscription;
  private nextSeq = 0;
  private now: Millis = 0;
  /** Immediate syncs already queued (the pod worker coalesces them). */
  private readonly syncQueued = new Set<string>();
  /** Controller syncs and scheduling attempts already queued, by queueKey. */
  private readonly controllerQueued = new Set<string>();
  /** The pod worker's single requeue time per pod (a later enqueue replaces it). */
  private readonly retryAt = new Map<string, Millis>();
  private started = false;
  /** Kubelet work of nodes whose kubelet is stopped, run when it is back. */
  private readonly held = new HeldTimers<Pending>();
  /** seq of the last event about each pod, and the pod's state of that when it was last synced. */
  private readonly podTouched = new Map<string, number>();
  private readonly lastSync = new Map<string, { at: Millis; touched: number | undefined }>();

  private currentInputs: Inputs;

  /** The most pods the run may hold at once (MAX_PODS unless a caller asks for fewer). */
  private readonly maxPods: number;

  /** Timers that may run in a row at one instant without an event (QUIET_STEPS_LIMIT). */
  private readonly quietLimit: number;

  /** Timers run in a row at the current instant without an event. */
  private quietSteps = 0;

  constructor(inputs: Inputs, limits: { maxPods?: number; quietSteps?: number } = {}) {
    this.currentInputs = inputs;
    this.maxPods = limits.maxPods ?? MAX_PODS;
    this.quietLimit = limits.quietSteps ?? QUIET_STEPS_LIMIT;
    this.fold = this.events$
      .pipe(scan((s: ClusterState, ev: SimEvent) => applyEvent(s, ev), this.current))
      .subscribe({
        next: (s) => {
          this.current = s;
        },
        // A reducer that rejects an event ends the stream; commit() rethrows it to the caller.
        error: (e: unknown) => {
          this.foldError ??= e;
        },
      });
  }

  private foldError: unknown;

  /** The inputs decisions read now (a fork replaces them; see engine/fork.ts). */
  get inputs(): Inputs {
    return this.currentInputs;
  }

  /**
   * Continues with other inputs from the current instant: `decision` (built by engine/fork.ts from
   * the state, the old and the new inputs) records the fork and schedules what the new inputs
   * change. Timers already queued stay: each decider re-reads the inputs when it fires.
   */
  fork(next: Inputs, decision: Decision, actionTimers: number[]): void {
    this.start();
    this.currentInputs = next;
    // The fork comes after the whole instant: its probe ticks have all run.
    this.instantPriority = { at: this.now, priority: Number.POSITIVE_INFINITY };
    this.commit(decision, null);
    for (const index of actionTimers)
      this.requestTimer(
        { at: next.scenario.actions[index]!.at, data: { kind: 'action', index } },
        null,
      );
  }

  get state(): ClusterState {
    return this.current;
  }

  get time(): Millis {
    return this.now;
  }

  /** Emits the run's opening facts and schedules the scenario's timed actions. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const sc = this.inputs.scenario;
    this.commit(
      {
        events: [E.clusterStarted('Cluster', { startTime: sc.startTime, seed: sc.seed })],
        timers: [],
      },
      null,
    );
    this.commit(
      { events: sc.nodes.map((n) => E.nodeRegistered(`Node/${n.name}`, { node: n })), timers: [] },
      null,
    );
    sc.actions.forEach((a, index) =>
      this.queue.push(a.at, TIMER_PRIORITY.action, {
        data: { kind: 'action', index },
        cause: null,
      }),
    );
  }

  /** Runs every timer due at or before `until`, then stops with the clock at `until`. */
  runUntil(until: Millis, stop: () => boolean = () => false): void {
    this.start();
    for (;;) {
      if (stop()) break;
      const t = this.queue.peek();
      if (!t || t.at > until) break;
      this.queue.pop();
      if (t.at !== this.now) this.quietSteps = 0;
      this.now = t.at;
      const seq = this.current.seq;
      this.step(t.data.data, t.data.cause);
      if (this.current.seq !== seq) this.quietSteps = 0;
      else if (++this.quietSteps > this.quietLimit) throw this.stuck(t.data.data);
    }
    this.now = Math.max(this.now, until);
  }

  private stuck(data: TimerData): Error {
    return new Error(
      `the run is stuck at ${goDuration(this.now)}: ${this.quietLimit} timers ran at that ` +
        `instant without an event, the last ${JSON.stringify(data)}; a decider keeps asking to ` +
        'run again at its own instant. This is a podsim bug: please report it with the inputs',
    );
  }

  /** Stops the stream: subscribers see `complete`. */
  finish(): void {
    this.events$.complete();
    this.fold.unsubscribe();
  }

  /** The last instant each probe worker ran a scheduled tick (so a wake never probes twice). */
  private readonly probedAt = new Map<string, Map<string, Millis>>();

  /**
   * Probe attempts under way, by pod then `container|probe`: a worker runs one attempt at a time
   * (worker.go run calls doProbe synchronously), so its ticks wait until the attempt returns.
   */
  private readonly probing = new Map<string, Map<string, ProbeFlight>>();

  /**
   * The instant each worker's waiting tick was released by the end of its attempt, by pod then
   * `container|probe` (see `tickerHolds`).
   */
  private readonly releasedTick = new Map<string, Map<string, Millis>>();

  /**
   * When each readiness trigger was sent (UpdatePodStatus), by its timer: it keeps that instant
   * while it waits behind one attempt after another (see `endAttempt`).
   */
  private readonly triggeredAt = new WeakMap<TimerData, Millis>();

  /** The highest timer priority run so far at the current instant, and that instant. */
  private instantPriority = { at: -1, priority: -1 };

  /**
   * Whether this instant's probe ticks have all run: a timer ordered after probe ticks has run at
   * this instant (the queue pops by priority, so every tick due now came before it; a timer pushed
   * for now afterwards, say a process exit, still runs after them), or a fork comes after the
   * whole instant.
   */
  private afterTicks(): boolean {
    return (
      this.instantPriority.at === this.now && this.instantPriority.priority > LAST_PROBE_PRIORITY
    );
  }

  private step(data: TimerData, cause: number | null): void {
    const priority = timerPriority(data);
    if (this.instantPriority.at !== this.now) this.instantPriority = { at: this.now, priority };
    else if (priority > this.instantPriority.priority) this.instantPriority.priority = priority;
    const tick = data.kind === 'probe' && !data.manual && !data.attempt;
    // A tick planned before something woke the pod's workers again has been replaced: it does
    // nothing, so it neither waits for an attempt nor for a stopped kubelet (where it would stand
    // for a tick the worker's ticker holds).
    if (tick && data.epoch !== this.current.pods.get(data.pod)?.runtime.probeEpoch) return;
    if (data.kind === 'probe' && this.waitForAttempt(data, cause)) return;
    if (tick) {
      const worker = `${data.container}|${data.probe}`;
      this.probedAt.set(data.pod, (this.probedAt.get(data.pod) ?? new Map()).set(worker, this.now));
    }
    if (data.kind === 'sync') this.syncQueued.delete(data.pod);
    const queued = queueKey(data, this.now);
    if (queued !== undefined) this.controllerQueued.delete(queued);
    const stopped = heldByNode(this.current, data);
    if (stopped !== undefined) {
      this.held.hold(stopped, { data, cause });
      return;
    }
    if (data.kind === 'resync' && this.retryAt.get(data.pod) !== this.now) return;
    if (data.kind === 'sync' || data.kind === 'resync') {
      // A second sync at the same instant with nothing new about the pod would only repeat itself.
      const last = this.lastSync.get(data.pod);
      if (last && last.at === this.now && last.touched === this.podTouched.get(data.pod)) return;
    }
    const ctx: DecideContext = {
      state: this.current,
      now: this.now,
      inputs: this.inputs,
      seed: this.inputs.scenario.seed,
    };
    let decision: Decision & { error?: boolean };
    try {
      decision = decide(ctx, data);
    } catch (e) {
      throw new Error(
        `decider for ${data.kind} at ${this.now} ms failed: ${(e as Error).stack ?? e}`,
      );
    }
    this.commit(decision, cause);
    // A resumed sync finishes one blocked start and leaves the rest of the pod to the next sync
    // (syncPod's deferred restarts): that sync is not a repeat of it. Nor is a sync that a sync
    // asks for at its own instant: its events changed what the next one decides.
    if ((data.kind === 'sync' || data.kind === 'resync') && this.current.pods.has(data.pod)) {
      const again = decision.timers.some(
        (t) => t.at <= this.now && t.data.kind === 'sync' && t.data.pod === data.pod,
      );
      if (again) this.lastSync.delete(data.pod);
      else this.lastSync.set(data.pod, { at: this.now, touched: this.podTouched.get(data.pod) });
    }
    if (
      data.kind === 'sync' ||
      data.kind === 'resync' ||
      data.kind === 'resume' ||
      data.kind === 'pullDone'
    ) {
      // pod_workers.go completeWork: a failed sync is requeued after backOffPeriod with jitter
      // factor 0.5, i.e. [10 s, 15 s); the jitter is drawn from the pod's own seeded stream.
      if (decision.error) {
        const jitter = Math.floor(
          drawFloat(this.inputs.scenario.seed, `resync/${data.pod}`, this.now) *
            SYNC_ERROR_RETRY_MS *
            0.5,
        );
        this.requestTimer(
          { at: this.now + SYNC_ERROR_RETRY_MS + jitter, data: { kind: 'resync', pod: data.pod } },
          cause,
        );
      } else this.retryAt.delete(data.pod);
    }
  }

  private commit(decision: Decision, cause: number | null): void {
    const seqs: number[] = [];
    let woken: Map<string, number> | undefined;
    for (const d of decision.events) {
      const ev = this.stamp(d, cause, seqs);
      seqs.push(ev.seq);
      const key = ev.object.startsWith('Pod/') ? ev.object.slice(4) : undefined;
      const before = key === undefined ? undefined : this.current.pods.get(key);
      if (key !== undefined) this.podTouched.set(key, ev.seq);
      if (ev.type === 'pod/deleted') this.forget(key!);
      this.events$.next(ev);
      if (this.foldError !== undefined) throw this.foldError;
      if (ev.type === 'pod/created' && this.current.pods.size > this.maxPods)
        throw this.tooManyPods(ev);
      if (key !== undefined && this.probing.has(key)) this.releaseAttemptsOf(key, ev.seq);
      if (ev.type === 'node/kubeletStarted')
        for (const h of this.held.release(ev.object.slice('Node/'.length)))
          this.queue.push(this.now, timerPriority(h.data), h);
      for (const r of reactionsTo(ev, this.current, before)) this.requestTimer(r, ev.seq);
      const epoch = before && this.current.pods.get(before.key)?.runtime.probeEpoch;
      if (before && epoch !== undefined && epoch !== before.runtime.probeEpoch)
        (woken ??= new Map()).set(before.key, ev.seq);
    }
    // Something outside the containers changed what probes may see: every worker of the pod ticks
    // at its next aligned instant (this one, if it has not probed at it yet).
    for (const [key, seq] of woken ?? []) {
      const p = this.current.pods.get(key);
      if (!p || p.runtime.probeStart === null || p.runtime.terminal) continue;
      const probed = (container: string, type: string): number | undefined =>
        this.probedAt.get(key)?.get(`${container}|${type}`);
      const node = stoppedKubeletNode(this.current, p);
      for (const t of wakeProbeWorkers(p, this.now, probed, this.afterTicks())) {
        const d = t.data as Extract<TimerData, { kind: 'probe' }>;
        const flight = this.probing.get(key)?.get(`${d.container}|${d.probe}`);
        if (flight) flight.woken ??= seq;
        else this.requestTimer(this.tickerHolds(d, node) ? { ...t, at: this.now } : t, seq);
      }
    }
    const last = seqs.length > 0 ? seqs[seqs.length - 1]! : cause;
    for (const t of decision.timers) {
      const c =
        t.cause === undefined
          ? last
          : t.cause === 'running'
            ? cause
            : typeof t.cause === 'number'
              ? t.cause
              : (seqs[t.cause.draft] ?? last);
      this.requestTimer(t, c);
    }
  }

  /**
   * Whether the worker of `tick` has a tick its ticker holds, which a wake that made it stale must
   * keep due now rather than plan the next instant of the grid: one released at this instant by the
   * end of its attempt and not yet run (the attempt's own startup result wakes the workers), or one
   * held while its node's kubelet is stopped (`node`), which runs when the kubelet is back.
   */
  private tickerHolds(
    tick: Extract<TimerData, { kind: 'probe' }>,
    node: string | undefined,
  ): boolean {
    const worker = `${tick.container}|${tick.probe}`;
    const released =
      this.releasedTick.get(tick.pod)?.get(worker) === this.now &&
      this.probedAt.get(tick.pod)?.get(worker) !== this.now;
    return (
      released ||
      (node !== undefined &&
        this.held.some(
          node,
          ({ data: h }) =>
            h.kind === 'probe' &&
            !h.manual &&
            !h.attempt &&
            h.pod === tick.pod &&
            h.container === tick.container &&
            h.probe === tick.probe,
        ))
    );
  }

  private tooManyPods(ev: SimEvent): RunLimitError {
    const owner = ev.notes?.find((n) => n.object !== undefined)?.object;
    return new RunLimitError(
      `at ${goDuration(ev.at)} the run would hold ${this.current.pods.size} pods` +
        `${owner === undefined ? '' : ` (${owner} created the last one)`}: podsim holds at most ` +
        (this.maxPods === MAX_PODS
          ? `${MAX_PODS}, Kubernetes' documented limit for one cluster`
          : `${this.maxPods} in this run`) +
        '; lower the replicas or the time the run lasts',
    );
  }

  /**
   * Drops the per-pod bookkeeping of a deleted pod, so a long run that replaces pods keeps only
   * the live ones' (a pod created later under the same name starts afresh, as its timers do).
   */
  private forget(key: string): void {
    this.probedAt.delete(key);
    this.probing.delete(key);
    this.releasedTick.delete(key);
    this.podTouched.delete(key);
    this.lastSync.delete(key);
    this.retryAt.delete(key);
  }

  private stamp(d: Draft, cause: number | null, batch: number[]): SimEvent {
    const c =
      d.cause === undefined
        ? cause
        : d.cause === 'previous'
          ? (batch[batch.length - 1] ?? cause)
          : typeof d.cause === 'number'
            ? d.cause
            : (batch[d.cause.draft] ?? cause);
    const ev = {
      seq: this.nextSeq++,
      at: this.now,
      type: d.type,
      object: d.object,
      cause: c,
      payload: d.payload,
    } as SimEvent;
    if (d.notes && d.notes.length > 0) ev.notes = d.notes;
    return ev;
  }

  /**
   * A probe timer meets its worker's attempt under way. A tick or a manual trigger that comes
   * meanwhile waits for the attempt's end, one of each (the ticker's and the trigger's channels
   * hold one value each: worker.go run); the end runs them right after it, at that instant. True
   * when the timer waits, or is an attempt's end that no longer ends anything (thrown away).
   */
  private waitForAttempt(
    data: Extract<TimerData, { kind: 'probe' }>,
    cause: number | null,
  ): boolean {
    const flight = this.probing.get(data.pod)?.get(`${data.container}|${data.probe}`);
    if (data.attempt !== undefined) {
      // An attempt cut short by its container's exit was freed then (releaseAttemptsOf).
      if (data.attempt.cut) return false;
      if (flight?.end !== data) return true;
      this.endAttempt(data.pod, data.container, data.probe, true);
      return false;
    }
    if (!flight) return false;
    if (data.manual) {
      flight.manual ??= { data, cause };
      if (!this.triggeredAt.has(data)) this.triggeredAt.set(data, this.now);
    } else if (!flight.tick || (data.epoch ?? 0) >= (flight.tick.data.epoch ?? 0)) {
      flight.tickSince ??= this.now;
      flight.tick = { data, cause };
    }
    return true;
  }

  /**
   * The worker is free: what waited runs now. When both a tick and the readiness trigger wait, the
   * kubelet's `select` (worker.go run) takes either at random; podsim takes the one that came
   * first, the tick at a tie (the order a tick due at this very instant takes, queued before the
   * attempt ended). Always taking the tick would starve the trigger while every attempt outlasts
   * the period: a tick is then waiting at each end. A worker woken while busy had its ticks made
   * stale by the wake, which planned none for it: at its attempt's own end (`replan`) it ticks at
   * once if one of its ticker's instants passed during the attempt (the ticker held it), else at
   * the next one. An attempt given up because its container went away re-plans nothing: the exit
   * or replacement that freed it wakes the pod's workers in the same commit.
   */
  private endAttempt(pod: string, container: string, probe: ProbeType, replan: boolean): void {
    const flights = this.probing.get(pod)!;
    const worker = `${container}|${probe}`;
    const flight = flights.get(worker)!;
    flights.delete(worker);
    if (flights.size === 0) this.probing.delete(pod);
    const p = this.current.pods.get(pod);
    const woken = flight.woken !== undefined && replan && p !== undefined;
    // When the tick the worker's ticker holds came: the waiting one's, or for a woken worker the
    // first instant of its ticker during the attempt.
    const tickSince = !woken
      ? (flight.tickSince ?? Infinity)
      : firstTickAfter(p, container, probe, flight.from);
    const manual = flight.manual;
    const manualFirst = manual !== undefined && this.triggeredAt.get(manual.data)! < tickSince;
    if (manualFirst) this.queue.push(this.now, timerPriority(manual.data), manual);
    let released = false;
    if (!woken) {
      if (flight.tick) {
        this.queue.push(this.now, timerPriority(flight.tick.data), flight.tick);
        released = true;
      }
    } else if (p.runtime.probeStart !== null && !p.runtime.terminal) {
      const tick = tickAfterAttempt(p, container, probe, flight.from, this.now);
      this.requestTimer(tick, flight.woken!);
      released = tick.at === this.now;
    }
    if (released) {
      const ticks = this.releasedTick.get(pod) ?? new Map<string, Millis>();
      this.releasedTick.set(pod, ticks.set(worker, this.now));
    }
    if (manual && !manualFirst) this.queue.push(this.now, timerPriority(manual.data), manual);
  }

  /**
   * An attempt into a container that exited or was replaced returns with it: its worker is free at
   * once, and the attempt's end, when it comes, is thrown away. An exec's process dies with the
   * container and doProbe throws the errored attempt away. An httpGet's server closes the
   * connection as its process exits: the kubelet's client reads EOF, a failure the worker records
   * at that instant (`cutAttempt`), caused by the event that ended the container (`cause`). A
   * gRPC dial, to the pod's IP, goes on through the exit and a replacement and fails at its
   * deadline (`dialAfterExit`); the worker is busy until then, and a replaced container's result
   * is thrown away at the end.
   */
  private releaseAttemptsOf(key: string, cause: number): void {
    const flights = this.probing.get(key)!;
    const p = this.current.pods.get(key);
    for (const [worker, flight] of [...flights]) {
      const [container, probe] = worker.split('|') as [string, ProbeType];
      const rt = p?.runtime.containers[container];
      if (rt?.instances === flight.instance && rt.phase === 'running') continue;
      const dial = rt ? dialAfterExit(p!, flight.end) : undefined;
      if (dial) {
        this.failDial(flight, dial);
        continue;
      }
      this.endAttempt(key, container, probe, false);
      const cut =
        p && rt?.instances === flight.instance
          ? cutAttempt(p, flight.end, flight.from, this.now)
          : undefined;
      if (cut) this.queue.push(this.now, timerPriority(cut), { data: cut, cause });
    }
  }

  /**
   * A gRPC dial whose container exited goes on, and fails at its deadline (`dial`): unless it
   * was to fail so already, its end is that failure instead (the planned end is thrown away).
   */
  private failDial(flight: ProbeFlight, dial: ProbeAttempt): void {
    const was = flight.end.attempt!;
    if (!was.success && was.output === dial.output && was.tookMs === dial.tookMs) return;
    const end: ProbeTimerData = { ...flight.end, attempt: dial };
    flight.end = end;
    this.queue.push(flight.from + dial.tookMs, timerPriority(end), {
      data: end,
      cause: flight.cause,
    });
  }

  private requestTimer(r: TimerRequest, cause: number | null): void {
    const c = typeof r.cause === 'number' ? r.cause : cause;
    const at = Math.max(r.at, this.now);
    if (r.data.kind === 'probe' && r.data.attempt) {
      const flights = this.probing.get(r.data.pod) ?? new Map<string, ProbeFlight>();
      this.probing.set(r.data.pod, flights);
      flights.set(`${r.data.container}|${r.data.probe}`, {
        instance: r.data.attempt.instance,
        end: r.data,
        from: this.now,
        cause: c,
      });
    }
    if (r.data.kind === 'sync') {
      if (this.syncQueued.has(r.data.pod) && at === this.now) return;
      if (at === this.now) this.syncQueued.add(r.data.pod);
    }
    if (r.data.kind === 'resync') this.retryAt.set(r.data.pod, at);
    // A workqueue (or the scheduling queue) holds a key once: a second request for the same
    // instant adds nothing (pod/terminated and pod/deleted of one deletion both free capacity).
    const queued = queueKey(r.data, at);
    if (queued !== undefined) {
      if (this.controllerQueued.has(queued)) return;
      this.controllerQueued.add(queued);
    }
    this.queue.push(at, timerPriority(r.data), { data: r.data, cause: c });
  }
}

/**
 * The workqueue (or scheduling queue) entry a controller or scheduling timer stands for at `at`:
 * the queue holds it once until its sync runs. Other timers are not queued this way.
 */
function queueKey(data: TimerData, at: Millis): string | undefined {
  if (data.kind === 'replicaset' || data.kind === 'deployment')
    return `${data.kind}|${data.key}|${at}`;
  if (data.kind === 'schedule') return `schedule|${data.pod}|${at}`;
  return undefined;
}
