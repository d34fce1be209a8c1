/**
 * TestPrintPodWithRestartableInitContainer, TestPrintPodwide and TestPrintPodConditions of
 * pkg/printers/internalversion/printers_test.go.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { printPodWideColumns } from '../../src/views/index.js';
import { cells, finishedAgo, goPod, runningState, status, unnamed } from './goPrinterFixtures.js';

describe('printPodRow matches TestPrintPodWithRestartableInitContainer', () => {
  const spec = {
    initContainers: [
      { name: 'restartable-init-1', restartPolicy: 'Always' },
      { name: 'restartable-init-2', restartPolicy: 'Always' },
    ],
    containers: unnamed(1),
  };
  const init1 = (extra: Partial<ContainerStatus>) =>
    status({ name: 'restartable-init-1', restartCount: 3, lastState: finishedAgo(10), ...extra });
  const init2 = (extra: Partial<ContainerStatus>) =>
    status({ name: 'restartable-init-2', ...extra });
  it.each<[string, Pod, string[]]>([
    [
      'shows Init:0/2 while the first sidecar is not started',
      goPod('test1', spec, {
        phase: 'Pending',
        initContainerStatuses: [
          init1({ state: runningState, started: false }),
          init2({ state: { waiting: {} }, started: false }),
        ],
        containerStatuses: [status({ state: { waiting: {} } })],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'shows Init:1/2 once the first sidecar started',
      goPod('test1', spec, {
        phase: 'Pending',
        initContainerStatuses: [
          init1({ state: runningState, started: true }),
          init2({ state: runningState, started: false }),
        ],
        containerStatuses: [status({ state: { waiting: {} } })],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    ],
    [
      'counts sidecar restarts with container restarts once running',
      goPod('test2', spec, {
        phase: 'Running',
        initContainerStatuses: [
          init1({ state: runningState, started: true }),
          init2({ state: runningState, started: true }),
        ],
        containerStatuses: [
          status({ ready: true, restartCount: 4, state: runningState, lastState: finishedAgo(20) }),
        ],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
    ],
    [
      'shows Completed once the sidecars were stopped',
      goPod('test3', spec, {
        phase: 'Succeeded',
        initContainerStatuses: [
          init1({ state: { terminated: { exitCode: 137, reason: 'Error' } }, started: false }),
          init2({ state: { terminated: { exitCode: 137, reason: 'Error' } }, started: false }),
        ],
        containerStatuses: [
          status({
            restartCount: 4,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
            lastState: finishedAgo(20),
          }),
        ],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
    ],
    [
      'ignores statuses of containers that are not in the spec',
      goPod(
        'test4',
        {
          initContainers: [
            { name: 'init1', image: 'initimage' },
            { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' },
          ],
          containers: [{ name: 'container1', image: 'containerimage' }],
        },
        {
          phase: 'Running',
          initContainerStatuses: [
            status({ name: 'initinvalid' }),
            status({ name: 'init1' }),
            status({ name: 'sidecar1' }),
          ],
          containerStatuses: [status({ name: 'containerinvalid' }), status({ name: 'container1' })],
        },
      ),
      ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
    ],
  ])('%s', (_name, p, want) => {
    expect(cells(p)).toEqual(want);
  });
});

describe('printPodWideColumns matches TestPrintPodwide', () => {
  const gates = [
    { conditionType: 'condition1' },
    { conditionType: 'condition2' },
    { conditionType: 'condition3' },
  ];
  const conditions = [
    { type: 'condition1', status: 'False' },
    { type: 'condition2', status: 'True' },
  ];
  it('shows the first pod IP, node, nominated node and true readiness gates', () => {
    const p = goPod(
      'test1',
      { containers: unnamed(2), nodeName: 'test1', readinessGates: gates },
      {
        conditions,
        phase: 'podPhase',
        podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
        nominatedNodeName: 'node1',
      },
    );
    expect(printPodWideColumns(p)).toEqual({
      ip: '1.1.1.1',
      node: 'test1',
      nominatedNode: 'node1',
      readinessGates: '1/3',
    });
  });
  it('shows <none> for every unset wide column', () => {
    const p = goPod('test2', { containers: unnamed(2), nodeName: '' }, { phase: 'podPhase' });
    expect(printPodWideColumns(p)).toEqual({
      ip: '<none>',
      node: '<none>',
      nominatedNode: '<none>',
      readinessGates: '<none>',
    });
  });
});

describe('printPodRow matches TestPrintPodConditions', () => {
  const statuses = [
    status({ ready: true, restartCount: 3, state: runningState }),
    status({ restartCount: 3 }),
  ];
  it.each([
    ['Running', 'Running'],
    ['Succeeded', 'Succeeded'],
    ['Failed', 'Failed'],
  ])('shows the phase %s when no container state overrides it', (phase, want) => {
    const p = goPod('test1', { containers: unnamed(2) }, { phase, containerStatuses: statuses });
    expect(cells(p)).toEqual(['test1', '1/2', want, '6', '<unknown>']);
  });
});
