/**
 * Proof that the state invariants can fail: a folded pod state is copied and altered (what a
 * broken reducer would have written), a view is broken, the inputs are made non-deterministic, or
 * a trace stops matching its live run — and the checker reports exactly that.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { SimEvent } from '../src/events/catalog.js';
import type { RunInputs } from '../src/spec/loadRun.js';
import type { PodState } from '../src/state/model.js';
import * as I from '../src/check/invariants/index.js';
import type { Observation } from '../src/check/invariants/types.js';
import { runCase } from '../src/check/run.js';
import { alterStates, find, is, mapEvents, reobserve } from '../src/check/mutate.js';
import { printPodRow } from '../src/views/index.js';
import { eventLine } from '../src/trace/canonical.js';
import { crashCase, webCase } from './fixtures.js';

const web = runCase(webCase({ deleteAt: '60s' }));
const crash = runCase(crashCase(), { snapshots: true });
const app = (p: PodState): NonNullable<Pod['status']>['containerStatuses'] =>
  p.pod.status!.containerStatuses!;
const firstStart = find(web.events, is('container/started', { container: 'app-1' }));
const next = web.events[firstStart.seq + 1]!;

/** The run cut down to the cluster start and one pod state (views are checked per state). */
const only = (run: Observation, ev: SimEvent): Observation => ({
  events: [run.events[0]!, ev],
  pods: [undefined, run.pods[ev.seq]],
});

describe('reducer corruptions are caught', () => {
  it('phase-monotonic: Running written back to Pending', () => {
    const obs = alterStates(
      web,
      (e) => e === next,
      (p) => void (p.pod.status!.phase = 'Pending'),
    );
    expect(I.phaseMonotonic.check(obs)).toEqual([
      {
        invariant: 'phase-monotonic',
        seq: next.seq,
        message: `pod default/web went back from Running to Pending at ${next.type}`,
      },
    ]);
  });

  it('phase-monotonic: a terminal phase left', () => {
    const sigkill = find(web.events, is('container/signalled', { signal: 'SIGKILL' }));
    const obs = alterStates(
      web,
      (e) => e === sigkill,
      (p) => void (p.pod.status!.phase = 'Succeeded'),
    );
    expect(I.phaseMonotonic.check(obs)).toEqual([
      {
        invariant: 'phase-monotonic',
        seq: sigkill.seq + 1,
        message: 'pod default/web left terminal phase Succeeded for Running at container/exited',
      },
    ]);
  });

  it('phase-monotonic: a container started in a pod already Succeeded', () => {
    // The crash loop's second start, with the state before it (a BackOff's) marked Succeeded.
    const restart = find(crash.events, is('container/created', { container: 'app-1' }), 1);
    const before = crash.events[restart.seq - 1]!;
    const obs = alterStates(
      crash,
      (e) => e === before,
      (p) => void (p.pod.status!.phase = 'Succeeded'),
    );
    expect(I.phaseMonotonic.check(obs).map((x) => x.message)).toEqual([
      'pod default/crash is Succeeded, yet container/created follows',
      'pod default/crash left terminal phase Succeeded for Running at container/created',
    ]);
  });

  it('restart-count: a restartCount decremented in a folded state copy', () => {
    const restart = find(web.events, is('container/started', { container: 'app-1' }), 1);
    const later = web.events[restart.seq + 1]!;
    const obs = alterStates(
      web,
      (e) => e === later,
      (p) => void (app(p)![0]!.restartCount -= 1),
    );
    expect(I.restartCount.check(obs)).toEqual([
      {
        invariant: 'restart-count',
        seq: later.seq,
        message: 'app-1 restartCount fell from 1 to 0',
      },
    ]);
  });

  it('restart-policy: a restart under restartPolicy Never', () => {
    const obs = alterStates(
      web,
      () => true,
      (p) => void (p.pod.spec!.restartPolicy = 'Never'),
    );
    const second = find(web.events, is('container/created', { container: 'app-1' }), 1);
    expect(I.restartPolicy.check(obs)).toEqual([
      {
        invariant: 'restart-policy',
        seq: second.seq,
        message: 'app-1 restarted (instance 2) under restartPolicy Never',
      },
    ]);
  });

  it('restart-policy: restarts after exit 0 under restartPolicy OnFailure', () => {
    const zero = mapEvents(
      crash.events,
      is('container/exited'),
      (e) => ({ ...e, payload: { ...(e.payload as object), exitCode: 0 } }) as SimEvent,
    );
    const obs = alterStates(
      reobserve(zero),
      () => true,
      (p) => void (p.pod.spec!.restartPolicy = 'OnFailure'),
    );
    const restarts = crash.events.filter(is('container/created')).slice(1);
    expect(I.restartPolicy.check(obs)).toEqual(
      restarts.map((e) => ({
        invariant: 'restart-policy',
        seq: e.seq,
        message: 'app-1 restarted after exiting 0 under restartPolicy OnFailure',
      })),
    );
  });

  it('ready-conditions: ContainersReady True over an unready container, Ready True without it', () => {
    const ready = find(web.events, is('probe/result', { probe: 'readiness', cached: 'success' }));
    const after = web.events[ready.seq + 1]!;
    const unready = alterStates(
      web,
      (e) => e === ready,
      (p) => void (app(p)![0]!.ready = false),
    );
    const obs = alterStates(
      unready,
      (e) => e === after,
      (p) => {
        p.pod.status!.conditions!.find((c) => c.type === 'ContainersReady')!.status = 'False';
      },
    );
    expect(I.readyConditions.check(obs)).toEqual([
      {
        invariant: 'ready-conditions',
        seq: ready.seq,
        message: 'ContainersReady is True but app-1 is not running and ready after probe/result',
      },
      {
        invariant: 'ready-conditions',
        seq: after.seq,
        message: `Ready is True but ContainersReady is False after ${after.type}`,
      },
    ]);
  });
});

