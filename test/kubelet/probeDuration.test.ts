/**
 * A probe attempt takes time: worker.go doProbe runs it synchronously and records its result when
 * it returns, so the result, the Unhealthy event and a liveness kill come that long after the tick,
 * an exec that runs past timeoutSeconds fails at the timeout (remote_runtime.go ExecSync:
 * `command %q timed out`), a gRPC dial to a port nobody listens on fails at the timeout
 * (grpc.go dials WithBlock), ticks that come while an attempt runs wait for it, and an exec
 * attempt into a container that exits meanwhile is thrown away, an httpGet attempt fails then
 * with EOF.
 */
import { describe, expect, it } from 'vitest';
import {
  compareForked,
  noChange,
  replanEverything,
  runForked,
} from '../../src/check/invariants/resume.js';
import { grpcRetriesMs } from '../../src/kubelet/probeEval.js';
import { loadInline, runInline } from '../helpers/inline.js';

const pod = (
  probe: string,
  { period = 10, timeout = 5, command = 'sleep 600', kind = 'livenessProbe', port = 0 } = {},
): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "${command}"]
${port ? `    ports: [{containerPort: ${port}}]\n` : ''}    ${kind}:
      ${probe}
      periodSeconds: ${period}
      timeoutSeconds: ${timeout}
      failureThreshold: 3
`;

const httpPod = (kind: string, timeout: number, extra = ''): string =>
  pod('httpGet: {path: /healthz, port: 8080}', { kind, timeout, port: 8080 }) + extra;

const routes = (status: string, until = '90s'): string => `apiVersion: podsim/v1alpha1
kind: Scenario
until: ${until}
nodes: [{name: node-1, images: ["busybox:1.36"]}]
containers:
- container: app
  ports: [8080]
  http:
    routes:
    - path: /healthz
      status: ${status}
`;

const EXEC = 'exec: {command: [sh, -c, check]}';

const scenario = (exec: string, until = '90s'): string => `apiVersion: podsim/v1alpha1
kind: Scenario
until: ${until}
nodes: [{name: node-1, images: ["busybox:1.36"]}]
containers:
- container: app
  exec:
  - ${exec}
