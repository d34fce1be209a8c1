/**
 * `podsim explain`: the causal chain of an event, root first, each step with the rule that fired
 * (numbers from the payload and the pod spec), and a one-line summary of the story.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { causeSeqs, causeChain } from '../../src/trace/causeChain.js';
import { explain } from '../../src/trace/explain.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { failingLiveness } from '../helpers/manifests.js';
import {
  goldenTrace,
  probeKillTrace,
  scratchDir,
  writeFiles,
  writeRunTrace,
} from './traceHelpers.js';

const PK = probeKillTrace();
const trace = loadTrace(PK);
const seqOf = (type: string, at: number, signal?: string): number =>
  trace.events.find(
    (e) =>
      e.type === type &&
      e.at === at &&
      e.object === 'Pod/default/web' &&
      (signal === undefined || (e.payload as { signal?: string }).signal === signal),
  )!.seq;

describe('explaining the SIGKILL after a failed liveness probe', () => {
  const seq = seqOf('container/signalled', 75_000, 'SIGKILL');

  it('tells the story in one line, from the probe failures to the restart it leads to', () => {
    expect(explain(trace, seq).summary).toBe(
      'app started → liveness probe failed 3/3 (failureThreshold 3, period 5s) at 35s, 40s, 45s → Killing → SIGTERM → process ignores SIGTERM → SIGKILL at 75s (grace 30s) → restart 1',
    );
  });

  it('prints one line per step: time, seq, type, object, rule, and the Kubernetes Event', async () => {
    const r = await cli(['explain', PK, String(seq)]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe(`seq ${seq}: container/signalled on pod/web at 75s (75000 ms)`);
    expect(lines.slice(1, 4).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      '0s #2 pod/created pod/web created from the manifests',
      '0s #4 pod/scheduled pod/web the scheduler bound it to node node-1 [Normal Scheduled: Successfully assigned default/web to node-1]',
      '0s #6 sandbox/creating pod/web first sync: the pod sandbox takes 1s (ready at 1s)',
    ]);
    expect(lines.slice(4, 11).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      '1s #8 sandbox/ready pod/web sandbox up with pod IP 10.244.0.2',
      '1s #12 container/started pod/web app first start [Normal Started: Started container app]',
      "45s #20 probe/result pod/web app liveness probe failed 3/3 (failureThreshold 3, period 5s) at 35s, 40s, 45s → the kubelet kills the container and restarts it [Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory]",
      '45s #21 container/killing pod/web app the liveness probe failed: stop it with grace 30s (terminationGracePeriodSeconds) [Normal Killing: Container app failed liveness probe, will be restarted]',
      '45s #22 container/signalled SIGTERM pod/web app SIGTERM to PID 1; SIGKILL follows at 75s unless it exits (grace 30s)',
      `75s #${seq} container/signalled SIGKILL pod/web app still running 30s after SIGTERM at 45s (the process ignores SIGTERM): the grace period ran out`,
      '75s #28 container/started pod/web app restart 1 [Normal Started: Started container app]',
    ]);
    expect(lines[11]).toBe(`summary: ${explain(trace, seq).summary}`);
  });

  it('follows SIGKILL back through SIGTERM to the Killing that caused it', () => {
    const killing = seqOf('container/killing', 45_000);
    expect(causeSeqs(trace.events, seq)).toContain(killing);
    expect(causeChain(trace.events, seq).map((s) => s.last.seq)).toContain(killing);
  });
});

describe('other stories', () => {
  it('a deletion: the grace period, the SIGKILL, no restart, the pod removed', () => {
    expect(explain(trace, seqOf('pod/deleted', 210_000)).summary).toBe(
      'delete (grace 30s) → Killing → SIGTERM → process ignores SIGTERM → SIGKILL at 3m30s (grace 30s) → exit 137 → deleted',
    );
    const exited = explain(trace, seqOf('container/exited', 210_000));
    expect(exited.steps[exited.steps.length - 1]!.rule).toBe(
      'killed by SIGKILL: exit code 137; the pod is being deleted: no restart',
    );
  });

  it('a crash loop: each back-off with its period, doubling up to the cap', () => {
    const golden = loadTrace(goldenTrace('sleep-exit-always'));
    const lastBackOff = golden.events.findLast((e) => e.type === 'container/backOff')!;
    const x = explain(golden, lastBackOff.seq);
    expect(x.steps.filter((s) => s.type === 'container/backOff').map((s) => s.rule)).toEqual([
      'back-off 10s (doubles after each restart, cap 300s): no restart before 72s',
      'back-off 20s (doubles after each restart, cap 300s): no restart before 2m2s',
      'back-off 40s (doubles after each restart, cap 300s): no restart before 3m13s',
      'back-off 1m20s (doubles after each restart, cap 300s): no restart before 5m3s',
      'back-off 2m40s (doubles after each restart, cap 300s): no restart before 8m14s',
      'back-off 5m0s (doubles after each restart, cap 300s): no restart before 13m',
      'back-off 5m0s (doubles after each restart, cap 300s): no restart before 19m',
    ]);
  });

  it("--at T explains each pod's latest event at or before T", async () => {
    const r = await cli(['explain', PK, '--at', '50s']);
    expect(r.code).toBe(0);
    const heads = r.out.split('\n').filter((l) => l.startsWith('seq '));
    expect(heads).toEqual([
      'seq 22: container/signalled on pod/web at 45s (45000 ms)',
      'seq 18: probe/result on pod/shadow at 40s (40000 ms)',
    ]);
    expect(r.out).toContain(
      'summary: side started → readiness probe failed 2/3 (failureThreshold 3, period 20s) at 20s, 40s\n',
    );
  });

  it('refuses a seq the trace does not have, and asks for SEQ or --at', async () => {
    const n = trace.events.length;
    expect(await cli(['explain', PK, String(n)])).toEqual({
      code: 2,
      out: '',
      err: `podsim: explain: "${n}" is not an event of ${PK} (seq 0 to ${n - 1})\n`,
    });
    expect((await cli(['explain', PK])).err).toBe(
      'podsim: explain: give either the SEQ of an event or --at T\n',
    );
  });
});

describe('the grace a kill was given, and where it came from', () => {
  it("names the deletion's grace period for a deletion's kill", () => {
    const t = loadTrace(goldenTrace('delete-graceful'));
    const kill = t.events.find((e) => e.type === 'container/killing')!;
    const step = explain(t, kill.seq).steps.find((s) => s.seq === kill.seq)!;
    expect(step.rule).toMatch(
      /^the pod is being deleted: stop it with grace \d+s \(the deletion's grace period\)$/,
    );
  });

  it('names terminationGracePeriodSeconds for a liveness kill of a pod not being deleted', () => {
    const kill = trace.events.find((e) => e.type === 'container/killing')!;
    expect(explain(trace, kill.seq).steps.find((s) => s.seq === kill.seq)!.rule).toBe(
      'the liveness probe failed: stop it with grace 30s (terminationGracePeriodSeconds)',
    );
  });
});

describe('a deletion that cancels a liveness kill (§30)', () => {
  const dir = scratchDir();
  const files = writeFiles(dir, {
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
${failingLiveness('app', { probeGraceSeconds: 20 })}`,
    's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 1m
nodes: [{name: node-1, images: ["nginx:1.25"]}]
containers:
- {container: app, onSigterm: ignore}
actions:
- {at: 10s, delete: pod/web, gracePeriod: 4}
`,
  });
  const t = loadTrace(writeRunTrace(dir, 'cancel.jsonl', [files[1]!, files[0]!]));

  it('explains the SIGKILL by the deletion’s grace, and why no second SIGTERM was sent', () => {
    const sigkill = t.events.find(
      (e) => e.type === 'container/signalled' && e.payload.signal === 'SIGKILL',
    )!;
    const x = explain(t, sigkill.seq);
    expect(x.summary).toBe(
      'Killing → SIGTERM sent before → process ignores SIGTERM → SIGKILL at 14s (grace 4s)',
    );
    const skip = x.steps.find((s) => s.type === 'container/signalSkipped')!;
    expect(skip.rule).toBe(
      'no SIGTERM: PID 1 got it at 5s from a kill the deletion cancelled, and containerd sends it once; SIGKILL follows at 14s unless it exits (grace 4s)',
    );
  });
});

describe('explaining a probe kill whose attempts took time', () => {
  // An exec liveness probe (period 10 s, timeout 5 s, failureThreshold 3) whose command fails
  // after `duration`: each result comes that long after its tick (docs/kubernetes-rules.md §32).
  const pod = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c, "sleep 600"]
    livenessProbe:
      exec: {command: [sh, -c, check]}
      periodSeconds: 10
      timeoutSeconds: 5
`;
  const scenario = (duration: string): string => `apiVersion: podsim/v1alpha1
kind: Scenario
until: 40s
nodes: [{name: node-1, images: ["busybox:1.36"]}]
containers:
- container: app
  exec:
  - {command: check, exitCode: 1, duration: ${duration}, output: bad}
`;
  const summary = (duration: string): string => {
    const dir = scratchDir();
    const files = writeFiles(dir, { 'p.yaml': pod, 's.yaml': scenario(duration) });
    const t = loadTrace(writeRunTrace(dir, 'slow.jsonl', files));
    const kill = t.events.find((e) => e.type === 'container/killing')!;
    return explain(t, kill.seq).summary;
  };

  it('says how long after its tick each result came', () => {
    expect(summary('2s')).toContain(
      'liveness probe failed 3/3 (failureThreshold 3, period 10s) at 12s, 22s, 32s, each 2s after the tick that began it → Killing',
    );
  });

  it('says when the attempts timed out', () => {
    expect(summary('7s')).toContain(
      'at 15s, 25s, 35s, each attempt timed out after timeoutSeconds 5s → Killing',
    );
  });
});
