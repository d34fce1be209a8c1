/**
 * TestPrintPod of pkg/printers/internalversion/printers_test.go: restart ages, scheduling gates,
 * terminal phases and deletion.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import {
  cells,
  day,
  finishedAgo,
  goPod,
  runningState,
  status,
  unnamed,
} from './goPrinterFixtures.js';

describe('printPodRow matches TestPrintPod (restarts, gates, terminal pods, deletion)', () => {
  const two = { containers: unnamed(2) };
  const one = { containers: unnamed(1) };
  it.each<[string, Pod, string[]]>([
    [
      'counts only container restarts once initialized',
      goPod(
        'test11',
        { initContainers: unnamed(1), containers: unnamed(1) },
        {
          phase: 'Running',
          initContainerStatuses: [
            status({
              restartCount: 2,
              state: { terminated: { exitCode: 0 } },
              lastState: finishedAgo(120),
            }),
          ],
          containerStatuses: [
            status({ restartCount: 4, state: runningState, lastState: finishedAgo(20) }),
          ],
        },
      ),
      ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    ],
    [
      'prints a restart five days ago',
      goPod('test12', one, {
        phase: 'Running',
        containerStatuses: [
          status({
            ready: true,
            restartCount: 3,
            state: runningState,
            lastState: finishedAgo(5 * day),
          }),
        ],
      }),
      ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    ],
    [
      'prints the restart of the container that restarted',
      goPod('test13', two, {
        phase: 'Running',
        containerStatuses: [
          status({ ready: true, state: runningState }),
          status({
            ready: true,
            restartCount: 3,
            state: runningState,
            lastState: finishedAgo(10 * day),
          }),
        ],
      }),
      ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
    ],
    [
      'prints the most recent of two restarts',
      goPod('test14', two, {
        phase: 'Running',
        containerStatuses: [
          status({
            ready: true,
            restartCount: 6,
            state: runningState,
            lastState: finishedAgo(5 * day),
          }),
          status({
            ready: true,
            restartCount: 3,
            state: runningState,
            lastState: finishedAgo(20 * day),
          }),
        ],
      }),
      ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    ],
    [
      'shows SchedulingGated from the PodScheduled condition',
      goPod('test15', two, {
        phase: 'podPhase',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    ],
    [
      'shows Completed for a succeeded pod',
      goPod('test16', one, {
        phase: 'Succeeded',
        containerStatuses: [
          status({ state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
        ],
      }),
      ['test16', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'shows Error for a failed pod',
      goPod('test17', one, {
        phase: 'Failed',
        containerStatuses: [status({ state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      }),
      ['test17', '0/1', 'Error', '0', '<unknown>'],
    ],
    [
      'keeps Completed for a succeeded pod being deleted',
      goPod(
        'test18',
        one,
        {
          phase: 'Succeeded',
          containerStatuses: [
            status({ state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
          ],
        },
        true,
      ),
      ['test18', '0/1', 'Completed', '0', '<unknown>'],
    ],
    [
      'shows Terminating for a running pod being deleted',
      goPod(
        'test19',
        one,
        { phase: 'Running', containerStatuses: [status({ state: runningState })] },
        true,
      ),
      ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    ],
    [
      'shows Terminating for a pending pod being deleted',
      goPod('test20', one, { phase: 'Pending' }, true),
      ['test20', '0/1', 'Terminating', '0', '<unknown>'],
    ],
  ])('%s', (_name, p, want) => {
    expect(cells(p)).toEqual(want);
  });
});