`;

interface Seen {
  results: string[];
  unhealthy: { at: number; message: string }[];
  killing: number[];
  started: number[];
  exited: number[];
}

function run(podYaml: string, scenarioYaml: string): Seen {
  const { events } = runInline({ 'p.yaml': podYaml, 's.yaml': scenarioYaml });
  const notes = events.flatMap((e) => (e.notes ?? []).map((n) => ({ at: e.at, ...n })));
  return {
    results: events
      .filter((e) => e.type === 'probe/result')
      .map((e) => `${e.at}:${(e.payload as { result: string }).result}`),
    unhealthy: notes
      .filter((n) => n.reason === 'Unhealthy')
      .map((n) => ({ at: n.at, message: n.message })),
    killing: notes.filter((n) => n.reason === 'Killing').map((n) => n.at),
    started: events.filter((e) => e.type === 'container/started').map((e) => e.at),
    exited: events.filter((e) => e.type === 'container/exited').map((e) => e.at),
  };
}

const failing = (duration: string): string =>
  `{command: check, exitCode: [{from: 0s, code: 1}], duration: ${duration}, output: bad}`;

/**
 * podsim fork's law (check/invariants/resume.ts): forked at every instant of the run and a
 * millisecond after it, with every worker re-planned, the run continues as it was.
 */
function expectForksContinue(podYaml: string, scenarioYaml: string, label = ''): void {
  const files = { 'p.yaml': podYaml, 's.yaml': scenarioYaml };
  const inputs = loadInline(files);
  const { events } = runInline(files);
  for (const at of [...new Set(events.map((e) => e.at))].flatMap((t) => [t, t + 1])) {
    const forked = runForked(inputs, [{ overlay: noChange(at), factory: replanEverything }]);
    expect(compareForked(forked, events, `${label}fork at ${at} ms`)).toEqual([]);
  }
}

describe('an exec probe that takes time', () => {
  const instant = run(pod(EXEC), scenario(failing('0ms')));

  it('reports each result, Unhealthy event and the kill it leads to that long after the tick', () => {
    const slow = run(pod(EXEC), scenario(failing('2s')));
    expect(instant.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([10_000, 20_000, 30_000]);
    expect(slow.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([12_000, 22_000, 32_000]);
    expect(slow.unhealthy[0]!.message).toBe('Liveness probe failed: bad');
    expect(instant.killing[0]).toBe(30_000);
    expect(slow.killing[0]).toBe(32_000);
    // The restarted container's ticks keep the ticker's instants; each result is 2 s after one.
    expect(slow.started[1]).toBe(instant.started[1]! + 2_000);
    expect(slow.unhealthy[3]!.at).toBe(72_000);
  });

  it('fails at timeoutSeconds when it runs longer, with the runtime timeout as the output', () => {
    const slow = run(pod(EXEC), scenario(failing('7s')));
    expect(slow.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([15_000, 25_000, 35_000]);
    expect(slow.unhealthy[0]!.message).toBe(
      'Liveness probe failed: command "sh -c check" timed out',
    );
    expect(slow.killing[0]).toBe(35_000);
  });

  it('probes again as soon as it returns when it outlasts the period (the ticker holds one tick)', () => {
    // Ticks every 2 s from 0; each attempt takes 3 s, so attempts run back to back from 2 s on:
    // 2, 5, …, 20, 23. The command fails from 20 s into the container (started at 1 s), so the
    // attempt begun at 23 s is the first to fail; it returns at 26 s.
    const exec = `{command: check, exitCode: [{from: 0s, code: 0}, {from: 20s, code: 1}], duration: 3s, output: bad}`;
    const slow = run(pod(EXEC, { period: 2 }), scenario(exec));
    expect(slow.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([26_000, 29_000, 32_000]);
    expect(slow.killing[0]).toBe(32_000);
  });

  it('is thrown away when its container exits before it returns', () => {
    // The container exits every 10 s of running; readiness ticks every 5 s from 0, each attempt
    // taking 3 s. Attempts begun at 10 s and 20 s, 35 s and 40 s span an exit.
    const p = pod(EXEC, { period: 5, timeout: 30, command: 'sleep 10', kind: 'readinessProbe' });
    const noTime = run(p, scenario(failing('0ms'), '45s'));
    expect(noTime.started).toEqual([1_000, 11_000, 31_000]);
    expect(noTime.results).toEqual([
      '5000:failure',
      '10000:failure',
      '15000:failure',
      '20000:failure',
      '35000:failure',
      '40000:failure',
    ]);
    const slow = run(p, scenario(failing('3s'), '45s'));
    expect(slow.started).toEqual(noTime.started);
    expect(slow.results).toEqual(['8000:failure', '18000:failure', '38000:failure']);
  });

  it('frees its worker when its container exits: ticks no longer wait for the attempt', () => {
    // The container exits after 20 s of running and is restarted at once; readiness ticks every
    // 5 s from 0 and each attempt takes 9 s. The attempt begun at 14 s (by the tick of 10 s that
    // waited) ends with the exit at 21 s, so the tick of 25 s probes the new container at once; had
    // the worker stayed busy until 23 s, the next attempt would have begun then and returned at 32 s.
    const p = pod(EXEC, { period: 5, timeout: 30, command: 'sleep 20', kind: 'readinessProbe' });
    const slow = run(p, scenario(failing('9s'), '40s'));
    expect(slow.started).toEqual([1_000, 21_000]);
    expect(slow.results).toEqual(['14000:failure', '34000:failure']);
  });

  it('re-plans a worker woken while busy when its attempt ends, with the tick the ticker held', () => {
    // Readiness ticks every 5 s; attempts take 9 s: 5–14 s, then 14–23 s (the tick of 10 s
    // waited). An exec at 21 s wakes the pod's workers after the busy worker's last tick (20 s)
    // passed: the ticker holds that tick, so the worker probes again as soon as it is free, at
    // 23 s, and that attempt returns at 32 s (not at 34 s, after the next tick of 25 s).
    const p = pod(EXEC, { period: 5, timeout: 30, kind: 'readinessProbe' });
    const action = `actions:
- at: 21s
  exec: {pod: p, container: app, command: [touch, /tmp/x]}
