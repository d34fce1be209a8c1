/**
 * traces/scale-deployment: deployment-replicas1.yaml (nginx-deployment, 1 replica, image cached,
 * no probes) scaled to 2 at 30 s and back to 1 at 50 s with the scenario's `scale` action.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { cli, examplePath, runFiles, times } from '../helpers/run.js';

const run = runFiles([examplePath('scale-deployment')]);
const RS = 'nginx-deployment-669f76f447';
const NEW = `Pod/default/${RS}-x77rj`;
const isNew = (e: SimEvent): boolean => e.object === NEW;

describe('kubectl scale deployment nginx-deployment --replicas=2', () => {
  it('scales the ReplicaSet and creates the second pod at the instant of the scale', () => {
    // The Deployment's replicas change at 30 s; its controller (no rollout: same template) scales
    // the one ReplicaSet to 2 in the same sync, and the ReplicaSet creates the missing pod.
    expect(
      run.events.flatMap((e) =>
        (e.notes ?? [])
          .filter((n) => n.reason === 'ScalingReplicaSet')
          .map((n) => `${e.at / 1000}s ${n.message}`),
      ),
    ).toEqual([
      `0s Scaled up replica set ${RS} from 0 to 1`,
      `30s Scaled up replica set ${RS} from 1 to 2`,
      `50s Scaled down replica set ${RS} from 2 to 1`,
    ]);
    expect(times(run.events, 'pod/created', isNew)).toEqual([30_000]);
    expect(times(run.events, 'pod/scheduled', isNew)).toEqual([30_000]);
  });

  it('runs the new pod 1 s later: sandbox 1 s, image already present (IfNotPresent)', () => {
    expect(times(run.events, 'image/present', isNew)).toEqual([30_000 + 1_000]);
    expect(times(run.events, 'container/started', isNew)).toEqual([30_000 + 1_000]);
  });

  it('shows 2/2 in get deploy at 40 s, and both pods Running', async () => {
    // No readiness probe: each pod is Ready when its container starts (1 s and 31 s), and
    // available at once (minReadySeconds 0).
    const deploy = await cli(['get', 'deploy', examplePath('scale-deployment'), '--at', '40s']);
    expect(deploy.out).toBe(
      [
        'NAME               READY   UP-TO-DATE   AVAILABLE   AGE',
        'nginx-deployment   2/2     2            2           40s',
        '',
      ].join('\n'),
    );
    const pods = await cli(['get', 'pods', examplePath('scale-deployment'), '--at', '40s']);
    expect(pods.out).toBe(
      [
        'NAME                                READY   STATUS    RESTARTS   AGE',
        `${RS}-jcbpc   1/1     Running   0          40s`,
        `${RS}-x77rj   1/1     Running   0          10s`,
        '',
      ].join('\n'),
    );
  });

  it('scales back down at 50 s by deleting the pod Ready for less time', () => {
    // Both pods Running and Ready on node-1: the victim is the one Ready for less time, compared
    // in log2(ns) buckets: x77rj ready 19 s (bucket 34) before jcbpc ready 49 s (bucket 35).
    expect(times(run.events, 'pod/deletionRequested')).toEqual([50_000]);
    expect(run.events.find((e) => e.type === 'pod/deletionRequested')!.object).toBe(NEW);
    // nginx stops at once on its stop signal: terminal and removed at 50 s.
    expect(times(run.events, 'pod/deleted', isNew)).toEqual([50_000]);
    expect([...run.state.pods.keys()]).toEqual([`default/${RS}-jcbpc`]);
  });
});
