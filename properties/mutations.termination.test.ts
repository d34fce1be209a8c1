/**
 * Proof that the termination invariants (semantics §4.2 kill sequence, §4.3 graceful deletion)
 * can fail: the `web` pod is deleted at 60 s with grace 5 s — both containers get Killing at once,
 * app-1 exits 1 s after SIGTERM, then sidecar side-1 (which ignores SIGTERM), its turn come, gets
 * SIGTERM with the 4 s left and is SIGKILLed at 65 s.
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
} from '../src/check/mutate.js';
import { webCase } from './fixtures.js';

const web = runCase(webCase({ deleteAt: '60s' }));
const deletion = find(web.events, is('pod/deletionRequested'));
const after =
  (pred: (e: SimEvent) => boolean): ((e: SimEvent) => boolean) =>
  (e) =>
    e.seq > deletion.seq && pred(e);
const appKill = find(web.events, after(is('container/killing', { container: 'app-1' })));
const appTerm = find(web.events, after(is('container/signalled', { container: 'app-1' })));
const sideKill = find(web.events, after(is('container/killing', { container: 'side-1' })));
const sideTerm = find(
  web.events,
  is('container/signalled', { container: 'side-1', signal: 'SIGTERM' }),
);
const sideSigkill = find(
  web.events,
  is('container/signalled', { container: 'side-1', signal: 'SIGKILL' }),
);

describe('the deletion of web runs as §4.2/§4.3 prescribe', () => {
  it('has the timeline the mutations below corrupt', () => {
    expect(
      [deletion, appKill, appTerm, sideKill, sideTerm, sideSigkill].map((e) => [e.type, e.at]),
    ).toEqual([
      ['pod/deletionRequested', 60_000],
      ['container/killing', 60_000],
      ['container/signalled', 60_000],
      ['container/killing', 60_000],
      ['container/signalled', 61_000],
      ['container/signalled', 65_000],
    ]);
    expect(I.killSequence.check(web)).toEqual([]);
    expect(I.gracefulDeletion.check(web)).toEqual([]);
  });
});

describe('kill-sequence corruptions are caught', () => {
  it('a SIGKILL shifted 1 ms earlier', () => {
    const events = mapEvents(
      web.events,
      (e) => e === sideSigkill,
      (e) => ({ ...e, at: e.at - 1 }) as SimEvent,
    );
    expect(I.killSequence.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'kill-sequence',
        seq: sideSigkill.seq,
        message: 'side-1 instance 1 SIGKILL at 64999 ms, before SIGTERM + grace = 65000 ms',
      },
    ]);
  });

  it('a dropped SIGTERM', () => {
    const events = dropEvents(web.events, (e) => e === appTerm);
    expect(I.killSequence.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'kill-sequence',
        seq: appKill.seq,
        message: 'app-1 instance 2 was never sent SIGTERM after Killing',
      },
    ]);
  });

  it("a sidecar's SIGTERM held past its turn", () => {
    // app-1 exited at 61 s: side-1's turn came then, not at 62 s.
    const events = mapEvents(
      web.events,
      (e) => e === sideTerm,
      (e) => ({ ...e, at: 62_000 }) as SimEvent,
    );
    expect(I.killSequence.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'kill-sequence',
        seq: sideTerm.seq,
        message: 'side-1 instance 1 SIGTERM at 62000 ms, expected at 61000 ms',
      },
    ]);
  });

  it('a deletion kill with the pod grace instead of deletionGracePeriodSeconds', () => {
    const events = mapEvents(
      web.events,
      (e) => e === appKill,
      (e) => ({ ...e, payload: { ...(e.payload as object), graceMs: 10_000 } }) as SimEvent,
    );
    expect(I.killSequence.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'kill-sequence',
        seq: appKill.seq,
        message: 'app-1 instance 2 killed (deletion) with grace 10000 ms, expected 5000 ms',
      },
    ]);
  });
});

describe('graceful-deletion corruptions are caught', () => {
  it('a second SIGTERM to app-1', () => {
    const events = duplicate(web.events, appTerm);
    expect(I.gracefulDeletion.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'graceful-deletion',
        seq: appTerm.seq + 1,
        message: 'app-1 instance 2 got SIGTERM 2 times after deletion',
      },
    ]);
  });

  it('the sidecar told to stop before the app container stopped', () => {
    const early = mapEvents(
      web.events,
      (e) => e === sideTerm,
      (e) => ({ ...e, at: 60_000 }) as SimEvent,
    );
    const events = moveBefore(early, (e) => e.seq === sideTerm.seq, appKill);
    const sideExit = find(events, is('container/exited', { container: 'side-1' }));
    expect(I.gracefulDeletion.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'graceful-deletion',
        seq: sideExit.seq,
        message: 'sidecar side-1 told to stop at 60000 ms, before app-1 stopped',
      },
    ]);
  });

  it('the sidecar still running 1 s past deletion + grace + 2 s', () => {
    const events = mapEvents(
      web.events,
      (e) => e.seq >= sideSigkill.seq,
      (e) => ({ ...e, at: e.at + 3_000 }) as SimEvent,
    );
    expect(I.gracefulDeletion.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'graceful-deletion',
        seq: sideSigkill.seq + 1,
        message: 'side-1 instance 1 stopped at 68000 ms, after deletion + grace + 2 s = 67000 ms',
      },
    ]);
  });

  it('the pod never removed once its containers stopped', () => {
    const events = dropEvents(
      web.events,
      (e) => e.type === 'pod/terminated' || e.type === 'pod/deleted',
    );
    expect(I.gracefulDeletion.check(reobserve(events, web.untilMs))).toEqual([
      {
        invariant: 'graceful-deletion',
        seq: deletion.seq,
        message: 'every container stopped by 65000 ms but the pod was never removed',
      },
    ]);
  });
});
