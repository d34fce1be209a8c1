/**
 * `podsim replay`: the table at an instant comes from the recorded events alone, and `--verify`
 * simulates the header's inputs again and names the first event that differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, examplePath } from '../helpers/run.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { yamlTraceText } from '../../src/trace/yamlTrace.js';
import { GOLDEN, goldenTrace, scratchDir, writeFiles } from './traceHelpers.js';

describe('podsim replay TRACE --at T', () => {
  it('prints what get pods prints when it simulates the inputs to T', async () => {
    for (const at of ['0s', '45s', '3m', '15m']) {
      const replayed = await cli(['replay', goldenTrace('sleep-exit-always'), '--at', at]);
      const simulated = await cli(['get', 'pods', examplePath('sleep-exit-always'), '--at', at]);
      expect(replayed.code).toBe(0);
      expect(replayed.out).toBe(simulated.out);
    }
  });

  it('shows the pod at 3m: in CrashLoopBackOff after three restarts', async () => {
    const r = await cli(['replay', goldenTrace('sleep-exit-always'), '--at', '3m']);
    expect(r.out).toBe(
      'NAME   READY   STATUS             RESTARTS      AGE\n' +
        'foo    0/1     CrashLoopBackOff   3 (27s ago)   3m\n',
    );
  });

  it('refuses a file that is not a trace, naming the command that writes one', async () => {
    const r = await cli(['replay', examplePath('sleep-exit-always')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'podsim: replay: traces/sleep-exit-always/scenario.yaml is not a podsim trace (podsim run FILE... --trace OUT)\n',
    );
  });
});

describe('podsim replay TRACE --verify', () => {
  it.each(GOLDEN)('finds the golden trace %s identical to a new simulation', async (name) => {
    const r = await cli(['replay', goldenTrace(name), '--verify']);
    const n = loadTrace(goldenTrace(name)).events.length;
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      new RegExp(
        `^identical \\(${n} events re-simulated from the header's inputs, seed 1, until \\w+\\)\\n$`,
      ),
    );
  });

  it('verifies a YAML trace written by run --trace out.yaml', async () => {
    const out = join(scratchDir(), 'run.yaml');
    const run = await cli(['run', examplePath('sleep-exit-never'), '--trace', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      yamlTraceText(
        loadTrace(goldenTrace('sleep-exit-never')).header,
        loadTrace(goldenTrace('sleep-exit-never')).events,
      ),
    );
    const r = await cli(['replay', out, '--verify']);
    expect(r.out).toBe(
      "identical (12 events re-simulated from the header's inputs, seed 1, until 2m)\n",
    );
  });

  it('names the first recorded event that the simulation does not reproduce, and the field', async () => {
    const path = join(scratchDir(), 'edited.jsonl');
    const text = readFileSync(goldenTrace('sleep-exit-never'), 'utf8');
    writeFileSync(path, text.replace('"exitCode":3', '"exitCode":4'));
    const r = await cli(['replay', path, '--verify']);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('different: first difference at seq 10 (line 12) in payload.exitCode');
    expect(lines[1]).toContain('"exitCode":4');
    expect(lines[2]).toContain('"exitCode":3');
    expect(lines[1]!.startsWith('  recorded:  {"seq":10,')).toBe(true);
    expect(lines[2]!.startsWith('  simulated: {"seq":10,')).toBe(true);
  });

  it('reports a trace cut at a line boundary as ending where the simulation goes on', async () => {
    const path = join(scratchDir(), 'short.jsonl');
    const lines = readFileSync(goldenTrace('sleep-exit-never'), 'utf8').split('\n');
    writeFileSync(path, lines.slice(0, 6).join('\n') + '\n');
    const r = await cli(['replay', path, '--verify']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').slice(0, 2)).toEqual([
      'different: first difference at seq 5 (after the end of the trace)',
      '  recorded:  (nothing: the trace ends here)',
    ]);
  });

  it('rebuilds a run from several named files (a scenario beside a manifest it does not name)', async () => {
    const dir = scratchDir();
    const [scenario, extra] = writeFiles(dir, {
      'scenario.yaml':
        'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 40s\nmanifests: [a.yaml]\n',
      'b.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: b\nspec:\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: [sleep, "5"]\n',
    });
    writeFiles(dir, {
      'a.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: busybox:1.28\n    command: [sleep, "3600"]\n',
    });
    const out = join(dir, 'ab.jsonl');
    expect((await cli(['run', scenario!, extra!, '--trace', out])).code).toBe(0);
    expect(loadTrace(out).header.inputs.map((i) => i.path)).toEqual([
      scenario,
      extra,
      join(dir, 'a.yaml'),
    ]);
    const r = await cli(['replay', out, '--verify']);
    expect(r.code).toBe(0);
    expect(r.out.startsWith('identical (')).toBe(true);
  });
});
