import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/run.js';
import { loadFiles, runFiles } from '../helpers/run.js';

describe('simulate', () => {
  it('ends the run with the error an observer throws (a failing trace writer stops the run)', () => {
    const inputs = loadFiles(['traces/sleep-exit-never/scenario.yaml']);
    let n = 0;
    expect(() =>
      simulate(inputs, {
        onEvent: () => {
          if (++n === 3) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(n).toBe(3);
  });

  it('names Killing as the cause of SIGTERM, and SIGKILL as the cause of the exit it forces', () => {
    const run = runFiles(['traces/liveness-exec/scenario.yaml'], { untilMs: 80_000 });
    const signal = (s: string) =>
      run.events.find(
        (e) => e.type === 'container/signalled' && (e.payload as { signal: string }).signal === s,
      )!;
    const killing = run.events.find((e) => e.type === 'container/killing')!;
    expect(signal('SIGTERM').cause).toBe(killing.seq);
    const kill = signal('SIGKILL');
    expect(run.events.find((e) => e.type === 'container/exited' && e.seq > kill.seq)!.cause).toBe(
      kill.seq,
    );
  });
});
