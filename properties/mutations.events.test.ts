/**
 * Proof that the event-log invariants can fail: each takes a clean run, applies the corruption a
 * broken decider would cause (an event dropped, moved, re-timed or altered), re-folds it, and
 * expects exactly the violation the rule names.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../src/events/catalog.js';
import * as I from '../src/check/invariants/index.js';
import { runCase } from '../src/check/run.js';
import {
  dropEvents,
  duplicate,
  find,
  is,
  mapEvents,
  moveBefore,
  reobserve,
  withEvents,
} from '../src/check/mutate.js';
import { crashCase, webCase } from './fixtures.js';

const web = runCase(webCase({ deleteAt: '60s' }));
const crash = runCase(crashCase());
const at = (ev: SimEvent, ms: number): SimEvent => ({ ...ev, at: ms }) as SimEvent;
const app = (type: string, extra: Record<string, unknown> = {}): ((e: SimEvent) => boolean) =>
  is(type, { container: 'app-1', ...extra });

describe('the clean runs obey every invariant', () => {
  it.each([
    ['web', web],
    ['crash', crash],
  ])('%s', (_name, run) => expect(I.checkAll(run)).toEqual([]));
});

describe('event-log corruptions are caught', () => {
  it('causality: swapping the times of a Killing and the exit after it', () => {
    const kill = find(web.events, app('container/killing', { reason: 'liveness' }));
    const exit = find(web.events, (e) => app('container/exited')(e) && e.seq > kill.seq);
    const term = web.events[kill.seq + 1]!;
    const events = mapEvents(
      web.events,
      (e) => e === kill || e === exit,
      (e) => at(e, e === kill ? exit.at : kill.at),
    );
    expect(I.causality.check(withEvents(web, events))).toEqual([
      {
        invariant: 'causality',
        seq: term.seq,
        message: `time went backwards: container/signalled at ${kill.at} ms after container/killing at ${exit.at} ms`,
      },
      {
        invariant: 'causality',
        seq: term.seq,
        message: `container/signalled at ${kill.at} ms is caused by container/killing at ${exit.at} ms, later`,
      },
    ]);
  });

  it('init-order: moving app-1 (image check, create, start) before init-1 exits', () => {
    const initExit = find(web.events, is('container/exited', { container: 'init-1' }));
    const firstCreated = find(web.events, app('container/created'));
    const first = (e: SimEvent): boolean =>
      ['image/present', 'container/created', 'container/started'].some((t) => app(t)(e)) &&
      e.seq <= firstCreated.seq + 1;
    const events = moveBefore(web.events, first, initExit);
    const present = find(events, app('image/present'));
    const started = find(events, app('container/started'));
    expect(I.initOrder.check(reobserve(events))).toEqual([
      {
        invariant: 'init-order',
        seq: present.seq,
        message: 'app-1 started before init container init-1 exited 0',
      },
      {
        invariant: 'init-order',
        seq: present.seq,
        message: 'app-1 started while sidecar side-1 was not running and started',
      },
      {
        invariant: 'init-order',
        seq: started.seq,
        message: 'Initialized is True after container/started but init-1 never exited 0',
      },
    ]);
  });

  it('probe-kills: dropping one of the three liveness failures before the kill', () => {
    const second = find(web.events, app('probe/result', { probe: 'liveness', run: 2 }));
    const events = dropEvents(web.events, (e) => e === second);
    const kill = find(events, app('container/killing', { reason: 'liveness' }));
    expect(I.probeKills.check(reobserve(events))).toEqual([
      {
        invariant: 'probe-kills',
        seq: kill.seq,
        message: 'app-1 killed for liveness without 3 consecutive failures',
      },
    ]);
  });

  it('probe-kills: a liveness probe 1 s before initialDelaySeconds', () => {
    const started = find(web.events, app('container/started'));
    const first = find(web.events, app('probe/result', { probe: 'liveness' }));
    const events = mapEvents(
      web.events,
      (e) => e === first,
      (e) => at(e, started.at + 4_000),
    );
    expect(I.probeKills.check(withEvents(web, events))).toEqual([
      {
        invariant: 'probe-kills',
        seq: first.seq,
        message: 'liveness probe of app-1 ran before initialDelaySeconds 5',
      },
    ]);
  });

  it('probe-kill-message: a Killing note without ", will be restarted" under restartPolicy Always', () => {
    const kill = find(web.events, app('container/killing', { reason: 'liveness' }));
    const events = mapEvents(
      web.events,
      (e) => e === kill,
      (e) => ({
        ...e,
        notes: [{ ...e.notes![0]!, message: 'Container app-1 failed liveness probe' }],
      }),
    );
    expect(I.probeKillMessage.check(reobserve(events))).toEqual([
      {
        invariant: 'probe-kill-message',
        seq: kill.seq,
        message:
          'Killing message "Container app-1 failed liveness probe", expected "Container app-1 failed liveness probe, will be restarted"',
      },
    ]);
  });

  it('probe-kill-restart: dropping the restart after a liveness kill', () => {
    const run = runCase(webCase({ until: '300s' }));
    const kill = find(run.events, app('container/killing', { reason: 'liveness' }));
    const restart = (e: SimEvent): boolean =>
      e.seq > kill.seq && /^(image\/|container\/(created|started))/.test(e.type) && app(e.type)(e);
    const events = dropEvents(run.events, restart);
    const exit = find(events, (e) => app('container/exited')(e) && e.seq > kill.seq);
    expect(I.probeKillRestart.check(reobserve(events, run.untilMs))).toEqual([
      {
        invariant: 'probe-kill-restart',
        seq: exit.seq,
        message:
          'app-1 was killed for liveness (exit 143) and never restarted under restartPolicy Always',
      },
    ]);
  });

  it('restart-backoff: the third start 1 ms before its 10 s back-off ends', () => {
    const third = find(crash.events, app('container/created'), 2);
    const present = crash.events[third.seq - 1]!;
    const events = mapEvents(
      crash.events,
      (e) => e === third || e === present,
      (e) => at(e, e.at - 1),
    );
    const b = third.payload as { backoff: { periodMs: number; lastUpdate: number } };
    expect(I.restartBackoff.check(reobserve(events))).toEqual([
      {
        invariant: 'restart-backoff',
        seq: present.seq,
        message: `app-1 instance 3 restarted at ${present.at - 1} ms, before its back-off ended at ${present.at} ms`,
      },
      {
        invariant: 'restart-backoff',
        seq: third.seq,
        message: `app-1 instance 3: back-off record ${JSON.stringify(b.backoff)}, expected {"periodMs":${b.backoff.periodMs},"lastUpdate":${present.at - 1}} (previous {"periodMs":10000,"lastUpdate":6000}, FinishedAt 11000 ms)`,
      },
    ]);
  });

  it('restart-backoff: the first restart 1 s late, with nothing blocking it', () => {
    const second = find(crash.events, app('container/created'), 1);
    const present = crash.events[second.seq - 1]!;
    const events = mapEvents(
      crash.events,
      (e) => e.seq >= present.seq && e.seq <= second.seq + 1,
      (e) => at(e, e.at + 1_000),
    );
    expect(I.restartBackoff.check(reobserve(events))).toEqual([
      {
        invariant: 'restart-backoff',
        seq: present.seq,
        message:
          'app-1 instance 2 restarted at 7000 ms, later than its back-off end 6000 ms with nothing blocking',
      },
      {
        invariant: 'restart-backoff',
        seq: second.seq,
        message:
          'app-1 instance 2: back-off record {"periodMs":10000,"lastUpdate":6000}, expected {"periodMs":10000,"lastUpdate":7000} (previous null, FinishedAt 6000 ms)',
      },
    ]);
  });

  it('start-attempts: a second pull of app-1 while its first is in flight', () => {
    const run = runCase(crashCase('Always'));
    const pull = find(run.events, app('image/pulling'));
    const events = duplicate(run.events, pull);
    expect(I.startAttempts.check(reobserve(events))).toEqual([
      {
        invariant: 'start-attempts',
        seq: pull.seq + 1,
        message: `image/pulling for app-1 while its pull begun at seq ${pull.seq} has not finished`,
      },
    ]);
  });
});
