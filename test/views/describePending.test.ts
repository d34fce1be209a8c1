import type { Event } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { describePod } from '../../src/views/index.js';
import { at, condition, pod, running } from './fixtures.js';

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

function unschedulable() {
  const p = pod({
    conditions: [condition('PodScheduled', 'False', 'Unschedulable')],
  });
  p.spec!.containers[0]!.resources = { requests: { cpu: '8' } };
  return p;
}

const failedScheduling: Event = {
  metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'uid-web' },
  type: 'Warning',
  reason: 'FailedScheduling',
  message:
    '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  source: { component: 'default-scheduler' },
  firstTimestamp: at(0),
  lastTimestamp: at(0),
  count: 1,
};

describe('describePod for a pod that is not running', () => {
  it('prints an unscheduled pod with <none> placeholders and an empty IP', () => {
    expect(describePod(unschedulable(), [], at(60))).toBe(
      lines(
        'Name:         web',
        'Namespace:    default',
        'Node:         <none>',
        'Labels:       <none>',
        'Annotations:  <none>',
        'Status:       Pending',
        'IP:           ',
        'IPs:          <none>',
        'Containers:',
        '  app:',
        '    Image:      registry.example/app:1.0',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Requests:',
        '      cpu:        8',
        '    Environment:  <none>',
        '    Mounts:       <none>',
        'Conditions:',
        '  Type           Status',
        '  PodScheduled   False ',
        'Volumes:         <none>',
        'QoS Class:       Burstable',
        'Node-Selectors:  <none>',
        'Tolerations:     <none>',
        'Events:          <none>',
      ),
    );
  });

  it('aligns the Events table on its own, apart from the lines above it', () => {
    const out = describePod(unschedulable(), [failedScheduling], at(60));
    expect(out.split('\n').slice(-6).join('\n')).toBe(
      lines(
        'Tolerations:     <none>',
        'Events:',
        '  Type     Reason            Age   From               Message',
        '  ----     ------            ----  ----               -------',
        '  Warning  FailedScheduling  60s   default-scheduler  0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
      ),
    );
  });

  it('omits the Events section when events are not shown', () => {
    expect(describePod(unschedulable(), null, at(60)).endsWith('Tolerations:     <none>\n')).toBe(
      true,
    );
  });
});

describe('describePod for a pod being deleted', () => {
  const deleting = (phase: string) =>
    pod({ phase, nodeName: 'node-1', deletionTimestamp: at(130), statuses: [running('app')] });

  const statusLines = (out: string) =>
    out.split('\n').filter((l) => /^(Status|Termination Grace Period):/.test(l));

  it('shows Terminating (lasts <invalid>) while the deletion deadline is ahead', () => {
    expect(statusLines(describePod(deleting('Running'), [], at(100)))).toEqual([
      'Status:                    Terminating (lasts <invalid>)',
      'Termination Grace Period:  30s',
    ]);
  });

  it('shows how long a pod has been stuck past its deletion deadline', () => {
    expect(statusLines(describePod(deleting('Running'), [], at(145)))).toEqual([
      'Status:                    Terminating (lasts 15s)',
      'Termination Grace Period:  30s',
    ]);
  });

  it('shows the terminal phase of a finished pod that is being deleted', () => {
    expect(statusLines(describePod(deleting('Succeeded'), [], at(100)))).toEqual([
      'Status:       Succeeded',
    ]);
  });
});
