/** The events the scheduler and kubelet recorded for describeFixtures.ts crashingPod. */
import type { Event } from 'kubernetes-types/core/v1.js';

const ev = (
  reason: string,
  message: string,
  first: string,
  last: string,
  count = 1,
  type = 'Normal',
  component = 'kubelet',
): Event => ({
  metadata: { name: `web-6d8f7c9b5-x7k2p.${reason.toLowerCase()}`, namespace: 'shop' },
  involvedObject: {
    kind: 'Pod',
    namespace: 'shop',
    name: 'web-6d8f7c9b5-x7k2p',
    uid: '3f6c1b2a-0d4e-4c5f-9a7b-1e2d3c4b5a69',
  },
  type,
  reason,
  message,
  source: { component, ...(component === 'kubelet' ? { host: 'node-1' } : {}) },
  firstTimestamp: first,
  lastTimestamp: last,
  count,
});

/** As `kubectl get events` lists them (not in time order). */
export const crashingPodEvents: Event[] = [
  ev(
    'BackOff',
    'Back-off restarting failed container web in pod web-6d8f7c9b5-x7k2p_shop(3f6c1b2a-0d4e-4c5f-9a7b-1e2d3c4b5a69)',
    '2025-03-10T09:00:12Z',
    '2025-03-10T09:04:50Z',
    19,
    'Warning',
  ),
  ev(
    'Scheduled',
    'Successfully assigned shop/web-6d8f7c9b5-x7k2p to node-1',
    '2025-03-10T09:00:00Z',
    '2025-03-10T09:00:00Z',
    1,
    'Normal',
    'default-scheduler',
  ),
  ev(
    'Pulled',
    'Container image "shop/migrate:2.1" already present on machine',
    '2025-03-10T09:00:03Z',
    '2025-03-10T09:00:03Z',
  ),
  ev('Created', 'Created container migrate', '2025-03-10T09:00:03Z', '2025-03-10T09:00:03Z'),
  ev('Started', 'Started container migrate', '2025-03-10T09:00:04Z', '2025-03-10T09:00:04Z'),
  ev(
    'Pulled',
    'Container image "shop/web:2.1" already present on machine',
    '2025-03-10T09:00:09Z',
    '2025-03-10T09:03:40Z',
    5,
  ),
  ev('Created', 'Created container web', '2025-03-10T09:00:09Z', '2025-03-10T09:03:40Z', 5),
  ev('Started', 'Started container web', '2025-03-10T09:00:09Z', '2025-03-10T09:03:40Z', 5),
];
