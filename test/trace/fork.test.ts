/**
 * `podsim fork`: a run resumed at T with changed inputs. The laws: a fork that changes nothing
 * continues exactly as the recorded run; re-planning every probe worker and process from the state
 * at T reproduces the recorded schedule; a change that only concerns the future equals a run that
 * had it from the start; and a forked trace is self-contained (replay --verify, diff, fork again).
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/run.js';
import type { ForkOverlay } from '../../src/engine/fork.js';
import type { SimEvent } from '../../src/events/catalog.js';
import {
  compareForked,
  forkInstants,
  noChange,
  replanEverything,
  runForked,
} from '../../src/check/invariants/resume.js';
import { cli, examplePath, loadFiles, runFiles } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'podsim-fork-'));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** The forked run against a reference, event for event (fork-caused causes aside). */
function expectSameRun(forked: readonly SimEvent[], reference: readonly SimEvent[], what: string) {
  expect(compareForked(forked, reference, what)).toEqual([]);
}

const examples = readdirSync('traces').filter((d) => existsSync(examplePath(d)));

describe('a fork that changes nothing', () => {
  it.each(examples)('continues %s exactly as recorded, whatever the instant', (name) => {
    const recorded = runFiles([examplePath(name)]);
    for (const at of forkInstants(recorded.events)) {
      const forked = runForked(recorded.inputs, [{ overlay: noChange(at) }]);
      expect(forked.find((e) => e.type === 'cluster/forked')!.at).toBe(at);
      expect(forked.filter((e) => e.type === 'pod/inputsChanged')).toEqual([]);
      expectSameRun(forked, recorded.events, `${name} forked at ${at} ms`);
    }
  });
});

describe('re-planning from the state at the fork instant', () => {
  // Every container "changes" in a way no probe or process can see: each live pod gets
  // pod/inputsChanged, its probe workers re-plan from probeStart and the pod's state, and each
  // running process's next outcome is recomputed. The run must go on exactly as recorded.
  it.each(examples)('reproduces the recorded schedule of %s', (name) => {
    const recorded = runFiles([examplePath(name)]);
    for (const at of forkInstants(recorded.events)) {
      const forked = runForked(recorded.inputs, [
        { overlay: noChange(at), factory: replanEverything },
      ]);
      expect(forked.some((e) => e.type === 'pod/inputsChanged') || at === 0).toBe(true);
      expectSameRun(forked, recorded.events, `${name} forked at ${at} ms`);
    }
  });
});

describe('a change that only concerns the future', () => {
  const pod = file(
    'p.yaml',
    `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: busybox
      command: [sh, -c, 'sleep 60; exit 1']
      readinessProbe:
        httpGet: {path: /ready, port: 8080}
        periodSeconds: 5
`,
  );
  const scenario = (program: string, routes: string): string =>
    file(
      `s-${program.length}-${routes.length}.yaml`,
      `apiVersion: podsim/v1alpha1
kind: Scenario
until: 5m
manifests: [p.yaml]
nodes: [{name: node-1, images: [busybox]}]
containers:
  - container: app
    ${program}
    ports: [8080]
    http:
      routes:
        - path: /ready
          status: ${routes}
`,
    );
  const before = scenario(
    "command: 'sleep 60; exit 1'",
    '[{from: 0s, code: 200}, {from: 50s, code: 500}]',
  );
  const after = scenario(
    "command: 'sleep 90; exit 2'",
    '[{from: 0s, code: 200}, {from: 40s, code: 200}, {from: 70s, code: 503}]',
  );
  void pod;

  it('equals a run that had it from the start (program and probe answers after 30 s)', () => {
    const base = loadFiles([before]);
    const whole = loadFiles([after]);
    const overlay: ForkOverlay = {
      ...noChange(30_000),
      behaviours: whole.scenario.behaviours,
    };
    const forked = runForked(base, [{ overlay }]);
    const changed = forked.filter((e) => e.type === 'pod/inputsChanged');
    expect(changed.map((e) => e.payload)).toEqual([{ containers: ['app'] }]);
    const fromStart = simulate(whole, {}).state;
    const expected: SimEvent[] = [];
    simulate(whole, { onEvent: (ev) => expected.push(ev) });
    expectSameRun(forked, expected, 'fork at 30 s vs from the start');
    expect(fromStart.pods.get('default/p')!.pod.status!.containerStatuses![0]!.restartCount).toBe(
      2,
    );
    // The first exit moved from 60 s after start to 90 s, with the new code.
    const exit = forked.find((e) => e.type === 'container/exited')!;
    const started = forked.find((e) => e.type === 'container/started')!;
    expect(exit.at - started.at).toBe(90_000);
    expect((exit.payload as { exitCode: number }).exitCode).toBe(2);
  });

  it('exits at the fork instant when the new program ends before it', () => {
    const base = loadFiles([before]);
    const short = loadFiles([scenario("command: 'sleep 10; exit 4'", '[{from: 0s, code: 200}]')])
      .scenario.behaviours;
    const forked = runForked(base, [{ overlay: { ...noChange(30_000), behaviours: short } }]);
    const exit = forked.find((e) => e.type === 'container/exited')!;
    expect(exit.at).toBe(30_000);
    expect((exit.payload as { exitCode: number }).exitCode).toBe(4);
    expect(exit.cause).toBe(forked.find((e) => e.type === 'pod/inputsChanged')!.seq);
  });
});

