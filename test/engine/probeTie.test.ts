/**
 * Probe ticks of one type due at one instant run in pod, then container order (engine/context.ts
 * `timerTie`), not in the order their timers were queued: a fork that re-plans every probe worker
 * queues them anew, and the run must go on as it was (property seed 303: app-1's readiness tick
 * queued before app-2's by the re-plan, after it by the run).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInline } from '../helpers/inline.js';
import {
  checkResume,
  compareForked,
  noChange,
  replanEverything,
  runForked,
} from '../../src/check/invariants/resume.js';

const dir = new URL('../fixtures/probe-tie/', import.meta.url);
const file = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

describe('probe ticks due at one instant', () => {
  const inputs = loadInline({
    'scenario.yaml': file('scenario.yaml'),
    '_pod.yaml': file('pod.yaml'),
  });
  const run = runForked(inputs, []);

  it('run in container order whatever order their timers were queued in', () => {
    const at25 = run
      .filter((e) => e.at === 25_000 && e.type === 'probe/result')
      .map((e) => {
        const { container, probe } = e.payload as { container: string; probe: string };
        return `${container} ${probe}`;
      });
    expect(at25).toEqual(['app-1 readiness', 'app-2 readiness', 'app-3 readiness']);
  });

  it('so a fork that re-plans every pod at 24 s continues as the run did', () => {
    const forked = runForked(inputs, [{ overlay: noChange(24_000), factory: replanEverything }]);
    expect(compareForked(forked, run, 'fork at 24 s')).toEqual([]);
    // And at every instant the property picks, with nothing re-planned too.
    expect(checkResume(inputs, run)).toEqual([]);
  });
});
