/**
 * `podsim check` end to end (issue 5): the liveness-exec pod with a start-up between 0 and 60 s
 * breaks `no SIGKILL` and is shrunk to the smallest start-up that does; the result is the same
 * with --jobs 2 and with shards merged; the counterexample trace replays; bad usage exits 2.
 *
 * --jobs N runs the built worker (dist/check/user/worker.js): `npm run build` first.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { judge, prepare } from '../../src/check/user/explore.js';
import { deepFreeze } from '../../src/model/deepFreeze.js';
import { parseAssertions } from '../../src/check/user/parse.js';
import { main } from '../../src/cli/main.js';
import { goDuration } from '../../src/model/time.js';
import { cli, loadFiles, runFiles, times } from '../helpers/run.js';
import { dirname, isAbsolute } from 'node:path';

const SCENARIO = 'traces/liveness-exec/check-startup.yaml';
const dir = mkdtempSync(join(tmpdir(), 'podsim-check-'));
const NO_SIGKILL = ['--assert', 'no SIGKILL'];
const RUNS = ['--runs', '60'];

// The rules, with the numbers read from the run at the lower bound (start-up 0 s):
const base = runFiles([SCENARIO]);
const started = times(base.events, 'container/started')[0]!; // sandbox 1 s + pull 500 ms
const pod = loadFiles([SCENARIO]).initial.find((o) => o.kind === 'Pod')!.object as Pod;
const probe = pod.spec!.containers[0]!.livenessProbe!;
const period = (probe.periodSeconds ?? 10) * 1000;
const threshold = probe.failureThreshold ?? 3;
const grace = (pod.spec!.terminationGracePeriodSeconds ?? 30) * 1000;
// The probe worker starts at the pod's first sync (0 s) and ticks every period; the first tick
// that counts is the first at least initialDelaySeconds after the container's start.
const firstTick = Math.ceil((started + (probe.initialDelaySeconds ?? 0) * 1000) / period) * period;
const lastFailing = firstTick + (threshold - 1) * period;
// The file appears `startup` after the container starts; a probe at the same instant sees it. The
// kill needs all of the first `threshold` ticks to fail: the file must appear after the last.
const minimalStartup = lastFailing - started + 1;
const sigkillAt = lastFailing + grace; // sh -c as PID 1 ignores SIGTERM

async function check(args: string[]) {
  return cli(['check', ...args]);
}

describe('podsim check on liveness-exec with a start-up of 0–60 s', () => {
  it('derives the boundary from the rules, and it is one', () => {
    expect(started).toBe(1_500);
    expect([firstTick, lastFailing, minimalStartup, sigkillAt]).toEqual([
      10_000, 20_000, 18_501, 50_000,
    ]);
    // At the lower bound the docs' own SIGKILL (75 s) is beyond the 70 s horizon.
    expect(times(base.events, 'container/signalled')).toEqual([45_000]);
    const p = prepare(
      { files: [SCENARIO], assertions: ['no SIGKILL'], seed: 1, runs: 1 },
      parseAssertions(['no SIGKILL']),
      {
        readFile: (f) => readFileSync(f, 'utf8'),
        resolve: (from, rel) => (isAbsolute(rel) ? rel : join(dirname(from), rel)),
      },
    );
    expect(p.points.map((x) => x.key)).toEqual(['containers[0].program[0].sleep']);
    expect(judge(p, [minimalStartup - 1]).failures).toEqual([]);
    expect(judge(p, [minimalStartup]).failures).toEqual([
      {
        assertion: 'no SIGKILL',
        at: sigkillAt,
        message: 'SIGKILL sent to container liveness of pod default/liveness-exec',
      },
    ]);
    expect(judge(p, [60_000]).failures.map((f) => f.at)).toEqual([sigkillAt]);
  });

  it('infers the container once for all runs, and no run writes into the shared inference', () => {
    const load = {
      readFile: (f: string) => readFileSync(f, 'utf8'),
      resolve: (from: string, rel: string) => (isAbsolute(rel) ? rel : join(dirname(from), rel)),
    };
    const spec = { files: [SCENARIO], assertions: ['no SIGKILL'], seed: 1, runs: 1 };
    const shared = prepare(spec, parseAssertions(spec.assertions), load);
    judge(shared, [0]);
    expect(shared.inferred.size).toBe(1);
    const [inferred] = [...shared.inferred.values()];
    // A write into a frozen object throws in module code: a run that wrote into the shared
    // inference would fail here instead of leaking into the runs after it.
    deepFreeze(inferred);
    for (const startup of [0, minimalStartup - 1, minimalStartup, 60_000]) {
      const fresh = prepare(spec, parseAssertions(spec.assertions), load);
      expect(judge(shared, [startup])).toEqual(judge(fresh, [startup]));
    }
    expect([...shared.inferred.values()]).toEqual([inferred]);
  });

  const trace = join(dir, 'ce.jsonl');
  let sequential: { code: number; out: string; err: string };

  it('finds a counterexample and shrinks it to the smallest start-up that fails', async () => {
    sequential = await check([SCENARIO, ...NO_SIGKILL, ...RUNS, '--counterexample', trace]);
    expect(sequential.code).toBe(1);
    const lines = sequential.out.split('\n');
    expect(lines[0]).toBe(
      `counterexample: 'no SIGKILL' failed at 50s: SIGKILL sent to container liveness of pod default/liveness-exec`,
    );
    expect(lines[1]).toMatch(/^found at run \d+ of 60 \(seed 1\), shrunk in \d+ steps? to:$/);
    expect(sequential.out).toContain(`        - sleep: 18.501s\n`);
    expect(sequential.out).toContain(
      `  # containers[0].program[0].sleep: 18.501s (from 0s..1m0s)\n`,
    );
    expect(sequential.out).toContain(
      `reproduce: podsim check ${SCENARIO} --assert 'no SIGKILL' --seed 1 --runs 60\n`,
    );
    expect(existsSync(trace)).toBe(true);
  });

  it('writes a trace that replays and that explain reads', async () => {
    const verify = await cli(['replay', trace, '--verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^identical/);
    const header = JSON.parse(readFileSync(trace, 'utf8').split('\n')[0]!) as {
      inputs: Array<{ path: string; text: string }>;
    };
    expect(header.inputs[0]!.text).toContain('- sleep: 18.501s # start-up');
    const explain = await cli(['explain', trace, '--at', '50s']);
    expect(explain.code).toBe(0);
    expect(explain.out).toContain(
      'liveness probe failed 3/3 (failureThreshold 3, period 5s) at 10s, 15s, 20s',
    );
    expect(explain.out).toContain('SIGKILL at 50s (grace 30s)');
    const html = join(dir, 'timeline.html');
    const timeline = await cli(['timeline', trace, '-o', html]);
    expect(timeline.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('liveness');
  });

  it('does not overwrite the trace without --force, and says so', async () => {
    const before = readFileSync(trace, 'utf8');
    const again = await check([SCENARIO, ...NO_SIGKILL, ...RUNS, '--counterexample', trace]);
    expect(again.code).toBe(1);
    // The same result; the trace line no longer points at a file this check did not write (it may
    // be another check's: every example's scenario is scenario.yaml).
    const lines = sequential.out.trimEnd().split('\n');
    expect(again.out).toBe(
      [
        ...lines.slice(0, -1),
        `trace: not written: ${trace} exists (from an earlier check?); run again with --force to replace it, or --counterexample FILE`,
        '',
      ].join('\n'),
    );
    expect(lines.at(-1)).toMatch(/^trace: /);
    expect(again.err).toContain(
      `podsim: the counterexample's trace was not written: ${trace} exists; pass --force`,
    );
    expect(readFileSync(trace, 'utf8')).toBe(before);
  });

  it('prints the same with --jobs 2', async () => {
    const parallel = await check([
      SCENARIO,
      ...NO_SIGKILL,
      ...RUNS,
      '--counterexample',
      trace,
      '--force',
      '--jobs',
      '2',
    ]);
    expect(parallel.code).toBe(1);
    expect(parallel.out).toBe(sequential.out);
  });

  it('prints the same from two shards merged, whatever their order', async () => {
    for (const i of [0, 1]) {
      const s = await check([
        SCENARIO,
        ...NO_SIGKILL,
        ...RUNS,
        '--shard',
        `${i}/2`,
        '--out',
        join(dir, `s${i}.json`),
      ]);
      expect(s.code).toBe(0);
    }
    const merged = await check([
      '--merge',
      join(dir, 's1.json'),
      join(dir, 's0.json'),
      '--counterexample',
      trace,
      '--force',
    ]);
    expect(merged.code).toBe(1);
    expect(merged.out).toBe(sequential.out);
    const missing = await check(['--merge', join(dir, 's1.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('podsim: incomplete: missing shard 0/2 of 2\n');
  });

  it('passes an assertion that holds for every start-up, sharded or not', async () => {
    // No readiness probe: Ready as soon as the container starts (1.5 s), whatever it does next.
    const ready = ['--assert', 'ready within 10s', '--runs', '40', '--seed', '7'];
    const r = await check([SCENARIO, ...ready]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('passed 40 runs (seed 7)\n');
    const files = [0, 1, 2].map((i) => join(dir, `ready-${i}.json`));
    for (const [i, f] of files.entries()) {
      const s = await check([SCENARIO, ...ready, '--shard', `${i}/3`, '--out', f]);
      // Runs i, i+3, …: 14, 13 and 13 of the 40.
      expect(s.out).toBe(
        `shard ${i}/3: passed ${i === 0 ? 14 : 13} runs; merge with podsim check --merge\n`,
      );
    }
    const merged = await check(['--merge', ...files]);
    expect([merged.code, merged.out]).toEqual([0, r.out]);
  });
});

describe('podsim check of a scenario without ranges', () => {
  const plain = 'traces/liveness-exec/scenario.yaml';
  it('simulates the one run once and reports it as every run', async () => {
    const note =
      'podsim: note: the scenario has no ranges or choices: every run is the same, so podsim simulates it once\n';
    const failing = join(dir, 'plain.jsonl');
    const f = await check([plain, ...NO_SIGKILL, '--counterexample', failing]);
    expect(f.code).toBe(1);
    expect(f.err).toContain(note);
    const lines = f.out.split('\n');
    // The unmodified pod: the probe fails at 35, 40 and 45 s; PID 1 ignores SIGTERM: SIGKILL at 75 s.
    expect(lines.slice(0, 3)).toEqual([
      `counterexample: 'no SIGKILL' failed at 1m15s: SIGKILL sent to container liveness of pod default/liveness-exec`,
      'found at run 1 of 100 (seed 1), shrunk in 0 steps to:',
      '  (the scenario has no ranges)',
    ]);
    expect((await cli(['replay', failing, '--verify'])).code).toBe(0);
    const p = await check([plain, '--assert', 'restarts <= 100', '--runs', '30']);
    expect([p.code, p.out]).toEqual([0, 'passed 30 runs (seed 1)\n']);
    expect(p.err).toContain(note);
    const shard = await check([
      plain,
      '--assert',
      'restarts <= 100',
      '--shard',
      '1/3',
      '--out',
      join(dir, 'plain-1.json'),
    ]);
    expect(shard.out).toBe('shard 1/3: passed 33 runs; merge with podsim check --merge\n');
  });
});

describe('podsim check usage errors exit 2', () => {
  it('lists the grammar for an unknown assertion', async () => {
    const r = await check([SCENARIO, '--assert', 'always happy']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--assert "always happy": not an assertion podsim knows');
    expect(r.err).toContain('[pod/NAME] ready within DURATION');
    expect(r.err).toContain('endpoints svc/NAME never empty [after DURATION]');
  });

  it('refuses a bad --shard, and --shard without --out', async () => {
    for (const bad of ['2/2', '1', 'a/b', '0/0']) {
      const r = await check([
        SCENARIO,
        ...NO_SIGKILL,
        '--shard',
        bad,
        '--out',
        join(dir, 'x.json'),
      ]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        `podsim: --shard ${JSON.stringify(bad)}: expected i/N with 0 <= i < N, e.g. --shard 0/4\n`,
      );
    }
    const r = await check([SCENARIO, ...NO_SIGKILL, '--shard', '0/2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--shard needs --out FILE');
  });

  it('refuses options --merge does not take, and --counterexample with --shard', async () => {
    const m = await check([
      '--merge',
      join(dir, 's0.json'),
      '--runs',
      '5',
      '--assert',
      'no SIGKILL',
    ]);
    expect(m.code).toBe(2);
    expect(m.err).toBe(
      'podsim: --merge takes shard files only (the check they ran is recorded in them), not --assert, --runs\n',
    );
    const s = await check([
      SCENARIO,
      ...NO_SIGKILL,
      '--shard',
      '0/2',
      '--out',
      join(dir, 'y.json'),
      '--counterexample',
      'x.jsonl',
    ]);
    expect(s.code).toBe(2);
    expect(s.err).toContain('--counterexample goes with --merge');
  });

  it('locates a missing scenario file', async () => {
    const r = await check(['nope/check.yaml', ...NO_SIGKILL]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nope/check.yaml:1:1: cannot read file: no such file\n');
  });

  it('refuses shard files of different checks', async () => {
    const a = join(dir, 'a0.json');
    const b = join(dir, 'b1.json');
    await check([SCENARIO, ...NO_SIGKILL, '--runs', '4', '--shard', '0/2', '--out', a]);
    await check([SCENARIO, ...NO_SIGKILL, '--runs', '5', '--shard', '1/2', '--out', b]);
    const r = await check(['--merge', a, b]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('a shard of another check');
  });
});

describe('progress bar', () => {
  it('is drawn only through io.progress (a terminal, not CI), at most every 100 ms', async () => {
    let drawn = '';
    let err = '';
    let clock = 0;
    const code = await main(['check', SCENARIO, '--assert', 'ready within 10s', '--runs', '20'], {
      out: () => undefined,
      err: (t) => void (err += t),
      readFile: (f) => readFileSync(f, 'utf8'),
      exists: existsSync,
      isTTY: false,
      // Each run advances the display clock 30 ms: a redraw every fourth run at most.
      progress: { write: (t) => void (drawn += t), now: () => (clock += 30) },
    });
    expect(code).toBe(0);
    const frames = drawn.split('\r').filter((f) => f.startsWith('['));
    expect(frames.length).toBeLessThanOrEqual(Math.ceil((20 * 30) / 100) + 1);
    expect(frames.at(-1)).toMatch(/^\[#+\.*\] \d+\/20 runs$/);
    expect(drawn.endsWith('\r')).toBe(true); // cleared at the end
    expect(err).not.toContain('\r');
    // Without io.progress (a pipe, or CI set): nothing but notes on stderr.
    const piped = await cli(['check', SCENARIO, '--assert', 'ready within 10s', '--runs', '20']);
    expect(piped.err).not.toContain('\r');
  });
});

describe('podsim check on delete-graceful with a shutdown of 0–45 s, exit code 0 or 143', () => {
  it('shrinks to the grace period and the first choice', async () => {
    // Deleted at 30 s with the default grace period (30 s): SIGKILL at 60 s reaches a process
    // that has not exited by then; an exit due at the same instant loses the tie to SIGKILL.
    const s = 'traces/delete-graceful/check-sigterm.yaml';
    const inputs = loadFiles([s]);
    const deletion = inputs.scenario.actions.find((a) => a.kind === 'delete')!.at;
    const pods = inputs.initial.map((o) => o.object as Pod);
    const grace =
      (pods.find((p) => p.metadata?.name === 'graceful')!.spec!.terminationGracePeriodSeconds ??
        30) * 1000;
    const r = await check([
      s,
      '--assert',
      'pod/graceful no SIGKILL',
      '--counterexample',
      join(dir, 'g.jsonl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe(
      `counterexample: 'pod/graceful no SIGKILL' failed at ${goDuration(deletion + grace)}: SIGKILL sent to container app of pod default/graceful`,
    );
    expect(r.out).toContain(
      `  # containers[0].onSigterm.exitAfter: ${grace / 1000}s (from 0s..45s)\n`,
    );
    expect(r.out).toContain('  # containers[0].onSigterm.code: 0 (from oneOf [0, 143])\n');
  });
});

describe('podsim check on probe-timeout with /index.html answering after 0–3 s', () => {
  it('shrinks to the slowest answer the 1 s probe timeout does not tolerate', async () => {
    // The liveness probe's timeoutSeconds is 1 (the default): podsim counts an answer after
    // exactly 1 s as in time, one a millisecond slower times out; three
    // such attempts (ticks of 63, 66, 69 s) kill the container at 70 s, and it restarts at once.
    const r = await check([
      'traces/probe-timeout/check-latency.yaml',
      '--assert',
      'restarts <= 0',
      '--counterexample',
      join(dir, 'latency.jsonl'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')[0]).toBe(
      "counterexample: 'restarts <= 0' failed at 1m10s: pod default/liveness-httpget-pod has 1 restarts",
    );
    expect(r.out).toContain(
      '  # containers[0].http.routes[0].status[1].duration: 1.001s (from 0s..3s)\n',
    );
  });
});

describe('an assertion naming a pod or Service the inputs do not have', () => {
  // It would pass every run (no pod matches, nothing can fail), or fail every run at 0 s.
  const fails = async (scenario: string, assertion: string): Promise<string> => {
    const r = await cli(['check', scenario, '--assert', assertion, '--runs', '1']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    return r.err.trim().split('\n').at(-1)!;
  };

  it('is refused, listing the pods and Services there are', async () => {
    expect(await fails(SCENARIO, 'pod/livenes-exec no SIGKILL')).toBe(
      'podsim: --assert "pod/livenes-exec no SIGKILL": no pod of the inputs is named livenes-exec (pods: liveness-exec); a prefix ends in *',
    );
    expect(await fails(SCENARIO, 'endpoints svc/web never empty')).toBe(
      'podsim: --assert "endpoints svc/web never empty": no Service "web" in namespace "default" in the inputs (Services: none)',
    );
    // A Deployment's pods are web-<hash>-<suffix>: "web" alone is no pod's name.
    expect(await fails('traces/node-lost/scenario.yaml', 'pod/web ready within 60s')).toBe(
      'podsim: --assert "pod/web ready within 60s": no pod of the inputs is named web (pods: web-…); a prefix ends in *',
    );
  });

  it('accepts a prefix or a generated name of a workload’s pods', async () => {
    for (const a of ['pod/web* no SIGKILL', 'pod/web-5c445fcb8f-hrf54 no SIGKILL']) {
      const r = await cli([
        'check',
        'traces/node-lost/scenario.yaml',
        '--assert',
        a,
        '--runs',
        '1',
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toBe('passed 1 run (seed 1)\n');
    }
  });
});
