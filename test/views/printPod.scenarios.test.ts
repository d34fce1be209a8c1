/**
 * `kubectl get pods` rows for pods in the situations people meet, built as the kubelet reports
 * them (kubelet-semantics §2.4, §7). Each expectation is the row kubectl v1.31 prints.
 */
import type { PodRow } from '../../src/views/index.js';
import { printPodRow } from '../../src/views/index.js';
import { describe, expect, it } from 'vitest';
import {
  at,
  condition,
  container,
  lastTerminated,
  pod,
  running,
  sidecar,
  terminated,
  waiting,
} from './fixtures.js';

const row = (
  name: string,
  ready: string,
  status: string,
  restarts: string,
  age: string,
): PodRow => ({
  name,
  ready,
  status,
  restarts,
  age,
  // The number is the one the column's text starts with.
  restartCount: Number.parseInt(restarts, 10),
});

const twoInits = [container('migrate'), container('seed')];

describe('printPodRow (kubectl get pods)', () => {
  it('shows Pending for a pod the scheduler has not placed yet', () => {
    const p = pod({ conditions: [condition('PodScheduled', 'False', 'Unschedulable')] });
    expect(printPodRow(p, at(30))).toEqual(row('web', '0/1', 'Pending', '0', '30s'));
  });

  it('shows SchedulingGated while a scheduling gate holds the pod', () => {
    const p = pod({ conditions: [condition('PodScheduled', 'False', 'SchedulingGated')] });
    expect(printPodRow(p, at(5)).status).toBe('SchedulingGated');
  });

  it('shows ContainerCreating while the image is pulled', () => {
    const p = pod({ nodeName: 'node-1', statuses: [waiting('app', 'ContainerCreating')] });
    expect(printPodRow(p, at(3))).toEqual(row('web', '0/1', 'ContainerCreating', '0', '3s'));
  });

  it('shows Init:0/2 while the first init container runs', () => {
    const p = pod({
      initContainers: twoInits,
      initStatuses: [running('migrate', { ready: false }), waiting('seed', 'PodInitializing')],
      statuses: [waiting('app', 'PodInitializing')],
      conditions: [condition('Initialized', 'False', 'ContainersNotInitialized')],
    });
    expect(printPodRow(p, at(8))).toEqual(row('web', '0/1', 'Init:0/2', '0', '8s'));
  });

  it('shows Init:1/2 while the second init container runs', () => {
    const p = pod({
      initContainers: twoInits,
      initStatuses: [terminated('migrate', 0, 'Completed'), running('seed', { ready: false })],
      statuses: [waiting('app', 'PodInitializing')],
    });
    expect(printPodRow(p, at(20)).status).toBe('Init:1/2');
  });

  it('shows Init:Error when an init container failed', () => {
    const p = pod({
      initContainers: twoInits,
      initStatuses: [terminated('migrate', 1, 'Error'), waiting('seed', 'PodInitializing')],
      statuses: [waiting('app', 'PodInitializing')],
    });
    expect(printPodRow(p, at(20))).toEqual(row('web', '0/1', 'Init:Error', '0', '20s'));
  });

  it('shows Init:CrashLoopBackOff and the restart age while a failed init container backs off', () => {
    const p = pod({
      initContainers: twoInits,
      initStatuses: [
        waiting('migrate', 'CrashLoopBackOff', {
          restartCount: 2,
          lastState: lastTerminated(1, at(48)),
        }),
        waiting('seed', 'PodInitializing'),
      ],
      statuses: [waiting('app', 'PodInitializing')],
    });
    expect(printPodRow(p, at(60))).toEqual(
      row('web', '0/1', 'Init:CrashLoopBackOff', '2 (12s ago)', '60s'),
    );
  });

  it('shows Init:ExitCode:N or Init:Signal:N when the runtime gave no reason', () => {
    const exit = pod({
      initContainers: twoInits,
      initStatuses: [terminated('migrate', 3, undefined)],
    });
    const signal = pod({
      initContainers: twoInits,
      initStatuses: [
        terminated('migrate', 137, undefined, {
          state: { terminated: { exitCode: 137, signal: 9 } },
        }),
      ],
    });
    expect([printPodRow(exit, at(9)).status, printPodRow(signal, at(9)).status]).toEqual([
      'Init:ExitCode:3',
      'Init:Signal:9',
    ]);
  });

  it('shows PodInitializing once the init containers finished and the app is being created', () => {
    const p = pod({
      initContainers: twoInits,
      initStatuses: [terminated('migrate', 0, 'Completed'), terminated('seed', 0, 'Completed')],
      statuses: [waiting('app', 'PodInitializing')],
      conditions: [condition('Initialized', 'True')],
    });
    expect(printPodRow(p, at(40))).toEqual(row('web', '0/1', 'PodInitializing', '0', '40s'));
  });

  it('shows Running 1/1 for a started and ready container', () => {
    const p = pod({ phase: 'Running', statuses: [running('app')] });
    expect(printPodRow(p, at(75))).toEqual(row('web', '1/1', 'Running', '0', '75s'));
  });

  it('shows Running 0/1 while the readiness probe has not passed yet', () => {
    const p = pod({ phase: 'Running', statuses: [running('app', { ready: false })] });
    expect(printPodRow(p, at(75)).ready).toBe('0/1');
  });

  it('shows CrashLoopBackOff with the restart count and the age of the last exit', () => {
    const p = pod({
      phase: 'Running',
      statuses: [
        waiting('app', 'CrashLoopBackOff', {
          restartCount: 3,
          lastState: lastTerminated(1, at(63)),
        }),
      ],
    });
    expect(printPodRow(p, at(75))).toEqual(
      row('web', '0/1', 'CrashLoopBackOff', '3 (12s ago)', '75s'),
    );
  });

  it('shows Completed for a pod whose only container exited 0', () => {
    const p = pod({
      phase: 'Succeeded',
      restartPolicy: 'Never',
      statuses: [terminated('app', 0, 'Completed')],
    });
    expect(printPodRow(p, at(4 * 60 + 7))).toEqual(row('web', '0/1', 'Completed', '0', '4m7s'));
  });

  it('shows Error for a pod whose container exited 1 and will not restart', () => {
    const p = pod({
      phase: 'Failed',
      restartPolicy: 'Never',
      statuses: [terminated('app', 1, 'Error')],
    });
    expect(printPodRow(p, at(15)).status).toBe('Error');
  });

  it('shows OOMKilled between the kill and the restart', () => {
    const p = pod({
      phase: 'Running',
      statuses: [
        terminated('app', 137, 'OOMKilled', {
          restartCount: 1,
          lastState: lastTerminated(137, at(30)),
        }),
      ],
    });
    expect(printPodRow(p, at(45))).toEqual(row('web', '0/1', 'OOMKilled', '1 (15s ago)', '45s'));
  });

  it.each(['ErrImagePull', 'ImagePullBackOff'])(
    'shows %s while the image cannot be pulled',
    (reason) => {
      const p = pod({ nodeName: 'node-1', statuses: [waiting('app', reason)] });
      expect(printPodRow(p, at(25))).toEqual(row('web', '0/1', reason, '0', '25s'));
    },
  );

  it('shows Terminating while a deleted pod shuts down', () => {
    const p = pod({ phase: 'Running', deletionTimestamp: at(130), statuses: [running('app')] });
    expect(printPodRow(p, at(100))).toEqual(row('web', '1/1', 'Terminating', '0', '100s'));
  });

  it('shows Unknown for a deleted pod on an unreachable node', () => {
    const p = pod({
      phase: 'Running',
      reason: 'NodeLost',
      deletionTimestamp: at(10),
      statuses: [running('app')],
    });
    expect(printPodRow(p, at(100)).status).toBe('Unknown');
  });

  it('counts a started and ready sidecar in READY', () => {
    const p = pod({
      phase: 'Running',
      initContainers: [sidecar('proxy')],
      initStatuses: [running('proxy')],
      statuses: [running('app')],
      conditions: [condition('Initialized', 'True'), condition('Ready', 'True')],
    });
    expect(printPodRow(p, at(60))).toEqual(row('web', '2/2', 'Running', '0', '60s'));
  });

  it('does not count a sidecar that is started but not ready', () => {
    const p = pod({
      phase: 'Running',
      initContainers: [sidecar('proxy')],
      initStatuses: [running('proxy', { ready: false })],
      statuses: [running('app')],
      conditions: [condition('Initialized', 'True')],
    });
    expect(printPodRow(p, at(60)).ready).toBe('1/2');
  });

  it('shows NotReady when one container completed and another runs without the Ready condition', () => {
    const p = pod({
      phase: 'Running',
      containers: [container('app'), container('job')],
      statuses: [running('app'), terminated('job', 0, 'Completed')],
      conditions: [condition('Ready', 'False', 'ContainersNotReady')],
    });
    expect(printPodRow(p, at(60))).toEqual(row('web', '1/2', 'NotReady', '0', '60s'));
  });

  it('prints names as they are, markup included', () => {
    const p = pod({ name: '<b>web</b>', phase: 'Running', statuses: [running('app')] });
    expect(printPodRow(p, at(1)).name).toBe('<b>web</b>');
  });
});
