/** TestPrintPod of pkg/printers/internalversion/printers_test.go: container and init states. */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { cells, finishedAgo, goPod, runningState, status, unnamed } from './goPrinterFixtures.js';

describe('printPodRow matches TestPrintPod (states)', () => {
  const two = { containers: unnamed(2) };
  it.each<[string, Pod, string[]]>([
    [
      'counts restarts and ready containers',
      goPod('test1', two, {
        phase: 'podPhase',
        containerStatuses: [
          status({ ready: true, restartCount: 3, state: runningState }),
          status({ restartCount: 3 }),
        ],
      }),
      ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'lets a waiting reason override the phase',
      goPod('test2', two, {
        phase: 'podPhase',
        containerStatuses: [
          status({ ready: true, restartCount: 3, state: runningState }),
          status({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
        ],
      }),
      ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'lets the first container win over the rest',
      goPod('test3', two, {
        phase: 'podPhase',
        containerStatuses: [
          status({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
          status({
            restartCount: 3,
            state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } },
          }),
        ],
      }),
      ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    ],
    [
      'does not count a ready container that is not running',
      goPod('test4', two, {
        phase: 'podPhase',
        containerStatuses: [
          status({ ready: true, restartCount: 3, state: runningState }),
          status({ ready: true, restartCount: 3 }),
        ],
      }),
      ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    ],
    [
      'shows status.reason instead of the phase',
      goPod('test5', two, {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [
          status({ ready: true, restartCount: 3, state: runningState }),
          status({ ready: true, restartCount: 3 }),
        ],
      }),
      ['test5', '1/2', 'podReason', '6', '<unknown>'],
    ],
    [
      'shows NotReady for Completed next to a running container without Ready',
      goPod('test6', two, {
        phase: 'Running',
        containerStatuses: [
          status({
            ready: true,
            restartCount: 3,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          }),
          status({ ready: true, restartCount: 3, state: runningState }),
        ],
      }),
      ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    ],
    [
      'shows Running for Completed next to a running container with Ready',
      goPod('test6', two, {
        phase: 'Running',
        containerStatuses: [
          status({
            ready: true,
            restartCount: 3,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
          }),
          status({ ready: true, restartCount: 3, state: runningState }),
        ],
        conditions: [{ type: 'Ready', status: 'True' }],
      }),
      ['test6', '1/2', 'Running', '6', '<unknown>'],
    ],
    [
      'shows Init:0/1 while the init container restarts',
      goPod(
        'test7',
        { initContainers: unnamed(1), containers: unnamed(1) },
        {
          phase: 'podPhase',
          initContainerStatuses: [
            status({ restartCount: 3, state: runningState, lastState: finishedAgo(10) }),
          ],
          containerStatuses: [status({ state: { waiting: {} } })],
        },
      ),
      ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    ],
    [
      'shows Init:0/2 and stops counting at the first unfinished init container',
      goPod(
        'test8',
        { initContainers: unnamed(2), containers: unnamed(1) },
        {
          phase: 'podPhase',
          initContainerStatuses: [
            status({ restartCount: 3, state: runningState, lastState: finishedAgo(10) }),
            status({ state: { waiting: {} } }),
          ],
          containerStatuses: [status({ state: { waiting: {} } })],
        },
      ),
      ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'shows Init:1/2 after a completed init container',
      goPod(
        'test9',
        { initContainers: unnamed(2), containers: unnamed(1) },
        {
          phase: 'podPhase',
          initContainerStatuses: [
            status({ state: { terminated: { exitCode: 0 } } }),
            status({ restartCount: 3, state: runningState, lastState: finishedAgo(10) }),
          ],
          containerStatuses: [status({ state: { waiting: {} } })],
        },
      ),
      ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'sums the restarts of both init containers',
      goPod(
        'test10',
        { initContainers: unnamed(2), containers: unnamed(1) },
        {
          phase: 'podPhase',
          initContainerStatuses: [
            status({
              restartCount: 2,
              state: { terminated: { exitCode: 0 } },
              lastState: finishedAgo(120),
            }),
            status({ restartCount: 3, state: runningState, lastState: finishedAgo(10) }),
          ],
          containerStatuses: [status({ state: { waiting: {} } })],
        },
      ),
      ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    ],
  ])('%s', (_name, p, want) => {
    expect(cells(p)).toEqual(want);
  });
});
