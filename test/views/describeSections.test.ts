import type { Container, Event, Volume } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { describeEnv } from '../../src/views/describe/env.js';
import { describeEvents } from '../../src/views/describe/events.js';
import { printAnnotationsMultiline } from '../../src/views/describe/multiline.js';
import { PrefixWriter } from '../../src/views/describe/prefixWriter.js';
import { describeVolumes } from '../../src/views/describe/volumes.js';
import { describePod } from '../../src/views/index.js';
import { at, pod } from './fixtures.js';

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;
const render = (draw: (w: PrefixWriter) => void): string => {
  const w = new PrefixWriter();
  draw(w);
  return w.toString();
};

describe('describe Environment', () => {
  it('prints multi-line values, config map keys and resource fields as kubectl resolves them', () => {
    const c: Container = {
      name: 'app',
      resources: { requests: { memory: '64Mi' } },
      env: [
        { name: 'BANNER', value: 'hello\nworld' },
        {
          name: 'MODE',
          valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } },
        },
        { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
        {
          name: 'MEM_MI',
          valueFrom: { resourceFieldRef: { resource: 'requests.memory', divisor: '1Mi' } },
        },
      ],
    };
    expect(render((w) => describeEnv(w, pod(), c))).toBe(
      lines(
        '    Environment:',
        '      BANNER:     hello',
        '                  world',
        "      MODE:       <set to the key 'mode' of config map 'cfg'>  Optional: true",
        '      CPU_LIMIT:  node allocatable (limits.cpu)',
        '      MEM_MI:     64 (requests.memory)',
      ),
    );
  });
});

describe('describe Volumes', () => {
  it('prints each common volume source with kubectl v1.31 labels', () => {
    const volumes: Volume[] = [
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '0.5Gi' } },
      { name: 'scratch', emptyDir: {} },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'tls', secret: { secretName: 'web-tls' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
      {
        name: 'podinfo',
        downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] },
      },
      { name: 'legacy', gcePersistentDisk: { pdName: 'disk-1' } },
    ];
    expect(render((w) => describeVolumes(w, volumes))).toBe(
      lines(
        'Volumes:',
        '  cache:',
        "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:     Memory',
        '    SizeLimit:  512Mi',
        '  scratch:',
        "    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)",
        '    Medium:     ',
        '    SizeLimit:  <unset>',
        '  logs:',
        '    Type:          HostPath (bare host directory volume)',
        '    Path:          /var/log',
        '    HostPathType:  Directory',
        '  tls:',
        '    Type:        Secret (a volume populated by a Secret)',
        '    SecretName:  web-tls',
        '    Optional:    false',
        '  data:',
        '    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
        '    ClaimName:  data-web-0',
        '    ReadOnly:   false',
        '  podinfo:',
        '    Type:  DownwardAPI (a volume populated by information about the pod)',
        '    Items:',
        '      metadata.labels -> labels',
        '  legacy:',
        '  <unknown>',
      ),
    );
  });
});

describe('describe CSI VolumeAttributes', () => {
  it('cuts a long attribute line at 140 bytes, as Go slices a string', () => {
    // 'k=' and 46 three-byte characters: 2 + 138 = 140 bytes, then one more character.
    const fits = `${'€'.repeat(46)}`;
    const volumes: Volume[] = [
      {
        name: 'secrets',
        csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { k: fits, l: `${fits}€` } },
      },
    ];
    const out = render((w) => describeVolumes(w, volumes)).split('\n');
    expect(
      out
        .find((l) => l.includes('k='))!
        .trimEnd()
        .endsWith(`k=${fits}`),
    ).toBe(true);
    expect(
      out
        .find((l) => l.includes('l='))!
        .trimEnd()
        .endsWith(`l=${fits}...`),
    ).toBe(true);
  });
});

describe('describe Events', () => {
  const base = { metadata: {}, involvedObject: {}, type: 'Normal' };
  it('uses series, eventTime and reportingComponent of events.k8s.io events', () => {
    const events: Event[] = [
      {
        ...base,
        reason: 'Pulling',
        message: '  Pulling image "nginx"\n',
        eventTime: '2025-01-01T00:00:10.123456Z',
        reportingComponent: 'kubelet',
      },
      {
        ...base,
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        eventTime: '2025-01-01T00:00:20.000000Z',
        series: { count: 7, lastObservedTime: '2025-01-01T00:01:50.000000Z' },
        reportingComponent: 'kubelet',
      },
    ];
    expect(render((w) => describeEvents(w, events, Date.parse(at(120))))).toBe(
      lines(
        'Events:',
        '  Type     Reason     Age                 From     Message',
        '  ----     ------     ----                ----     -------',
        '  Normal   Pulling    109s                kubelet  Pulling image "nginx"',
        '  Warning  Unhealthy  10s (x7 over 100s)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503',
      ),
    );
  });
});

describe('describe text safety', () => {
  it('folds long or multi-line annotations onto their own lines', () => {
    const long = 'x'.repeat(150);
    expect(
      render((w) =>
        printAnnotationsMultiline(w, 'Annotations', { note: 'a\nb', long, short: 'ok' }),
      ),
    ).toBe(
      lines(
        'Annotations:  long:',
        `                ${'x'.repeat(138)}...`,
        '              note:',
        '                a',
        '                b',
        '              short: ok',
      ),
    );
  });

  it('escapes terminal control characters but keeps markup in names', () => {
    const p = pod({ name: '<b>web</b>\x1b[2J' });
    expect(describePod(p, null, at(1)).split('\n')[0]).toBe('Name:         <b>web</b>^[[2J');
  });
});
