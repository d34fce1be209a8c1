/** The scenario's traffic: section: defaults, and located errors for every bad value. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { loadInline } from '../helpers/inline.js';

const dir = mkdtempSync(join(tmpdir(), 'podsim-traffic-'));
const HEAD = 'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 2m\n';
const SERVICES = [
  'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }',
  'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }',
  'apiVersion: v1\nkind: Service\nmetadata: { name: cart, namespace: shop }\nspec: { selector: { app: cart }, ports: [{ name: http, port: 80 }] }',
].join('\n---\n');

async function errorsOf(traffic: string): Promise<string[]> {
  const f = join(dir, `s${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(f, `${HEAD}traffic:\n${traffic}`);
  const r = await cli(['run', f]);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  return r.err
    .trim()
    .split('\n')
    .map((l) => l.replace(f, 'F'))
    .filter((l) => !l.startsWith('podsim: '));
}

describe('scenario traffic:', () => {
  it('defaults balancing to roundRobin, the delay to 1 s and the span to the whole run', () => {
    const inputs = loadInline({
      's.yaml': `${HEAD}traffic:\n  - { service: web, rate: 50 }\n  - { service: svc/shop/cart, rate: 30/m, port: http, balancing: random, propagationDelay: 500ms, from: 10s, until: 1m }\n`,
      'm.yaml': SERVICES,
    });
    expect(inputs.scenario.traffic).toEqual([
      {
        service: { namespace: 'default', name: 'web' },
        rate: { count: 50, perMs: 1000, text: '50/s' },
        propagationDelayMs: 1000,
        balancing: 'roundRobin',
        fromMs: 0,
        untilMs: null,
        source: 's.yaml:5',
      },
      {
        service: { namespace: 'shop', name: 'cart' },
        port: 'http',
        rate: { count: 30, perMs: 60_000, text: '30/m' },
        propagationDelayMs: 500,
        balancing: 'random',
        fromMs: 10_000,
        untilMs: 60_000,
        source: 's.yaml:6',
      },
    ]);
  });

  it('reports each bad field with its location and what is allowed', async () => {
    expect(await errorsOf('  - { rate: 50/s }\n')).toEqual([
      'F:5:5: traffic[0].service: Required value: the Service: NAME, svc/NAME or svc/NAMESPACE/NAME',
    ]);
    expect(await errorsOf('  - { service: Web_1, rate: 50/s }\n')).toEqual([
      'F:5:16: traffic[0].service: Invalid value: "Web_1": must be NAME, svc/NAME or svc/NAMESPACE/NAME',
    ]);
    expect(await errorsOf('  - { service: web, rate: 2.5/s }\n')).toEqual([
      'F:5:27: traffic[0].rate: Invalid value: "2.5/s": must be a whole number of requests per second, minute or hour: 50/s, 30/m, 100/h (at least 1, at most 1000000 per unit)',
    ]);
    expect(await errorsOf('  - { service: web }\n')).toEqual([
      'F:5:5: traffic[0].rate: Required value: must be a whole number of requests per second, minute or hour: 50/s, 30/m, 100/h',
    ]);
    expect(await errorsOf('  - { service: web, rate: 5/s, balancing: leastConn }\n')).toEqual([
      'F:5:43: traffic[0].balancing: Unsupported value: "leastConn": supported values: "roundRobin", "random"',
    ]);
    expect(await errorsOf('  - { service: web, rate: 5/s, from: 1m, until: 30s }\n')).toEqual([
      'F:5:49: traffic[0].until: Invalid value: "30s": must be later than from',
    ]);
    expect(await errorsOf('  - { service: web, rate: 5/s, delay: 2s }\n')).toEqual([
      'F:5:32: traffic[0].delay: unknown field "delay"; allowed here: service, port, rate, propagationDelay, balancing, from, until',
    ]);
    expect(await errorsOf('  - { service: web, rate: 1000000/s }\n')).toEqual([
      'F:5:27: traffic[0].rate: Invalid value: "1000000/s": 1000000/s from 0s to 120s is more than 10000000 requests; lower the rate or shorten from/until',
    ]);
  });

  it('names a Service that no manifest or apply action creates', async () => {
    const m = join(dir, 'services.yaml');
    writeFileSync(m, SERVICES);
    const f = join(dir, 'typo.yaml');
    writeFileSync(
      f,
      `${HEAD}manifests: [services.yaml]\ntraffic:\n  - { service: wbe, rate: 5/s }\n`,
    );
    const r = await cli(['run', f]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]!.replace(f, 'F')).toBe(
      'F:6:16: traffic[0].service: Not found: no Service "wbe" in namespace "default" in the manifests or apply actions (Services: default/web, shop/cart)',
    );
  });

  it('names a port the Service does not have (it used to count every request as noEndpoints)', async () => {
    const m = join(dir, 'services.yaml');
    writeFileSync(m, SERVICES);
    const f = join(dir, 'port.yaml');
    writeFileSync(
      f,
      `${HEAD}manifests: [services.yaml]\ntraffic:\n  - { service: svc/shop/cart, rate: 5/s, port: grpc }\n  - { service: web, rate: 5/s, port: 8080 }\n  - { service: web, rate: 5/s, port: 80 }\n`,
    );
    const r = await cli(['run', f]);
    expect(r.code).toBe(2);
    expect(
      r.err
        .trim()
        .split('\n')
        .map((l) => l.replace(f, 'F')),
    ).toEqual([
      'F:6:48: traffic[0].port: Not found: "grpc": the Service "cart" has no such port; its ports: http (80) (a name or a port number)',
      'F:7:38: traffic[1].port: Not found: 8080: the Service "web" has no such port; its ports: 80 (a name or a port number)',
      'podsim: 2 errors in the input; nothing was run',
    ]);
  });
});
