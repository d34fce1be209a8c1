/**
 * The API server allocates each Service its own ClusterIP and node ports, also when several
 * Services arrive in one apply (one manifest file, or several files at time 0).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import { runFiles } from '../helpers/run.js';

const dir = mkdtempSync(join(tmpdir(), 'podsim-svc-'));
const svc = (name: string, type: string, nodePort = ''): string => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  type: ${type}
  selector: {app: ${name}}
  ports: [{port: 80${nodePort}}]
`;

describe('Service addresses', () => {
  it('gives every Service of one apply its own ClusterIP and node ports', () => {
    const f = join(dir, 'svcs.yaml');
    writeFileSync(
      f,
      [
        svc('a', 'ClusterIP'),
        svc('b', 'NodePort'),
        svc('c', 'LoadBalancer'),
        svc('d', 'NodePort', ', nodePort: 30001'),
        svc('e', 'NodePort'),
      ].join('---\n'),
    );
    const { state } = runFiles([f], { untilMs: 1000 });
    const services = [...state.objects.values()]
      .filter((o) => o.kind === 'Service')
      .map((o) => o.object as Service);
    expect(services.map((s) => s.spec!.clusterIP)).toEqual([
      '10.96.0.2',
      '10.96.0.3',
      '10.96.0.4',
      '10.96.0.5',
      '10.96.0.6',
    ]);
    const ports = services.flatMap((s) => (s.spec!.ports ?? []).map((p) => p.nodePort));
    const given = ports.filter((p) => p !== undefined);
    expect(given).toHaveLength(4);
    expect(new Set(given).size).toBe(4);
    expect(given).toContain(30001);
    for (const p of given) expect(p! >= 30000 && p! <= 32767).toBe(true);
  });

  it('does the same for Services from separate files applied together', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, svc('a', 'NodePort'));
    writeFileSync(b, svc('b', 'NodePort'));
    const { state } = runFiles([a, b], { untilMs: 1000 });
    const ips = [...state.objects.values()]
      .filter((o) => o.kind === 'Service')
      .map((o) => (o.object as Service).spec!.clusterIP);
    expect(ips).toEqual(['10.96.0.2', '10.96.0.3']);
  });
});