`;
    const slow = run(p, scenario(failing('9s'), '40s') + action);
    expect(slow.results).toEqual(['14000:failure', '23000:failure', '32000:failure']);
    // Woken before the ticker's instant passed (at 19 s), the worker goes on from there.
    const early = run(p, scenario(failing('9s'), '40s') + action.replace('21s', '19s'));
    expect(early.results).toEqual(slow.results);
  });

  it("probes again when a startup attempt returns, though its own result woke the pod's workers", () => {
    // Startup ticks every 2 s from 0; the container starts at 1 s, so attempts of 3 s run back to
    // back from 2 s on: 2–5, 5–8, 8–11. Each startup result wakes the pod's workers; the tick the
    // ticker held (4 s, 6 s, …) still runs as the attempt returns, not at the next instant of the
    // grid (which would give 5, 9, 13). The third failure (failureThreshold 3) kills at 11 s.
    const slow = run(
      pod(EXEC, { period: 2, timeout: 30, kind: 'startupProbe' }),
      scenario(failing('3s'), '20s'),
    );
    expect(slow.unhealthy.map((u) => u.at)).toEqual([5_000, 8_000, 11_000]);
    expect(slow.unhealthy[0]!.message).toBe('Startup probe failed: bad');
    expect(slow.killing[0]).toBe(11_000);
  });

  it('records a liveness attempt under way when the pod is deleted, once it returns', () => {
    // worker.go doProbe skips liveness probes of a pod being deleted before it runs one; an
    // attempt already running (10–15 s) returns its failure and its Unhealthy event at 15 s. No
    // further attempt begins, and the failure kills nothing, even at failureThreshold: the pod
    // is already stopping (its grace period of 30 s runs out at 42 s).
    const sigtermIgnored = `${scenario(failing('5s'), '60s')}  onSigterm: ignore
actions:
- {at: 12s, delete: pod/p}
`;
    for (const threshold of [3, 1]) {
      const p = pod(EXEC, { period: 10, timeout: 8 }).replace(
        'failureThreshold: 3',
        `failureThreshold: ${threshold}`,
      );
      const slow = run(p, sigtermIgnored);
      expect(slow.unhealthy).toEqual([{ at: 15_000, message: 'Liveness probe failed: bad' }]);
      expect(slow.killing).toEqual([12_000]);
      expect(slow.exited[0]).toBe(42_000);
    }
  });
});

describe('a tick replaced by a wake', () => {
  it('neither waits for an attempt under way nor adds one when it ends', () => {
    // Startup ticks every 6 s from 0; the container starts at 3 s and serves from 16 s into it,
    // when /healthz starts answering after 12 s (the probe allows 1 s). Each connection refused
    // (6, 12, 18 s) is a startup result, which wakes the pod's workers: the wake's tick replaces
    // the one the last tick planned. The attempts of 24 s and 30 s time out at 25 s and 31 s; the
    // fifth failure kills at 31 s. (The replaced tick of 24 s used to wait for the attempt and
    // then run as a tick the ticker held: a fifth attempt at 25 s, and the kill at 26 s.)
    const podYaml = httpPod('startupProbe', 1)
      .replace('periodSeconds: 10', 'periodSeconds: 6')
      .replace('failureThreshold: 3', 'failureThreshold: 5');
    const scenarioYaml = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 32s
nodes: [{name: node-1}]
containers:
- container: app
  program: [serve]
  startup: 16s
  ports: [8080]
  http: {routes: [{path: /healthz, status: [{from: 19s, code: 503, duration: 12s}]}]}
`;
    const seen = run(podYaml, scenarioYaml);
    expect(seen.started).toEqual([3_000]);
    expect(seen.unhealthy.map((u) => u.at)).toEqual([6_000, 12_000, 18_000, 25_000, 31_000]);
    expect(seen.killing).toEqual([31_000]);
  });
});

