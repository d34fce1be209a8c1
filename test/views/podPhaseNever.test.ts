/**
 * podPhase for restartPolicy Never and OnFailure, after the getPhase tables of
 * pkg/kubelet/kubelet_pods_test.go (TestPodPhaseWithRestartNever…, TestPodPhaseWithRestartOnFailure),
 * plus the static-pod exception of podIsTerminal.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podPhase } from '../../src/views/index.js';

const base = (name: string): ContainerStatus => ({
  name,
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
});
const runningState = (name: string): ContainerStatus => ({ ...base(name), state: { running: {} } });
const startedState = (name: string): ContainerStatus => ({ ...runningState(name), started: true });
const succeededState = (name: string): ContainerStatus => ({
  ...base(name),
  state: { terminated: { exitCode: 0 } },
});
const failedState = (name: string): ContainerStatus => ({
  ...base(name),
  state: { terminated: { exitCode: -1 } },
});
const waitingState = (name: string): ContainerStatus => ({ ...base(name), state: { waiting: {} } });
const waitingAfter = (name: string, exitCode: number): ContainerStatus => ({
  ...waitingState(name),
  lastState: { terminated: { exitCode } },
});

const A = 'containerA';
const B = 'containerB';
const cx = 'containerX';

function phaseOf(
  restartPolicy: string,
  init: Container[],
  statuses: ContainerStatus[],
  terminalWithSource?: string,
): string {
  const initNames = new Set(init.map((c) => c.name));
  const p: Pod = {
    metadata: terminalWithSource
      ? { annotations: { 'kubernetes.io/config.source': terminalWithSource } }
      : {},
    spec: { initContainers: init, containers: [{ name: A }, { name: B }], restartPolicy },
    status: {
      initContainerStatuses: statuses.filter((s) => initNames.has(s.name)),
      containerStatuses: statuses.filter((s) => !initNames.has(s.name)),
    },
  };
  return podPhase(p, { podIsTerminal: terminalWithSource !== undefined });
}

type Case = [string, ContainerStatus[], string];

describe('podPhase with restartPolicy Never', () => {
  it.each<Case>([
    ['waiting', [], 'Pending'],
    ['all running with restart never', [runningState(A), runningState(B)], 'Running'],
    ['all succeeded with restart never', [succeededState(A), succeededState(B)], 'Succeeded'],
    ['all failed with restart never', [failedState(A), failedState(B)], 'Failed'],
    ['mixed state #1 with restart never', [runningState(A), succeededState(B)], 'Running'],
    ['mixed state #2 with restart never', [runningState(A)], 'Pending'],
    ['mixed state #3 with restart never', [runningState(A), waitingState(B)], 'Pending'],
  ])('%s', (_name, statuses, want) => {
    expect(phaseOf('Never', [], statuses)).toBe(want);
  });

  it.each<Case>([
    ['init container running', [runningState(cx)], 'Pending'],
    ['init container terminated non-zero', [failedState(cx)], 'Failed'],
    ['init container waiting, terminated zero', [waitingAfter(cx, 0)], 'Pending'],
    ['init container waiting, terminated non-zero', [waitingAfter(cx, -1)], 'Failed'],
    ['init container waiting, not terminated', [waitingState(cx)], 'Pending'],
    ['init container succeeded', [succeededState(cx), runningState(A), runningState(B)], 'Running'],
  ])('with an init container: %s', (_name, statuses, want) => {
    expect(phaseOf('Never', [{ name: cx }], statuses)).toBe(want);
  });

  it.each<Case>([
    ['restartable init container running', [runningState(cx)], 'Pending'],
    ['restartable init container waiting, terminated non-zero', [waitingAfter(cx, -1)], 'Pending'],
    [
      'restartable init container started, one main container running',
      [startedState(cx), runningState(A)],
      'Pending',
    ],
    [
      'restartable init container started, main containers succeeded',
      [startedState(cx), succeededState(A), succeededState(B)],
      'Running',
    ],
    [
      'all containers succeeded',
      [succeededState(cx), succeededState(A), succeededState(B)],
      'Succeeded',
    ],
    [
      'restartable init container terminated non-zero, main containers succeeded',
      [failedState(cx), succeededState(A), succeededState(B)],
      'Succeeded',
    ],
    [
      'backoff crashloop with non-zero restartable init container, main containers succeeded',
      [waitingAfter(cx, -1), succeededState(A), succeededState(B)],
      'Succeeded',
    ],
  ])('with a sidecar: %s', (_name, statuses, want) => {
    expect(phaseOf('Never', [{ name: cx, restartPolicy: 'Always' }], statuses)).toBe(want);
  });
});

describe('podPhase with restartPolicy OnFailure', () => {
  it.each<Case>([
    ['all running with restart onfailure', [runningState(A), runningState(B)], 'Running'],
    ['all succeeded with restart onfailure', [succeededState(A), succeededState(B)], 'Succeeded'],
    ['all failed with restart onfailure', [failedState(A), failedState(B)], 'Running'],
    ['mixed state #1 with restart onfailure', [runningState(A), succeededState(B)], 'Running'],
    [
      'backoff crashloop container with restart onfailure',
      [runningState(A), waitingAfter(B, 0)],
      'Running',
    ],
  ])('%s', (_name, statuses, want) => {
    expect(phaseOf('OnFailure', [], statuses)).toBe(want);
  });
});

describe('podPhase for a terminal pod', () => {
  it('keeps a static pod Running although the pod worker finished it', () => {
    const statuses = [succeededState(A), succeededState(B)];
    expect(phaseOf('Always', [], statuses, 'file')).toBe('Running');
  });

  it('gives a pod from the API server its terminal phase', () => {
    const statuses = [succeededState(A), failedState(B)];
    expect(phaseOf('Always', [], statuses, 'api')).toBe('Failed');
  });
});
