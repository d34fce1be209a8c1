/**
 * The assertions of `podsim check`, judged on bundled examples whose timings other tests derive
 * from the rules (test/examples): each failure is reported at the instant the rule makes it false.
 */
import { describe, expect, it } from 'vitest';
import { RunJudge, parseAssertion } from '../../src/check/user/assertions.js';
import { parseAssertions } from '../../src/check/user/parse.js';
import { simulate } from '../../src/engine/run.js';
import type { RunInputs } from '../../src/spec/loadRun.js';
import { examplePath, loadFiles, runFiles, times } from '../helpers/run.js';
import { loadInline } from '../helpers/inline.js';

function judgeRun(inputs: RunInputs, texts: string[]) {
  const j = new RunJudge(parseAssertions(texts));
  const r = simulate(inputs, { onEvent: (ev, s) => j.onEvent(ev, s) });
  return j.end(r.untilMs, r.state).map((f) => [f.assertion, f.at, f.message]);
}

const liveness = loadFiles([examplePath('liveness-exec')]);
const livenessStarts = times(runFiles([examplePath('liveness-exec')]).events, 'container/started');

describe('assertions', () => {
  it('parses the grammar and refuses anything else', () => {
    expect(parseAssertion('pod/web-*  ready within 1m30s')).toMatchObject({
      kind: 'ready',
      pod: 'web-*',
      withinMs: 90_000,
    });
    expect(parseAssertion('restarts < 3')).toMatchObject({ kind: 'restarts', op: '<', n: 3 });
    expect(parseAssertion('endpoints svc/web never empty after 30s')).toMatchObject({
      kind: 'endpoints',
      service: 'web',
      afterMs: 30_000,
    });
    expect(parseAssertion('ready within soon')).toEqual({ error: '"soon" is not a duration' });
    expect(parseAssertion('restarts <= lots')).toHaveProperty('error');
  });

  it('ready within: fails at the deadline when the pod is not Ready by then', () => {
    // liveness-exec has no readiness probe: Ready when its container starts (1.5 s).
    expect(livenessStarts[0]).toBe(1_500);
    expect(
      judgeRun(liveness, ['ready within 1s', 'pod/liveness-exec ready within 1500ms']),
    ).toEqual([
      ['ready within 1s', 1_000, 'pod default/liveness-exec is not Ready 1s after its creation'],
    ]);
  });

  it('restarts: fails when the count passes the bound, at the restart that passes it', () => {
    // Restarts at each new container start: the k-th restart is the (k+1)-th start.
    expect(judgeRun(liveness, ['restarts <= 2', 'restarts < 1', 'pod/other restarts < 1'])).toEqual(
      [
        ['restarts < 1', livenessStarts[1], 'pod default/liveness-exec has 1 restarts'],
        ['restarts <= 2', livenessStarts[3], 'pod default/liveness-exec has 3 restarts'],
      ],
    );
    const until = liveness.scenario.untilMs;
    const n = livenessStarts.filter((t) => t <= until).length - 1;
    expect(judgeRun(liveness, [`restarts == ${n}`])).toEqual([]);
    expect(judgeRun(liveness, [`restarts == ${n + 1}`])).toEqual([
      [`restarts == ${n + 1}`, until, `pod default/liveness-exec ends the run with ${n} restarts`],
    ]);
  });

  it('no SIGKILL: fails at the first SIGKILL (45 s kill + 30 s grace)', () => {
    expect(judgeRun(liveness, ['no SIGKILL', 'pod/other no SIGKILL'])).toEqual([
      ['no SIGKILL', 75_000, 'SIGKILL sent to container liveness of pod default/liveness-exec'],
    ]);
  });

  it('terminated within: measured from the deletion request to the pod’s removal', () => {
    // delete-graceful: both pods deleted at 30 s; "graceful" exits 2 s after SIGTERM, "stubborn"
    // ignores it and is SIGKILLed at the end of the 30 s grace period.
    const inputs = loadFiles([examplePath('delete-graceful')]);
    expect(
      judgeRun(inputs, [
        'pod/graceful terminated within 2s',
        'pod/graceful terminated within 1s',
        'terminated within 30s',
        'pod/stubborn terminated within 29s',
      ]),
    ).toEqual([
      [
        'pod/graceful terminated within 1s',
        31_000,
        'pod default/graceful still exists 1s after its deletion was requested',
      ],
      [
        'pod/stubborn terminated within 29s',
        59_000,
        'pod default/stubborn still exists 29s after its deletion was requested',
      ],
    ]);
  });

  it('endpoints never empty: the first gap after the given instant', () => {
    // recreate: no ready endpoint until the first pod is Ready at 1 s, and from the scale-down
    // at 60 s until the new pods pass their readiness probe at 72 s (test/examples, README).
    const inputs = loadFiles([examplePath('recreate')]);
    const svc = 'svc/nginx-svc-clusterip';
    expect(
      judgeRun(inputs, [
        `endpoints ${svc} never empty`,
        `endpoints ${svc} never empty after 30s`,
        `endpoints ${svc} never empty after 72s`,
        'endpoints svc/missing never empty',
      ]),
    ).toEqual([
      [`endpoints ${svc} never empty`, 0, `${svc} has no ready endpoint from 0s until 1s`],
      ['endpoints svc/missing never empty', 0, 'there is no Service missing in the run'],
      [
        `endpoints ${svc} never empty after 30s`,
        60_000,
        `${svc} has no ready endpoint from 1m0s until 1m12s`,
      ],
    ]);
  });

  it('no OOMKilled: fails when the working set passes the limit', () => {
    const inputs = loadInline({
      'scenario.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 30s
manifests: [pod.yaml]
nodes: [{ name: node-1, images: [busybox] }]
containers:
  - { pod: hog, container: app, memory: [{ at: 0s, size: 10Mi }, { at: 10s, size: 100Mi }] }
`,
      '_pod.yaml': `apiVersion: v1
kind: Pod
metadata: { name: hog }
spec:
  restartPolicy: Never
  containers:
    - name: app
      image: busybox
      imagePullPolicy: IfNotPresent
      command: [sleep, '3600']
      resources: { limits: { memory: 64Mi } }
`,
    });
    // Cached image (IfNotPresent): started when the 1 s sandbox is ready; 100Mi > 64Mi 10 s later.
    expect(judgeRun(inputs, ['no OOMKilled'])).toEqual([
      ['no OOMKilled', 11_000, 'container app of pod default/hog was OOMKilled'],
    ]);
  });
});