describe('broken views are caught (views-agree, semantics §7)', () => {
  it('a READY that counts every container', () => {
    const exit = find(web.events, is('container/exited', { container: 'app-1' }), 1);
    const printer = (pod: Pod, now: string) => ({ ...printPodRow(pod, now), ready: '2/2' });
    expect(I.viewsAgree(printer).check(only(web, exit))).toEqual([
      {
        invariant: 'views-agree',
        seq: exit.seq,
        message: 'after container/exited: READY is "2/2", expected "1/2"',
      },
    ]);
  });

  it('a STATUS and RESTARTS that ignore CrashLoopBackOff and restart counts', () => {
    const loop = find(crash.events, is('container/backOff'), 2);
    const printer = (pod: Pod, now: string) => ({
      ...printPodRow(pod, now),
      status: 'Running',
      restarts: '0',
    });
    expect(I.viewsAgree(printer).check(only(crash, loop))).toEqual([
      {
        invariant: 'views-agree',
        seq: loop.seq,
        message: 'after container/backOff: STATUS is "Running", expected "CrashLoopBackOff"',
      },
      {
        invariant: 'views-agree',
        seq: loop.seq,
        message: 'after container/backOff: RESTARTS is 0, expected 2',
      },
      {
        invariant: 'views-agree',
        seq: loop.seq,
        message: 'after container/backOff: AGO is false, expected true',
      },
    ]);
  });
});

describe('determinism and replay failures are caught', () => {
  it('determinism: a behaviour resolver that answers differently on each run', () => {
    let runs = 0;
    const drifting = (inputs: RunInputs): RunInputs => {
      const extra = runs++ * 1_000;
      return {
        ...inputs,
        behaviourOf: (pod, c) => {
          const b = inputs.behaviourOf(pod, c);
          return {
            ...b,
            program: b.program.map((s) => (s.kind === 'sleep' ? { ...s, ms: s.ms + extra } : s)),
          };
        },
      };
    };
    const first = runCase(crashCase(), { inputs: drifting });
    const second = runCase(crashCase(), { inputs: drifting });
    const exit = find(first.events, is('container/exited'));
    const other = second.events[exit.seq]!;
    expect(I.checkDeterminism(I.traceText(first), I.traceText(second))).toEqual([
      {
        invariant: 'determinism',
        seq: exit.seq,
        message: `traces differ at line ${exit.seq + 2}:\n  first:  ${eventLine(exit)}\n  second: ${eventLine(other)}`,
      },
    ]);
  });

  it('replay: an event the fold cannot apply', () => {
    const exit = find(crash.events, is('container/exited'));
    const events = mapEvents(
      crash.events,
      (e) => e === exit,
      (e) => ({ ...e, object: 'Pod/default/nope' }) as SimEvent,
    );
    expect(I.checkReplay(events, crash.snapshots)).toEqual([
      {
        invariant: 'replay',
        seq: exit.seq,
        message: `the fold rejects the event: event seq ${exit.seq} (container/exited at 6000 ms): no pod default/nope`,
      },
    ]);
  });

  it('replay: a trace whose event no longer gives the live state', () => {
    const exit = find(crash.events, is('container/exited'));
    const events = mapEvents(
      crash.events,
      (e) => e === exit,
      (e) => ({ ...e, payload: { ...(e.payload as object), exitCode: 0 } }) as SimEvent,
    );
    expect(I.checkReplay(events, crash.snapshots)).toEqual([
      {
        invariant: 'replay',
        seq: exit.seq,
        message: expect.stringMatching(
          /^state after container\/exited differs from the live run near: …/,
        ),
      },
    ]);
  });
});
