/**
 * Acceptance points of the probe and trace issues, on the bundled examples:
 * - `diff` of liveness-exec with failureThreshold 3 vs 1 reports the first kill 10 s earlier and
 *   the restarts shifted (each 75 s cycle becomes 65 s: 10 s more per restart);
 * - for every example, `explain` names the probe results and thresholds behind each probe kill.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { explain } from '../../src/trace/explain.js';
import { loadTrace } from '../../src/trace/loadTrace.js';

function threshold1(): string {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-le1-'));
  writeFileSync(
    join(dir, 'scenario.yaml'),
    readFileSync('traces/liveness-exec/scenario.yaml', 'utf8'),
  );
  const pod = readFileSync('traces/liveness-exec/exec-liveness.yaml', 'utf8');
  writeFileSync(
    join(dir, 'exec-liveness.yaml'),
    pod.replace('      periodSeconds: 5\n', '      periodSeconds: 5\n      failureThreshold: 1\n'),
  );
  return join(dir, 'scenario.yaml');
}

describe('diff of liveness-exec, failureThreshold 3 vs 1', () => {
  it('reports the kill 10 s earlier and every restart shifted by a further 10 s', async () => {
    const r = await cli(['diff', 'traces/liveness-exec/scenario.yaml', threshold1()]);
    expect(r.code).toBe(1);
    const rows = r.out
      .split('\n')
      .filter((l) => l.startsWith('pod/liveness-exec'))
      .map((l) => l.split(/\s{2,}/).slice(1));
    // Threshold 3: failures at 35, 40, 45 s → Killing at 45 s. Threshold 1: the first failure at 35 s
    // kills. SIGKILL follows 30 s later in both; each later cycle is 10 s shorter with threshold 1.
    expect(rows).toContainEqual(['SIGTERM', '45s', '35s', '-10s']);
    expect(rows).toContainEqual(['SIGKILL', '1m15s', '1m5s', '-10s']);
    expect(rows).toContainEqual(['liveness restart 1', '1m15.5s', '1m5.5s', '-10s']);
    expect(rows).toContainEqual(['liveness restart 2', '2m30.5s', '2m10.5s', '-20s']);
    expect(rows).toContainEqual(['liveness restart 3', '3m45.5s', '3m15.5s', '-30s']);
  });
});

const EXAMPLES = readdirSync('traces').filter((n) =>
  readdirSync(join('traces', n)).includes('trace.jsonl'),
);

describe.each(EXAMPLES)('explain on the kills of %s', (name) => {
  const trace = loadTrace(join('traces', name, 'trace.jsonl'));
  const kills = trace.events.filter(
    (e) =>
      e.type === 'container/killing' &&
      ['liveness', 'startup'].includes((e.payload as { reason: string }).reason),
  );

  it('names the failed probe results, the threshold and the period behind each probe kill', () => {
    for (const k of kills) {
      const { summary } = explain(trace, k.seq);
      expect(summary).toMatch(
        /(liveness|startup) probe failed (\d+)\/\2 \(failureThreshold \2, period \d+s\) at [\dms., ]+/,
      );
    }
    expect(kills.length > 0).toBe(WITH_PROBE_KILLS.has(name));
  });
});

/** The examples whose containers are killed by a failing liveness or startup probe. */
const WITH_PROBE_KILLS = new Set([
  'liveness-exec',
  'liveness-httpget',
  'probe-tcp',
  'probe-timeout',
]);