describe('a gRPC probe of a port nobody listens on', () => {
  it('fails when its dial times out, timeoutSeconds after the tick', () => {
    const slow = run(pod('grpc: {port: 9555}', { timeout: 4 }), scenario(failing('0ms')));
    expect(slow.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([14_000, 24_000, 34_000]);
    expect(slow.unhealthy[0]!.message).toMatch(/within 4s: context deadline exceeded$/);
    expect(slow.killing[0]).toBe(34_000);
  });

  // Readiness ticks every 7 s; each run of the container lasts 12 s; the second exit (25 s) is
  // restarted after a 10 s back-off, at 35 s. The dial begun at 21 s is under way at that exit.
  // A gRPC readiness probe of a port the container never listens on; every failure counts.
  const grpcReadiness = (period: number, timeout: number, command: string): string =>
    pod('grpc: {port: 9555}', { kind: 'readinessProbe', period, timeout, command }).replace(
      'failureThreshold: 3',
      'failureThreshold: 1',
    );
  const dialing = grpcReadiness(7, 5, 'sleep 12; exit 1');
  const noBehaviour = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 45s
nodes: [{name: node-1, images: ["busybox:1.36"]}]
`;

  it('goes on dialing when its container exits, and fails at its deadline', () => {
    // Nobody listens on the port after the exit either: the dial fails at 26 s, as planned.
    const seen = run(dialing, noBehaviour);
    expect(seen.exited).toEqual([13_000, 25_000]);
    expect(seen.started).toEqual([1_000, 13_000, 35_000]);
    // The third container's first tick (42 s) does not return before the end.
    expect(seen.results).toEqual(['12000:failure', '19000:failure', '26000:failure']);
  });

  it('keeps its worker busy through a restart: the dial is to the pod, not the container', () => {
    // Ticks every 2 s, dials of 3 s; the container runs 6 s (exits at 7 s and 13 s; the first
    // exit restarts it at once). The dial of 5–8 s outlives the restart at 7 s: its result is the
    // replaced container's and is thrown away, and the tick its ticker held runs at 8 s. The dial
    // of 11–14 s outlives the exit at 13 s and is recorded at its deadline.
    const restarting = grpcReadiness(2, 3, 'sleep 6');
    const until16s = noBehaviour.replace('until: 45s', 'until: 16s');
    const seen = run(restarting, until16s);
    expect(seen.exited).toEqual([7_000, 13_000]);
    expect(seen.results).toEqual(['5000:failure', '11000:failure', '14000:failure']);
    expectForksContinue(restarting, until16s);
  });

  it('continues the same when forked at any instant', () => {
    expectForksContinue(dialing, noBehaviour);
  });
});

describe('a gRPC probe of a port that starts listening during the dial', () => {
  // The app listens on 9555 from 11.5 s into its run (started at 1 s: from 12.5 s). The dial of
  // the tick of 10 s is refused, retried at 11 s (refused) and at 12.6 s, which connects.
  const twoContainers = (appCommand: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "${appCommand}"]
    readinessProbe: {grpc: {port: 9555}, periodSeconds: 10, timeoutSeconds: 5}
  - {name: other, image: busybox:1.36, command: [sh, -c, "sleep 600"]}
`;
  const startsListening = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 30s
nodes: [{name: node-1, images: ["busybox:1.36"]}]
containers:
- container: app
  ports: [9555]
  startup: 11500ms
  grpcServing: true
`;

  it("retries after grpc-go's connect back-off (1 s, then ×1.6) until the deadline", () => {
    expect(grpcRetriesMs(1_000)).toEqual([]);
    expect(grpcRetriesMs(5_000)).toEqual([1_000, 2_600]);
    expect(grpcRetriesMs(20_000)).toEqual([1_000, 2_600, 5_160, 9_256, 15_810]);
  });

  it('succeeds at the first retry after the port opens, within timeoutSeconds', () => {
    const seen = run(twoContainers('sleep 600'), startsListening);
    expect(seen.results).toEqual(['12600:success']);
  });

  it('fails at its deadline when the container exits before the retry reaches it', () => {
    // The app exits at 12 s (restartPolicy Never: it stays exited); nobody listens at 12.6 s.
    const seen = run(twoContainers('sleep 11'), startsListening);
    expect(seen.exited).toEqual([12_000]);
    expect(seen.results).toEqual(['15000:failure']);
    expect(seen.unhealthy[0]!.message).toBe(
      'Readiness probe failed: timeout: failed to connect service "10.244.0.2:9555" within 5s: context deadline exceeded',
    );
  });

  it('continues the same when forked at any instant', () => {
    expectForksContinue(twoContainers('sleep 600'), startsListening);
    expectForksContinue(twoContainers('sleep 11'), startsListening, 'exit: ');
  });
});

describe('an HTTP route that answers slowly', () => {
  it('fails a probe at timeoutSeconds once it answers later than that', () => {
    // From 25 s into the container (started at 1 s) /healthz takes 3 s; the probe allows 1 s.
    const slow = run(
      httpPod('livenessProbe', 1),
      routes('[{from: 0s, code: 200}, {from: 25s, code: 200, duration: 3s}]'),
    );
    expect(slow.unhealthy.map((u) => u.at).slice(0, 3)).toEqual([31_000, 41_000, 51_000]);
    expect(slow.unhealthy[0]!.message).toMatch(
      /^Liveness probe failed: Get "http:\/\/[\d.]+:8080\/healthz": context deadline exceeded \(Client\.Timeout exceeded while awaiting headers\)$/,
    );
    expect(slow.killing[0]).toBe(51_000);
  });

  it("keeps the ticker's instants after a tick that waited for an attempt", () => {
    // Readiness ticks every 5 s; until 10 s into the container (started at 1 s) /healthz answers
    // 500 after 7 s, then 200 at once. The attempt of 5 s returns its failure at 12 s; the tick of
    // 10 s, which waited, runs then and succeeds at once. The ticker's next instant is 15 s, not a
    // period after 12 s: successes 2 and 3 (successThreshold 3) come at 15 s and 20 s.
    const p = httpPod('readinessProbe', 30)
      .replace('failureThreshold: 3', 'failureThreshold: 3\n      successThreshold: 3')
      .replace('periodSeconds: 10', 'periodSeconds: 5');
    const slow = run(
      p,
      routes('[{from: 0s, code: 500, duration: 7s}, {from: 10s, code: 200}]', '22s'),
    );
    expect(slow.results).toEqual([
      '12000:failure',
      '12000:success',
      '15000:success',
      '20000:success',
    ]);
  });

  // The container exits 12 s into each run; /healthz answers after 4 s, the probe allows 5 s.
  const crashing = (kind: string): string =>
    pod('httpGet: {path: /healthz, port: 8080}', {
      kind,
      timeout: 5,
      port: 8080,
      command: 'sleep 12; exit 1',
    }).replace('failureThreshold: 3', 'failureThreshold: 1');
  const answersIn4s = routes('[{from: 0s, code: 200, duration: 4s}]', '30s');

  it('fails at the exit of its container with EOF, before the kubelet restarts it', () => {
    // The tick of 10 s asks; the container (started at 1 s) exits at 13 s and closes the
    // connection with the request read: the client reads EOF, 3 s into the attempt. The result
    // comes before the restart the exit leads to; the new container answers its tick of 20 s.
    const { events } = runInline({ 'p.yaml': crashing('readinessProbe'), 's.yaml': answersIn4s });
    const at13 = events.filter((e) => e.at === 13_000).map((e) => e.type);
    expect(at13).toEqual([
      'container/exited',
      'probe/result',
      'image/present',
      'container/created',
      'container/started',
    ]);
    const cut = events.find((e) => e.type === 'probe/result')!;
    expect(cut.payload).toMatchObject({
      probe: 'readiness',
      result: 'failure',
      tookMs: 3_000,
      output: 'Get "http://10.244.0.2:8080/healthz": EOF',
    });
    expect(cut.cause).toBe(events.find((e) => e.type === 'container/exited')!.seq);
    expect(cut.notes?.[0]?.message).toBe(
      'Readiness probe failed: Get "http://10.244.0.2:8080/healthz": EOF',
    );
    const seen = run(crashing('readinessProbe'), answersIn4s);
    expect(seen.results).toEqual(['13000:failure', '24000:success']);
  });

  it('kills nothing when a liveness attempt fails so: the container has already exited', () => {
    const seen = run(crashing('livenessProbe'), answersIn4s);
    expect(seen.unhealthy).toEqual([
      { at: 13_000, message: 'Liveness probe failed: Get "http://10.244.0.2:8080/healthz": EOF' },
    ]);
    expect(seen.killing).toEqual([]);
    expect(seen.started).toEqual([1_000, 13_000]);
  });

  it('continues the same when forked at any instant', () => {
    for (const kind of ['readinessProbe', 'livenessProbe'])
      expectForksContinue(crashing(kind), answersIn4s, `${kind}: `);
  });

  it('reports a readiness success when the answer comes, within timeoutSeconds', () => {
    const slow = run(
      httpPod('readinessProbe', 1),
      routes('[{from: 0s, code: 200, duration: 800ms}]', '30s'),
    );
    expect(slow.results[0]).toBe('10800:success');
  });

  it('makes an HTTP preStop hook last until the answer: the lifecycle client has no timeout', () => {
    const hookPod = httpPod(
      'readinessProbe',
      1,
      `    lifecycle:
      preStop:
        httpGet: {path: /drain, port: 8080}
`,
    );
    const scenario = `${routes('200', '60s')}    - path: /drain
      status: [{from: 0s, code: 200, duration: 5s}]
actions:
- {at: 20s, delete: pod/p}
`;
    const { events } = runInline({ 'p.yaml': hookPod, 's.yaml': scenario });
    const at = (type: string): number | undefined => events.find((e) => e.type === type)?.at;
    expect(at('hook/finished')).toBe(25_000);
    expect(events.find((e) => e.type === 'container/signalled')?.at).toBe(25_000);
  });
});

describe('a pod deleted and created again under the same name', () => {
  // The first pod's readiness attempt (10–30 s: /healthz answers after 20 s) is still under way
  // when that pod is deleted at 12 s; its container's SIGKILL at 14 s closes the connection, so
  // the attempt fails then (EOF). The second pod of the same name starts its workers at 15 s, its
  // container at 16 s, and its own attempt at 25 s. The first pod's attempt ends nothing of the
  // second's: its planned end at 30 s is thrown away, and the second pod's ticks are its own (its
  // probe epochs start at its pod/created seq, past any of the first pod's).
  const podYaml = httpPod('readinessProbe', 30).replace(
    'failureThreshold: 3',
    'failureThreshold: 1',
  );
  const scenarioYaml = `${routes('[{from: 0s, code: 500, duration: 20s}, {from: 12s, code: 200}]', '60s')}actions:
- {at: 12s, delete: pod/p, gracePeriod: 0}
- at: 15s
  apply:
${podYaml
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
`;

  it("gets only its own attempts: the first pod's end and ticks are thrown away", () => {
    const seen = run(podYaml, scenarioYaml);
    expect(seen.started).toEqual([1_000, 16_000]);
    // The attempt of 25 s returns its failure at 45 s; the tick of 35 s, which waited, succeeds.
    expect(seen.results).toEqual(['14000:failure', '45000:failure', '45000:success']);
    expect(seen.unhealthy[0]).toEqual({
      at: 14_000,
      message: 'Readiness probe failed: Get "http://10.244.0.2:8080/healthz": EOF',
    });
  });

  it('continues the same when forked at any instant', () => {
    expectForksContinue(podYaml, scenarioYaml);
  });
});

describe('a readiness trigger that comes while attempts outlast the period', () => {
  // The startup success at 2 s wakes the readiness worker (an attempt 2–5 s) and triggers it
  // (UpdatePodStatus). Every attempt takes 3 s, every 2 s a tick comes: at each end a tick waits
  // beside the trigger, and the kubelet's select takes either. podsim takes the one that came
  // first: the trigger (2 s) before the tick of 4 s, at the first end.
  const readiness = `${pod('httpGet: {path: /healthz, port: 8080}', {
    kind: 'readinessProbe',
    period: 2,
    port: 8080,
  })}    startupProbe: {exec: {command: [cat, /tmp/ready]}, periodSeconds: 1}\n`;
  const slowUntil10s = `${routes('[{from: 0s, code: 500, duration: 3s}, {from: 10s, code: 500}]', '12s')}actions:
- {at: 1500ms, exec: {pod: p, container: app, command: [touch, /tmp/ready]}}
`;

  it('runs at the first end of an attempt, not after the ticks that came later', () => {
    // Attempts: the tick of 2 s (2–5), the trigger (5–8), the tick of 4 s the ticker held (8–11;
    // those of 6 and 8 s found it full), the tick of 10 s (instant from 10 s on), then 12 s.
    // Always taking the tick ran the trigger only once an end found no tick waiting: a third
    // result at 11 s.
    const seen = run(readiness, slowUntil10s);
    expect(seen.results.filter((r) => r.endsWith(':failure'))).toEqual([
      '5000:failure',
      '8000:failure',
      '11000:failure',
      '11000:failure',
      '12000:failure',
    ]);
  });

  it('continues the same when forked at any instant', () => {
    expectForksContinue(readiness, slowUntil10s);
  });
});

describe('attempts under way at a fork', () => {
  // Whatever attempts are under way at the fork instant (expectForksContinue).
  const slowReadiness = pod(EXEC, {
    period: 2,
    timeout: 30,
    command: 'sleep 20',
    kind: 'readinessProbe',
  });
  // A sidecar whose postStart fails (it is killed but ignores SIGTERM), a startup success that
  // wakes the readiness worker and triggers it at once, readiness attempts that time out exactly
  // at the next tick, and a deletion that wakes the busy worker: the end of an attempt runs the
  // readiness trigger, which came before the tick that waits beside it, in the run and in every
  // fork alike (a fork's wake re-plans the tick).
  const sidecar = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - {name: init, image: busybox:1.36, command: [sh, -c, "sleep 1"]}
    - name: side
      image: busybox:1.36
      restartPolicy: Always
      command: [sh, -c, "touch /tmp/x; sleep 9"]
      startupProbe: {exec: {command: [cat, /tmp/x]}, initialDelaySeconds: 2, periodSeconds: 1, failureThreshold: 1}
      readinessProbe: {grpc: {port: 9999}, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 1}
      lifecycle: {postStart: {exec: {command: [sh, -c, "exit 1"]}}}
  containers:
    - {name: app, image: busybox:1.36, command: [sh, -c, "sleep 600"]}
`;
  const sidecarScenario = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 30s
nodes: [{name: node-1}]
actions:
  - {at: 9s, delete: pod/p}
`;
  it.each([
    ['attempts back to back', pod(EXEC, { period: 2 }), scenario(failing('3s'))],
    ['attempts across exits', slowReadiness, scenario(failing('9s'), '60s')],
    [
      'an exec action waking a busy worker',
      pod(EXEC, { period: 5, timeout: 30, kind: 'readinessProbe' }),
      `${scenario(failing('9s'), '40s')}actions:\n- {at: 21s, exec: {pod: p, container: app, command: [touch, /tmp/x]}}\n`,
    ],
    ['a readiness trigger waiting with a tick', sidecar, sidecarScenario],
    [
      'startup attempts back to back',
      pod(EXEC, { period: 2, timeout: 30, kind: 'startupProbe' }),
      scenario(failing('3s'), '20s'),
    ],
    [
      'a liveness attempt under way at a deletion',
      pod(EXEC, { period: 10, timeout: 8 }),
      `${scenario(failing('5s'), '60s')}  onSigterm: ignore\nactions:\n- {at: 12s, delete: pod/p}\n`,
    ],
    // Startup attempts of 5 s every 4 s: a fork at 9 s wakes the busy worker, whose attempt's own
    // result wakes it again at 14 s; the tick its ticker held still runs then.
    [
      'a woken startup worker whose own result wakes it again',
      pod('grpc: {port: 9555}', { period: 4, kind: 'startupProbe' }),
      scenario(failing('0ms'), '40s'),
    ],
    // A kubelet stopped from 27 s to 28 s holds the startup tick of 27 s; a fork meanwhile keeps
    // that tick due (it runs at 28 s), rather than planning the next instant of the grid.
    [
      'a startup tick held while the kubelet is stopped',
      pod(EXEC, { period: 3, timeout: 2, kind: 'startupProbe', command: 'sleep 7; exit 1' }),
      `${scenario(failing('1s'), '40s')}actions:\n- {at: 27s, nodeDown: node-1}\n- {at: 28s, nodeUp: node-1}\n`,
    ],
  ])('%s', (_name, podYaml, scenarioYaml) => expectForksContinue(podYaml, scenarioYaml));
});