describe('podsim fork', () => {
  const liveness = examplePath('liveness-exec');
  const recorded = join(dir, 'le.jsonl');
  const handles = file(
    'sigterm.yaml',
    `apiVersion: podsim/v1alpha1
kind: Scenario
containers:
  - pod: liveness-exec
    onSigterm: { exitAfter: 0s, code: 143 }
`,
  );

  it('answers "what if the app handled SIGTERM" from 40 s on: no SIGKILL, restarts 30 s sooner', async () => {
    expect((await cli(['run', liveness, '--trace', recorded, '--until', '3m'])).code).toBe(0);
    const out = join(dir, 'fork.jsonl');
    const r = await cli(['fork', recorded, '--at', '40s', '--set', handles, '--trace', out]);
    expect(r.code).toBe(0);
    // A watch started at 40 s lists the pod, then its changes.
    expect(r.out.split('\n')[1]).toMatch(/^liveness-exec\s+1\/1\s+Running\s+0\s+40s$/);
    expect(r.err).toContain('forked');
    const events = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as SimEvent);
    const signals = events.filter((e) => e.type === 'container/signalled');
    expect(signals.every((e) => (e.payload as { signal: string }).signal === 'SIGTERM')).toBe(true);
    // Recorded: the third failure at 45 s kills, sh ignores SIGTERM, SIGKILL 30 s (grace) later.
    // Forked: the same SIGTERM at 45 s ends the process at once (exitAfter 0 s, code 143).
    const exits = events.filter((e) => e.type === 'container/exited');
    expect(exits[0]!.at).toBe(45_000);
    expect((exits[0]!.payload as { exitCode: number }).exitCode).toBe(143);
    const verify = await cli(['replay', out, '--verify']);
    expect(verify.out).toMatch(/^identical/);
    const diff = await cli(['diff', recorded, out]);
    expect(diff.code).toBe(1);
    expect(diff.out).toMatch(/SIGKILL\s+1m15s\s+-\s+only A/);
    expect(diff.out).toMatch(/liveness restart 1\s+1m15.5s\s+45.5s\s+-30s/);
  });

  it('forks a forked trace again, keeping the earlier forks that precede the new instant', async () => {
    const first = join(dir, 'f1.jsonl');
    await cli(['run', liveness, '--trace', recorded, '--until', '3m', '--force']);
    await cli(['fork', recorded, '--at', '40s', '--set', handles, '--trace', first, '--force']);
    const later = join(dir, 'f2.jsonl');
    const slow = file(
      'slow.yaml',
      `apiVersion: podsim/v1alpha1
kind: Scenario
containers:
  - pod: liveness-exec
    onSigterm: { exitAfter: 5s, code: 0 }
`,
    );
    expect((await cli(['fork', first, '--at', '1m', '--set', slow, '--trace', later])).code).toBe(
      0,
    );
    const header = JSON.parse(readFileSync(later, 'utf8').split('\n')[0]!) as {
      forks: Array<{ atMs: number }>;
    };
    expect(header.forks.map((f) => f.atMs)).toEqual([40_000, 60_000]);
    expect((await cli(['replay', later, '--verify'])).out).toMatch(/^identical/);
    const earlier = join(dir, 'f3.jsonl');
    await cli(['fork', later, '--at', '20s', '--trace', earlier]);
    const h3 = JSON.parse(readFileSync(earlier, 'utf8').split('\n')[0]!) as {
      forks: Array<{ atMs: number }>;
    };
    expect(h3.forks.map((f) => f.atMs)).toEqual([20_000]);
  });

  it('applies manifests given with --set at the fork instant', async () => {
    const extra = file(
      'extra.yaml',
      `apiVersion: v1
kind: Pod
metadata: {name: extra}
spec:
  containers: [{name: c, image: registry.k8s.io/busybox, command: [sleep, '3600']}]
`,
    );
    const r = await cli(['fork', recorded, '--at', '1m', '--set', extra, '--time']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\s+60s\s+extra\s+0\/1\s+Pending\s+0\s+0s$/m);
  });

  it('refuses what a fork cannot change, and actions before the fork, with their location', async () => {
    const bad = file(
      'bad.yaml',
      `apiVersion: podsim/v1alpha1
kind: Scenario
seed: 7
nodes: [{name: n2}]
actions:
  - at: 10s
    delete: pod/liveness-exec
`,
    );
    const r = await cli(['fork', recorded, '--at', '40s', '--set', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:3:1: seed: Forbidden: cannot be changed by a fork`);
    expect(r.err).toContain(`${bad}:4:1: nodes: Forbidden: cannot be changed by a fork`);
    expect(r.err).toMatch(
      /bad\.yaml:6:\d+: actions\[0\]\.at: Invalid value: "10s": a fork adds actions at or after its instant \(40s\)/,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('explains usage errors in one line', async () => {
    const noAt = await cli(['fork', recorded, '--set', handles]);
    expect(noAt.code).toBe(2);
    expect(noAt.err).toContain('--at');
    const late = await cli(['fork', recorded, '--at', '10m']);
    expect(late.code).toBe(2);
    expect(late.err).toContain('after the end of the trace (3m)');
    const notTrace = await cli(['fork', handles, '--at', '1s']);
    expect(notTrace.code).toBe(2);
    expect(notTrace.err).toContain('is not a podsim trace');
  });

  it('refuses a trace this podsim does not reproduce up to the fork instant, naming the line', async () => {
    const text = readFileSync(recorded, 'utf8').split('\n');
    // The recorded SIGTERM of the first kill claims 46 s instead of 45 s.
    const i = text.findIndex((l) => l.includes('"container/signalled"'));
    text[i] = text[i]!.replace('"at":45000', '"at":46000');
    const tampered = file('tampered.jsonl', text.join('\n'));
    const r = await cli(['fork', tampered, '--at', '1m']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`tampered\\.jsonl:${i + 1}: .*does not reproduce`));
  });
});
