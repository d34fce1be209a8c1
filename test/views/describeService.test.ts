/**
 * `podsim describe svc`: kubectl's describeService, with each port's Endpoints line built as
 * formatEndpointSlices builds it from the Service's EndpointSlices.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { describeService, formatEndpointSlices } from '../../src/views/describe/describeService.js';
import { endpointSliceRows, serviceSlices } from '../../src/views/endpointSlices.js';
import { runInline } from '../helpers/inline.js';
import type { ClusterState } from '../../src/state/model.js';

const ROLLOUT = 'traces/rollout-traffic/trace.jsonl';

describe('podsim describe svc', () => {
  it('prints the Service, its addresses and the ready endpoints of each port', async () => {
    // 62 s into the rolling update: three pods are ready, two new ones have no IP yet.
    const r = await cli(['describe', 'svc', 'web', ROLLOUT, '--at', '62s']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Name:                     web',
        'Namespace:                default',
        'Labels:                   <none>',
        'Annotations:              <none>',
        'Selector:                 app=web',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.0.2',
        'IPs:                      10.96.0.2',
        'Port:                     <unset>  80/TCP',
        'TargetPort:               80/TCP',
        'Endpoints:                10.244.0.5:80,10.244.0.6:80,10.244.0.7:80',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
    // The same addresses as the Endpoints object.
    const eps = await cli(['get', 'endpoints', ROLLOUT, '--at', '62s']);
    expect(eps.out).toContain('10.244.0.5:80,10.244.0.6:80,10.244.0.7:80');
  });

  it("shows a NodePort Service's node port and external traffic policy", async () => {
    const r = await cli([
      'describe',
      'service',
      'myserver-myapp-service-name',
      'traces/myserver-init/scenario.yaml',
    ]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('Type:                     NodePort');
    expect(lines).toContain('Port:                     http  80/TCP');
    expect(lines).toContain('NodePort:                 http  30080/TCP');
    expect(lines).toContain('External Traffic Policy:  Cluster');
    expect(lines).toContain('Labels:                   app=myserver-myapp-service');
  });

  it('says NotFound as kubectl does', async () => {
    const r = await cli(['describe', 'svc', 'nope', ROLLOUT]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('Error from server (NotFound): services "nope" not found\n');
  });
});

describe('formatEndpointSlices', () => {
  const slice = (
    ports: { name: string; port: number }[],
    endpoints: [string, boolean][],
  ): { ports: typeof ports; endpoints: { ip: string; ready: boolean }[] } => ({
    ports,
    endpoints: endpoints.map(([ip, ready]) => ({ ip, ready })),
  });

  it('is <none> without slices, and empty with only the placeholder or no ready endpoint', () => {
    expect(formatEndpointSlices([], '')).toBe('<none>');
    expect(formatEndpointSlices([slice([], [])], '')).toBe('');
    expect(formatEndpointSlices([slice([{ name: '', port: 80 }], [['10.0.0.1', false]])], '')).toBe(
      '',
    );
  });

  it('lists the ready endpoints of the port of that name, 3 then + N more', () => {
    const ports = [
      { name: 'http', port: 8080 },
      { name: 'metrics', port: 9090 },
    ];
    const s = slice(ports, [
      ['10.0.0.1', true],
      ['10.0.0.2', false],
      ['10.0.0.3', true],
      ['10.0.0.4', true],
      ['10.0.0.5', true],
      ['10.0.0.6', true],
    ]);
    expect(formatEndpointSlices([s], 'http')).toBe(
      '10.0.0.1:8080,10.0.0.3:8080,10.0.0.4:8080 + 2 more...',
    );
    expect(formatEndpointSlices([s], 'metrics')).toMatch(/^10\.0\.0\.1:9090,/);
    expect(formatEndpointSlices([s], 'other')).toBe('');
  });

  it('counts the list full at 3 even when only not-ready endpoints follow (kubectl prints + 0 more)', () => {
    const s = slice(
      [{ name: '', port: 80 }],
      [
        ['10.0.0.1', true],
        ['10.0.0.2', true],
        ['10.0.0.3', true],
        ['10.0.0.4', false],
      ],
    );
    expect(formatEndpointSlices([s], '')).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 0 more...');
  });

  it('lists a portless slice by address alone, and brackets IPv6 hosts', () => {
    expect(formatEndpointSlices([slice([], [['10.0.0.9', true]])], 'x')).toBe('10.0.0.9');
    expect(formatEndpointSlices([slice([{ name: '', port: 80 }], [['fd00::1', true]])], '')).toBe(
      '[fd00::1]:80',
    );
  });
});

describe('EndpointSlices per port set', () => {
  it('get endpointslices and describe svc see the same slices: one per resolved port set', () => {
    const pod = (name: string, port: number): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: web}}\nspec:\n  containers:\n  - {name: c, image: "nginx:1.20.2", ports: [{name: http, containerPort: ${port}}]}\n`;
    const { state } = runInline(
      {
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 30s\nnodes: [{name: n1, images: ["nginx:1.20.2"]}]\n',
        'm.yaml': [
          pod('a', 80),
          pod('b', 8080),
          'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n',
        ].join('---\n'),
      },
      { untilMs: 30_000 },
    );
    const svc = [...state.objects.values()].find((o) => o.kind === 'Service')!;
    const slices = serviceSlices(state, svc);
    expect(slices.map((s) => s.ports.map((p) => p.port))).toEqual(
      expect.arrayContaining([[80], [8080]]),
    );
    const rows = endpointSliceRows(state, 30_000);
    expect(rows.map((r) => r[0])).toEqual(slices.map((s) => s.name));
    expect(rows.map((r) => r[2]).sort()).toEqual(['80', '8080']);
    const text = describeService(svc.object, slices, null, '2025-01-01T00:00:30Z');
    const line = text.split('\n').find((l) => l.startsWith('Endpoints:'))!;
    expect(line.split(/\s+/)[1]!.split(',').sort()).toEqual(
      [`${podIp(state, 'a')}:80`, `${podIp(state, 'b')}:8080`].sort(),
    );
  });
});

const podIp = (state: ClusterState, name: string): string =>
  state.pods.get(`default/${name}`)!.pod.status!.podIP!;
