/**
 * get endpoints / get endpointslices agree with get pods -o wide: the Endpoints object lists the
 * Ready pods' IPs with the Service's targetPort; the EndpointSlice lists every pod with an IP
 * (ready or not; a pod still without IP is no endpoint), in kubectl's format (3 entries, then ` + N more...`).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { cli } from '../helpers/run.js';

const TRACE = 'traces/rollout-traffic/trace.jsonl';
const TARGET_PORT = 80; // web.yaml: Service port 80 → targetPort 80

async function podsWide(at: string): Promise<Array<{ name: string; ready: boolean; ip: string }>> {
  const out = (await cli(['get', 'pods', TRACE, '--at', at, '-o', 'wide'])).out;
  return out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s{2,}/))
    .map((c) => ({ name: c[0]!, ready: c[1] === '1/1' && c[2] === 'Running', ip: c[5]! }));
}

/**
 * The pods in creation order, the order podsim's EndpointSlice lists them in (the controller
 * builds slices from its pod lister, whose order is a map's; `get pods` sorts by name).
 */
const CREATED = readFileSync(TRACE, 'utf8')
  .split('\n')
  .filter((l) => l.includes('"type":"pod/created"'))
  .map((l) => (JSON.parse(l) as { object: string }).object.split('/')[2]!);
const inCreationOrder = <T extends { name: string }>(pods: T[]): T[] =>
  [...pods].sort((a, b) => CREATED.indexOf(a.name) - CREATED.indexOf(b.name));

const moreList = (xs: string[]): string =>
  xs.length > 3
    ? `${xs.slice(0, 3).join(',')} + ${xs.length - 3} more...`
    : xs.join(',') || '<unset>';

describe('get endpoints and endpointslices', () => {
  for (const at of ['30s', '61s', '62s', '63s', '90s']) {
    it(`match get pods -o wide at ${at}`, async () => {
      const pods = await podsWide(at);
      const eps = (await cli(['get', 'endpoints', TRACE, '--at', at])).out.split('\n')[1]!;
      const ready = pods.filter((p) => p.ready).map((p) => `${p.ip}:${TARGET_PORT}`);
      expect(eps.split(/\s{2,}/)[1]).toBe(moreList(ready.sort()));
      const slice = (await cli(['get', 'endpointslices', TRACE, '--at', at])).out.split('\n');
      expect(slice[0]).toMatch(/^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE$/);
      const cells = slice[1]!.split(/\s{2,}/);
      expect(cells[0]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(cells.slice(1, 4)).toEqual([
        'IPv4',
        String(TARGET_PORT),
        moreList(inCreationOrder(pods.filter((p) => p.ip !== '<none>')).map((p) => p.ip)),
      ]);
      expect(cells[4]).toBe(at);
    });
  }
});
