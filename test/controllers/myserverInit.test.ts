/**
 * traces/myserver-init: myserver-init-containers.yaml, a Deployment in namespace myserver whose
 * pod runs two init containers before nginx, plus a NodePort Service. No image is cached (2 s
 * pulls, one at a time); init containers run one after another, each to exit 0, before the app
 * container is started (kubelet-semantics.md §2.2).
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { cli, examplePath, runFiles, times } from '../helpers/run.js';
import { noReadyEndpointIntervals } from '../../src/state/endpointIntervals.js';

const run = runFiles([examplePath('myserver-init')]);
const POD = 'myserver/myserver-myapp-deployment-name-7fdd74f7d8-4qz94';
const c =
  (name: string): ((e: SimEvent) => boolean) =>
  (e: SimEvent): boolean =>
    (e.payload as { container?: string }).container === name;

describe('myserver-init: Init:0/2 → Init:1/2 → PodInitializing → Running', () => {
  it('creates the namespace before the workload, and the pod in it', () => {
    expect(run.events.slice(2, 3).map((e) => e.object)).toEqual(['Namespace/myserver']);
    expect([...run.state.pods.keys()]).toEqual([POD]);
  });

  it('runs init-web-data for its 10 × sleep 1 loop, then change-data-owner, then nginx', () => {
    // Sandbox 1 s → pull centos:7.9.2009 (2 s) → init-web-data starts at 3 s; the loop body runs
    // `seq 1 10` times with `sleep 1` each → exits 0 at 3 + 10 = 13 s.
    const sandbox = 1_000;
    const pull = 2_000;
    const initWeb = sandbox + pull;
    expect(times(run.events, 'container/started', c('init-web-data'))).toEqual([initWeb]);
    expect(times(run.events, 'container/exited', c('init-web-data'))).toEqual([initWeb + 10_000]);
    // Then pull busybox:1.28 (2 s): change-data-owner starts at 15 s; chmod exits at once.
    const chown = initWeb + 10_000 + pull;
    expect(times(run.events, 'container/started', c('change-data-owner'))).toEqual([chown]);
    expect(times(run.events, 'container/exited', c('change-data-owner'))).toEqual([chown]);
    // Then pull nginx:1.20.0 (2 s): the app container starts at 17 s.
    expect(times(run.events, 'container/started', c('myserver-myapp-container'))).toEqual([
      chown + pull,
    ]);
  });

  it('shows the STATUS column kubectl get pods -w prints, at those times', async () => {
    const r = await cli(['run', examplePath('myserver-init'), '--time']);
    expect(r.out.split('\n').map((l) => l.trim().split(/\s+/).slice(0, 4).join(' '))).toEqual([
      'TIME NAME READY STATUS',
      '0s myserver-myapp-deployment-name-7fdd74f7d8-4qz94 0/1 Pending',
      '0s myserver-myapp-deployment-name-7fdd74f7d8-4qz94 0/1 Init:0/2',
      // init-web-data exited 0 at 13 s: one of two init containers done.
      '13s myserver-myapp-deployment-name-7fdd74f7d8-4qz94 0/1 Init:1/2',
      // both done at 15 s, the app container waiting for its image.
      '15s myserver-myapp-deployment-name-7fdd74f7d8-4qz94 0/1 PodInitializing',
      // nginx started at 17 s, no readiness probe: Ready at once.
      '17s myserver-myapp-deployment-name-7fdd74f7d8-4qz94 1/1 Running',
      '',
    ]);
  });

  it('gives the NodePort Service in myserver its first ready endpoint when nginx starts', () => {
    // The Service exists from 0 s; the pod has an IP from 1 s but is not Ready until its app
    // container runs (17 s, no readiness probe).
    expect(noReadyEndpointIntervals(run.events, 'myserver/myserver-myapp-service-name')).toEqual([
      { from: 0, until: 17_000 },
    ]);
  });
});
