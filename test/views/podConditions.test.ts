/**
 * The kubelet-owned conditions as pkg/kubelet/status/generate.go builds them (kubelet-semantics §5).
 */
import { describe, expect, it } from 'vitest';
import {
  containersReadyCondition,
  initializedCondition,
  readyCondition,
} from '../../src/views/index.js';
import { condition, container, pod, running, sidecar, terminated, waiting } from './fixtures.js';

const inits = [container('migrate'), container('seed')];

describe('initializedCondition (GeneratePodInitializedCondition)', () => {
  it('is True for a pod without init containers', () => {
    expect(initializedCondition(pod({ statuses: [waiting('app', 'ContainerCreating')] }))).toEqual({
      type: 'Initialized',
      status: 'True',
    });
  });

  it('lists the init containers that have not completed', () => {
    const p = pod({
      initContainers: inits,
      initStatuses: [running('migrate', { ready: false }), waiting('seed', 'PodInitializing')],
      statuses: [waiting('app', 'PodInitializing')],
    });
    expect(initializedCondition(p, 'Pending')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [migrate seed]',
    });
  });

  it('reports init containers without a status as unknown before incomplete ones', () => {
    const p = pod({ initContainers: inits, initStatuses: [running('migrate', { ready: false })] });
    expect(initializedCondition(p, 'Pending').message).toBe(
      'containers with unknown status: [seed], containers with incomplete status: [migrate]',
    );
  });

  it('is False with UnknownContainerStatuses before the kubelet reported any status', () => {
    expect(initializedCondition(pod({ initContainers: inits }), 'Pending')).toEqual({
      type: 'Initialized',
      status: 'False',
      reason: 'UnknownContainerStatuses',
    });
  });

  it('counts a sidecar as initialized once it has started', () => {
    const p = pod({
      initContainers: [sidecar('proxy')],
      initStatuses: [running('proxy', { ready: false, started: true })],
      statuses: [waiting('app', 'PodInitializing')],
    });
    expect(initializedCondition(p, 'Pending').status).toBe('True');
  });

  it('stays True while a sidecar restarts after the app container ran', () => {
    const p = pod({
      initContainers: [sidecar('proxy')],
      initStatuses: [waiting('proxy', 'CrashLoopBackOff')],
      statuses: [running('app')],
    });
    expect(initializedCondition(p, 'Running')).toEqual({ type: 'Initialized', status: 'True' });
  });

  it('is True with PodCompleted for a succeeded pod', () => {
    const p = pod({
      initContainers: inits,
      initStatuses: [terminated('migrate', 0, 'Completed'), terminated('seed', 0, 'Completed')],
      statuses: [terminated('app', 0, 'Completed')],
    });
    expect(initializedCondition(p, 'Succeeded')).toEqual({
      type: 'Initialized',
      status: 'True',
      reason: 'PodCompleted',
    });
  });
});

describe('containersReadyCondition (GenerateContainersReadyCondition)', () => {
  it('is True when every regular container and sidecar is ready', () => {
    const p = pod({
      initContainers: [sidecar('proxy')],
      initStatuses: [running('proxy')],
      statuses: [running('app')],
    });
    expect(containersReadyCondition(p, 'Running')).toEqual({
      type: 'ContainersReady',
      status: 'True',
    });
  });

  it('lists unknown then unready containers, sidecars first', () => {
    const p = pod({
      initContainers: [sidecar('proxy')],
      containers: [container('app'), container('worker')],
      initStatuses: [running('proxy', { ready: false })],
      statuses: [running('app', { ready: false })],
    });
    expect(containersReadyCondition(p, 'Pending')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'ContainersNotReady',
      message:
        'containers with unknown status: [worker], containers with unready status: [proxy app]',
    });
  });

  it('is False with PodCompleted or PodFailed once the pod is terminal', () => {
    const done = pod({ statuses: [terminated('app', 0, 'Completed')] });
    const failed = pod({ statuses: [running('app')] });
    expect([
      containersReadyCondition(done, 'Succeeded'),
      containersReadyCondition(failed, 'Failed'),
    ]).toEqual([
      { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' },
      { type: 'ContainersReady', status: 'False', reason: 'PodFailed' },
    ]);
  });

  it('is False with UnknownContainerStatuses when the pod has no statuses yet', () => {
    expect(containersReadyCondition(pod(), 'Pending')).toEqual({
      type: 'ContainersReady',
      status: 'False',
      reason: 'UnknownContainerStatuses',
    });
  });
});

describe('readyCondition (GeneratePodReadyCondition)', () => {
  it('copies ContainersReady when it is not True', () => {
    const p = pod({ phase: 'Running', statuses: [running('app', { ready: false })] });
    expect(readyCondition(p)).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    });
  });

  it('explains missing and unsatisfied readiness gates', () => {
    const p = pod({
      phase: 'Running',
      statuses: [running('app')],
      conditions: [condition('example.com/lb', 'False')],
    });
    p.spec!.readinessGates = [
      { conditionType: 'example.com/lb' },
      { conditionType: 'example.com/dns' },
    ];
    expect(readyCondition(p)).toEqual({
      type: 'Ready',
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message:
        'the status of pod readiness gate "example.com/lb" is not "True", but False, ' +
        'corresponding condition of pod readiness gate "example.com/dns" does not exist.',
    });
  });

  it('is True when containers are ready and every gate condition is True', () => {
    const p = pod({
      phase: 'Running',
      statuses: [running('app')],
      conditions: [condition('example.com/lb', 'True')],
    });
    p.spec!.readinessGates = [{ conditionType: 'example.com/lb' }];
    expect(readyCondition(p)).toEqual({ type: 'Ready', status: 'True' });
  });
});
