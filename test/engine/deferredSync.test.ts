/**
 * A sync blocked in an image pull resumes when the pull ends, finishes that one start, and asks
 * for a sync at once for what it left (syncPod's deferred restarts). That sync is not a repeat
 * of the resumed one, so it runs: a container whose restart back-off ended meanwhile restarts
 * then, not at the pod worker's next error retry 3 s later.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { reobserve } from '../../src/check/mutate.js';
import { restartBackoff } from '../../src/check/invariants/index.js';

const dir = new URL('../fixtures/deferred-restart/', import.meta.url);
const file = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

describe('the sync a resumed start asks for', () => {
  it('restarts a container whose back-off ended during the pull', () => {
    const r = runInline({ 'scenario.yaml': file('scenario.yaml'), '_pod.yaml': file('pod.yaml') });
    const restart = r.events.find(
      (e) => e.type === 'image/pulling' && e.payload.container === 'app-1' && e.at > 60_000,
    )!;
    expect(restart.at).toBe(64_500);
    expect(restartBackoff.check(reobserve(r.events, 68_000))).toEqual([]);
  });
});
