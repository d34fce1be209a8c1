/**
 * podPhase against the getPhase tables of pkg/kubelet/kubelet_pods_test.go (TestPodPhaseWith…),
 * using the same status helpers. status.phase is deliberately left unset: it must not matter.
 */
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podPhase } from '../../src/views/index.js';

const runningState = (name: string): ContainerStatus => ({
  name,
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { running: {} },
});
const startedState = (name: string): ContainerStatus => ({ ...runningState(name), started: true });
const exited = (name: string, exitCode: number): ContainerStatus => ({
  name,
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode } },
});
const stoppedState = (name: string) => exited(name, 0);
const succeededState = (name: string) => exited(name, 0);
const failedState = (name: string) => exited(name, -1);
const waitingState = (name: string): ContainerStatus => ({
  name,
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { waiting: {} },
});
const waitingAfter = (name: string, exitCode: number): ContainerStatus => ({
  ...waitingState(name),
  lastState: { terminated: { exitCode } },
});
const waitingStateWithLastTermination = (name: string) => waitingAfter(name, 0);
const waitingStateWithNonZeroTermination = (name: string) => waitingAfter(name, -1);

const X = { name: 'containerX' };
const sidecarX = { name: 'containerX', restartPolicy: 'Always' };
const AB = [{ name: 'containerA' }, { name: 'containerB' }];

function phaseOf(
  restartPolicy: string,
  init: Container[],
  statuses: ContainerStatus[],
  podIsTerminal = false,
): string {
  const initNames = new Set(init.map((c) => c.name));
  const p: Pod = {
    spec: { nodeName: 'machine', initContainers: init, containers: AB, restartPolicy },
    status: {
      initContainerStatuses: statuses.filter((s) => initNames.has(s.name)),
      containerStatuses: statuses.filter((s) => !initNames.has(s.name)),
    },
  };
  return podPhase(p, { podIsTerminal });
}

type Case = [string, ContainerStatus[], string, boolean?];

const table = (restartPolicy: string, init: Container[], cases: Case[]) =>
  it.each(cases)('%s', (_name, statuses, want, terminal) => {
    expect(phaseOf(restartPolicy, init, statuses, terminal)).toBe(want);
  });

const A = 'containerA';
const B = 'containerB';
const cx = 'containerX';

describe('podPhase with restartPolicy Always (TestPodPhaseWithRestartAlways)', () => {
  table(
    'Always',
    [],
    [
      ['waiting', [], 'Pending'],
      ['all running', [runningState(A), runningState(B)], 'Running'],
      ['all stopped with restart always', [stoppedState(A), stoppedState(B)], 'Running'],
      [
        'all succeeded with restart always, but the pod is terminal',
        [succeededState(A), succeededState(B)],
        'Succeeded',
        true,
      ],
      [
        'all stopped with restart always, but the pod is terminal',
        [succeededState(A), failedState(B)],
        'Failed',
        true,
      ],
      ['mixed state #1 with restart always', [runningState(A), stoppedState(B)], 'Running'],
      ['mixed state #2 with restart always', [runningState(A)], 'Pending'],
      ['mixed state #3 with restart always', [runningState(A), waitingState(B)], 'Pending'],
      [
        'backoff crashloop container with restart always',
        [runningState(A), waitingStateWithLastTermination(B)],
        'Running',
      ],
    ],
  );
});

describe('podPhase with an init container (TestPodPhaseWithRestartAlwaysInitContainers)', () => {
  table(
    'Always',
    [X],
    [
      ['empty, waiting', [], 'Pending'],
      ['init container running', [runningState(cx)], 'Pending'],
      ['init container terminated non-zero', [failedState(cx)], 'Pending'],
      ['init container waiting, terminated zero', [waitingStateWithLastTermination(cx)], 'Pending'],
      [
        'init container waiting, terminated non-zero',
        [waitingStateWithNonZeroTermination(cx)],
        'Pending',
      ],
      ['init container waiting, not terminated', [waitingState(cx)], 'Pending'],
      [
        'init container succeeded',
        [succeededState(cx), runningState(A), runningState(B)],
        'Running',
      ],
    ],
  );
});

describe('podPhase with a sidecar (TestPodPhaseWithRestartAlwaysRestartableInitContainers)', () => {
  table(
    'Always',
    [sidecarX],
    [
      ['empty, waiting', [], 'Pending'],
      ['restartable init container running', [runningState(cx)], 'Pending'],
      ['restartable init container stopped', [stoppedState(cx)], 'Pending'],
      [
        'restartable init container waiting, terminated zero',
        [waitingStateWithLastTermination(cx)],
        'Pending',
      ],
      [
        'restartable init container waiting, terminated non-zero',
        [waitingStateWithNonZeroTermination(cx)],
        'Pending',
      ],
      ['restartable init container waiting, not terminated', [waitingState(cx)], 'Pending'],
      [
        'restartable init container started, 1/2 regular container running',
        [startedState(cx), runningState(A)],
        'Pending',
      ],
      [
        'restartable init container started, all regular containers running',
        [startedState(cx), runningState(A), runningState(B)],
        'Running',
      ],
      [
        'restartable init container running, all regular containers running',
        [runningState(cx), runningState(A), runningState(B)],
        'Running',
      ],
      [
        'restartable init container stopped, all regular containers running',
        [stoppedState(cx), runningState(A), runningState(B)],
        'Running',
      ],
      [
        'backoff crashloop restartable init container, all regular containers running',
        [waitingStateWithLastTermination(cx), runningState(A), runningState(B)],
        'Running',
      ],
      [
        'all regular containers succeeded and restartable init container failed, pod terminal',
        [failedState(cx), succeededState(A), succeededState(B)],
        'Succeeded',
        true,
      ],
      [
        'all regular containers succeeded and restartable init container succeeded, pod terminal',
        [succeededState(cx), succeededState(A), succeededState(B)],
        'Succeeded',
        true,
      ],
    ],
  );
});

describe('podPhase after the pod has run (TestPodPhaseWithRestartAlwaysAndPodHasRun)', () => {
  const init = [X, { name: 'containerY', restartPolicy: 'Always' }];
  const one = (statuses: ContainerStatus[]): string => {
    const p: Pod = {
      spec: { initContainers: init, containers: [{ name: A }], restartPolicy: 'Always' },
      status: { initContainerStatuses: statuses.slice(0, 2), containerStatuses: statuses.slice(2) },
    };
    return podPhase(p);
  };
  it.each<[string, ContainerStatus[], string]>([
    [
      'regular init, sidecar and regular container all running',
      [runningState(cx), runningState('containerY'), runningState(A)],
      'Pending',
    ],
    [
      'regular container stopped while the regular init container runs again',
      [runningState(cx), runningState('containerY'), stoppedState(A)],
      'Pending',
    ],
    [
      'regular init succeeded, sidecar running, regular container stopped',
      [succeededState(cx), runningState('containerY'), stoppedState(A)],
      'Running',
    ],
    [
      'regular init succeeded, sidecar and regular container running',
      [succeededState(cx), runningState('containerY'), runningState(A)],
      'Running',
    ],
  ])('%s', (_name, statuses, want) => {
    expect(one(statuses)).toBe(want);
  });
});
