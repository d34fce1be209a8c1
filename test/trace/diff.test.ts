/**
 * `podsim diff A B`: events are aligned by object, type and occurrence, so a run compared with
 * itself is equivalent, and a changed threshold shows where the behaviour parts and by how much.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { alignmentKeys, firstDivergence, INPUT_TYPES } from '../../src/trace/firstDivergence.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import {
  GOLDEN,
  goldenTrace,
  PROBE_KILL,
  probeKillTrace,
  scratchDir,
  writeRunTrace,
} from './traceHelpers.js';

const PK = probeKillTrace();

/** The probe-kill fixture with failureThreshold 4 instead of 3, as input files in a new directory. */
function threshold4(): string {
  const dir = scratchDir();
  const src = 'test/trace/fixtures/probe-kill';
  writeFileSync(join(dir, 'scenario.yaml'), readFileSync(`${src}/scenario.yaml`, 'utf8'));
  writeFileSync(
    join(dir, 'pod.yaml'),
    readFileSync(`${src}/pod.yaml`, 'utf8').replace('failureThreshold: 3', 'failureThreshold: 4'),
  );
  return join(dir, 'scenario.yaml');
}

describe('podsim diff', () => {
  it.each(GOLDEN)('finds %s equivalent to itself (exit 0)', async (name) => {
    const r = await cli(['diff', goldenTrace(name), goldenTrace(name)]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(
      `equivalent: the ${loadTrace(goldenTrace(name)).events.length} events line up one to one (times, payloads and causes)`,
    );
  });

  it('finds a trace equivalent to its own inputs simulated again', async () => {
    const r = await cli(['diff', PK, PROBE_KILL]);
    expect(r.code).toBe(0);
  });

  it('with one more probe failure allowed: inputs differ, then the kill comes one period later', async () => {
    const r = await cli(['diff', PK, threshold4()]);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'inputs differ: Pod/default/web pod/created #1: payload.pod.spec.containers[0].livenessProbe.failureThreshold differs',
      'first divergence at 45s: Pod/default/web app probe/result #3: payload.cached differs',
    ]);
    expect(lines.filter((l) => l.startsWith('summary: '))).toEqual([
      'summary: app started → liveness probe failed 3/3 (failureThreshold 3, period 5s) at 35s, 40s, 45s → restart 1',
      'summary: app started → liveness probe failed 3/4 (failureThreshold 4, period 5s) at 35s, 40s, 45s',
    ]);
    const table = lines.slice(
      lines.indexOf('POD          MILESTONE         A       B       DELTA'),
    );
    expect(table).toEqual([
      'POD          MILESTONE         A       B       DELTA',
      'pod/web      scheduled         0s      0s      0s',
      'pod/web      Ready             1s      1s      0s',
      'pod/web      app started       1s      1s      0s',
      'pod/web      first Unhealthy   35s     35s     0s',
      'pod/web      SIGTERM           45s     50s     +5s',
      'pod/web      SIGKILL           1m15s   1m20s   +5s',
      'pod/web      app restart 1     1m15s   1m20s   +5s',
      'pod/web      app restart 2     2m25s   2m35s   +10s',
      'pod/web      deleted           3m30s   3m30s   0s',
      'pod/shadow   scheduled         0s      0s      0s',
      'pod/shadow   side started      1s      1s      0s',
      'pod/shadow   first Unhealthy   20s     20s     0s',
      '',
    ]);
  });

  it('aligns by what events are, not where they are: an extra event early shifts no pairing', () => {
    const t = loadTrace(goldenTrace('sleep-exit-always')).events;
    const shifted = [t[0]!, { ...t[1]!, object: 'Node/extra' }, ...t.slice(1)].map((e, i) => ({
      ...e,
      seq: i,
      cause: e.cause === null ? null : e.cause + (e.seq >= 1 && i > 1 ? 1 : 0),
    }));
    expect(alignmentKeys(t).slice(2, 5)).toEqual([
      'Pod/default/foo pod/created #1',
      'Pod/default/foo pod/scheduled #1',
      'Pod/default/foo sandbox/creating #1',
    ]);
    expect(firstDivergence(t, shifted)).toEqual({
      key: 'Node/extra node/registered #1',
      a: undefined,
      b: shifted[1],
      why: 'only in B',
    });
  });

  it('ignores identifiers drawn from the seed (container ids) when nothing else differs', () => {
    const dir = scratchDir();
    const files = ['traces/sleep-exit-never/scenario.yaml'];
    const ea = loadTrace(writeRunTrace(dir, 'a.jsonl', files, { seed: 1 })).events;
    const eb = loadTrace(writeRunTrace(dir, 'b.jsonl', files, { seed: 2 })).events;
    expect(ea.find((e) => e.type === 'container/created')).not.toEqual(
      eb.find((e) => e.type === 'container/created'),
    );
    expect(firstDivergence(ea, eb)?.key).toBe('Cluster cluster/started #1');
    expect(firstDivergence(ea, eb, INPUT_TYPES)).toBeUndefined();
  });

  it('wants exactly two runs', async () => {
    expect((await cli(['diff', PK])).err).toBe(
      'podsim: diff: give two runs, A and B (each a trace or an input file)\n',
    );
  });
});
