/**
 * `podsim when`: each query form answers with the virtual times (kubectl age and exact ms) read
 * from the trace; anything else is a usage error that lists the forms.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { parseWhen, QueryError, WHEN_FORMS } from '../../src/trace/parseWhen.js';
import { goldenTrace, probeKillTrace } from './traceHelpers.js';

const SLEEP = goldenTrace('sleep-exit-always');
const PK = probeKillTrace();

async function when(trace: string, ...query: string[]): Promise<string[]> {
  const r = await cli(['when', trace, ...query]);
  expect(r.err).toBe('');
  return r.out.trimEnd().split('\n');
}

describe('podsim when, on state: conditions, phase and STATUS transitions', () => {
  it('pod/foo Ready: each time the Ready condition became True (once per restart)', async () => {
    expect(await when(SLEEP, 'pod/foo', 'Ready')).toEqual([
      'TIME    MS       OBJECT    WHAT',
      '1s      1500     pod/foo   Ready=True',
      '32s     32000    pod/foo   Ready=True',
      '72s     72500    pod/foo   Ready=True',
      '2m3s    123000   pod/foo   Ready=True',
      '3m13s   193500   pod/foo   Ready=True',
      '5m4s    304000   pod/foo   Ready=True',
      '8m14s   494500   pod/foo   Ready=True',
      '13m     825000   pod/foo   Ready=True',
    ]);
  });

  it('pod/web Ready=False counts the False at creation; a kill and restart in one instant is no transition', async () => {
    expect(await when(PK, 'pod/web Ready=False')).toEqual([
      'TIME   MS    OBJECT    WHAT',
      '0s     0     pod/web   Ready=False',
    ]);
  });

  it('pod/web Running: when the phase became Running', async () => {
    expect(await when(PK, 'pod/web', 'Running')).toEqual([
      'TIME   MS     OBJECT    WHAT',
      '1s     1000   pod/web   phase Running',
    ]);
  });

  it('pod/foo status CrashLoopBackOff: the rows kubectl get pods -w prints with that STATUS', async () => {
    const watch = await cli(['run', 'traces/sleep-exit-always/scenario.yaml', '--time']);
    const loops = watch.out.split('\n').filter((l) => l.includes('CrashLoopBackOff'));
    const lines = await when(SLEEP, 'pod/foo status CrashLoopBackOff');
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(
      loops.map((l) => l.trim().split(/\s+/)[0]),
    );
    expect(lines[1]).toBe('72s     72000    pod/foo   STATUS CrashLoopBackOff');
  });

  it('a readiness probe that never passes: Ready never became True, exit 1', async () => {
    const r = await cli(['when', PK, 'pod/shadow', 'Ready']);
    expect(r.code).toBe(1);
    expect(r.out).toBe(`never: nothing matches "pod/shadow Ready" in ${PK} (0s to 4m)\n`);
  });
});

describe('podsim when, on events: starts, signals, reasons, deletion', () => {
  it('container web/app restart 1: the first restart started after the SIGKILL at 75s', async () => {
    expect(await when(PK, 'container', 'web/app', 'restart', '1')).toEqual([
      'TIME   MS      OBJECT    WHAT',
      '75s    75000   pod/web   app restart 1 started',
    ]);
  });

  it('container foo/busybox restart 3: the third restart of the crash-looping container', async () => {
    expect(await when(SLEEP, 'container foo/busybox restart 3')).toEqual([
      'TIME   MS       OBJECT    WHAT',
      '2m3s   123000   pod/foo   busybox restart 3 started',
    ]);
  });

  it('SIGTERM and SIGKILL: each signal, grace 30s apart', async () => {
    expect(await when(PK, 'SIGTERM')).toEqual([
      'TIME   MS       OBJECT    WHAT',
      '45s    45000    pod/web   SIGTERM to app',
      '115s   115000   pod/web   SIGTERM to app',
      '3m     180000   pod/web   SIGTERM to app',
    ]);
    expect(await when(PK, 'SIGKILL pod/web')).toEqual([
      'TIME    MS       OBJECT    WHAT',
      '75s     75000    pod/web   SIGKILL to app',
      '2m25s   145000   pod/web   SIGKILL to app',
      '3m30s   210000   pod/web   SIGKILL to app',
    ]);
  });

  it('Killing: the Kubernetes Events with that reason, with their messages', async () => {
    expect(await when(PK, 'Killing')).toEqual([
      'TIME   MS       OBJECT    WHAT',
      '45s    45000    pod/web   Normal Killing: Container app failed liveness probe, will be restarted',
      '115s   115000   pod/web   Normal Killing: Container app failed liveness probe, will be restarted',
      '3m     180000   pod/web   Normal Killing: Stopping container app',
    ]);
  });

  it('Unhealthy pod/web: the liveness failures, three before each kill', async () => {
    const lines = await when(PK, 'Unhealthy', 'pod/web');
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual([
      '35000',
      '40000',
      '45000',
      '105000',
      '110000',
      '115000',
      '175000',
    ]);
  });

  it('BackOff in the crash loop; pod/web deleted after the 30s grace of the deletion at 3m', async () => {
    expect((await when(SLEEP, 'BackOff'))[1]).toBe(
      '62s     62000    pod/foo   Warning BackOff: Back-off restarting failed container busybox in pod foo_default(8aed7fd3-da78-4193-84ca-9be15ede90ab)',
    );
    expect(await when(PK, 'pod/web deleted')).toEqual([
      'TIME    MS       OBJECT    WHAT',
      '3m30s   210000   pod/web   deleted',
    ]);
  });
});

describe('podsim when, on endpoints: intervals without a ready endpoint', () => {
  it('endpoints svc/web empty: a rolling update keeps a ready endpoint; only start-up is empty', async () => {
    // The readiness probe (period 2 s, ticks aligned to the worker start at 0 s) first passes at
    // 2 s; from then on maxUnavailable 1 of 4 keeps at least 3 endpoints ready.
    expect(await when(goldenTrace('rolling-update'), 'endpoints svc/web empty')).toEqual([
      'TIME   MS    OBJECT    WHAT',
      '0s     0     svc/web   no ready endpoint until 2s (2000 ms), for 2000 ms',
    ]);
  });

  it('endpoints svc/NAME empty: a Recreate rollout is empty from the scale-down to the first Ready pod', async () => {
    // traces/recreate: the 2 old pods are terminating (not ready) from 60 s; the first new pod is
    // Ready at 72 s (derived in test/controllers/recreate.test.ts).
    expect(
      await when(goldenTrace('recreate'), 'endpoints', 'svc/nginx-svc-clusterip', 'empty'),
    ).toEqual([
      'TIME   MS      OBJECT                    WHAT',
      '0s     0       svc/nginx-svc-clusterip   no ready endpoint until 1s (1000 ms), for 1000 ms',
      '60s    60000   svc/nginx-svc-clusterip   no ready endpoint until 72s (72000 ms), for 12000 ms',
    ]);
  });

  it('an interval still open at the end of the trace, and a Service in another namespace', async () => {
    // traces/init-wait-services: myservice (created at 60 s) has no selector, so no controller
    // gives it endpoints: it stays without a ready one to the end.
    expect(
      await when(goldenTrace('init-wait-services'), 'endpoints svc/default/myservice empty'),
    ).toEqual([
      'TIME   MS      OBJECT          WHAT',
      '60s    60000   svc/myservice   no ready endpoint until the end of the trace (3m)',
    ]);
  });
});

describe('podsim when, refusing what it cannot answer', () => {
  it('lists the query forms for a query it cannot read', async () => {
    const r = await cli(['when', SLEEP, 'pod/foo', 'Readyy']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`podsim: when: cannot read the query "pod/foo Readyy"\n${WHEN_FORMS}\n`);
  });

  it('names the pods the trace has when the query names another', async () => {
    const r = await cli(['when', PK, 'pod/nope', 'Ready']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`podsim: when: no pod nope in ${PK} (pods: pod/web, pod/shadow)\n`);
  });

  it('names the Services the trace has when the query names another', async () => {
    const r = await cli(['when', goldenTrace('rolling-update'), 'endpoints', 'svc/nope', 'empty']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'podsim: when: no service nope in traces/rolling-update/trace.jsonl (services: svc/web)\n',
    );
  });

  it('parses every documented form, and accepts a reason only when known or in the trace', () => {
    const none = new Set<string>();
    expect(parseWhen(['pod/web/foo', 'PodScheduled=False'], none)).toEqual({
      kind: 'condition',
      pod: { namespace: 'web', name: 'foo' },
      condition: 'PodScheduled',
      status: 'False',
    });
    expect(parseWhen(['pod/foo deletion-requested'], none)).toEqual({
      kind: 'podEvent',
      pod: { namespace: undefined, name: 'foo' },
      type: 'pod/deletionRequested',
    });
    expect(parseWhen(['container', 'ns/foo/c', 'ready'], none)).toEqual({
      kind: 'container',
      pod: { namespace: 'ns', name: 'foo' },
      container: 'c',
      what: 'ready',
      n: undefined,
    });
    expect(parseWhen(['Evicted'], new Set(['Evicted']))).toEqual({
      kind: 'reason',
      reason: 'Evicted',
      pod: undefined,
    });
    expect(parseWhen(['endpoints svc/myserver/web empty'], none)).toEqual({
      kind: 'endpoints',
      service: 'myserver/web',
      what: 'empty',
    });
    expect(parseWhen(['endpoints svc/web min 1m 1m30s'], none)).toEqual({
      kind: 'endpoints',
      service: 'web',
      what: 'min',
      from: 60_000,
      until: 90_000,
    });
    expect(() => parseWhen(['endpoints svc/web min 1m'], none)).toThrow(QueryError);
    expect(() => parseWhen(['endpoints svc/a/b/c empty'], none)).toThrow(QueryError);
    expect(() => parseWhen(['Evicted'], none)).toThrow(QueryError);
    expect(() => parseWhen(['container foo/c restart 0'], none)).toThrow(QueryError);
    expect(() => parseWhen(['SIGKILL pod/a pod/b'], none)).toThrow(QueryError);
  });
});
