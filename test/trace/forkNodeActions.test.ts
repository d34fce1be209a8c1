/**
 * A fork's nodeDown/nodeUp actions name the recorded run's nodes: the fork file cannot set nodes
 * (they exist at the fork instant), so it must not be checked against a default node-1 of its own.
 * What if node-2 (down at 60 s in traces/node-lost-traffic) came back at 70 s, before the node
 * lifecycle controller's verdict at 95 s? Then its pod is never marked not ready, and only the
 * requests kube-proxy sent it while the node was down fail: (70 s − 60 s) × 30/s ÷ 3 endpoints.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { cli } from '../helpers/run.js';

const DOWN = 60_000;
const FORK = 65_000;
const UP = 70_000;
const RATE = 30;
const ENDPOINTS = 3;
const TRACE = 'traces/node-lost-traffic/trace.jsonl';

const dir = mkdtempSync(join(tmpdir(), 'podsim-fork-node-'));
const set = (name: string, node: string): string => {
  const p = join(dir, name);
  writeFileSync(
    p,
    `apiVersion: podsim/v1alpha1\nkind: Scenario\nactions:\n  - at: ${UP / 1000}s\n    nodeUp: ${node}\n`,
  );
  return p;
};

describe('fork with a nodeUp action', () => {
  it('brings node-2 back: no NotReady verdict, only the outage’s requests fail', async () => {
    const out = join(dir, 'up.jsonl');
    const r = await cli([
      'fork',
      TRACE,
      '--at',
      `${FORK / 1000}s`,
      '--set',
      set('up.yaml', 'node-2'),
      '--trace',
      out,
    ]);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const t = loadTrace(out);
    expect(t.events.filter((e) => e.type === 'node/kubeletStarted').map((e) => e.at)).toEqual([UP]);
    expect(t.events.some((e) => e.type === 'pod/markedNotReady')).toBe(false);

    const verify = await cli(['replay', out, '--verify']);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/^identical/);

    const traffic = await cli(['traffic', out, '-o', 'json']);
    expect(traffic.code).toBe(0);
    const [report] = JSON.parse(traffic.out) as Array<{
      failed: number;
      counts: Record<string, number>;
    }>;
    const unreachable = ((UP - DOWN) * RATE) / 1000 / ENDPOINTS;
    expect(unreachable).toBe(100);
    expect(report!.counts.unreachable).toBe(unreachable);
    expect(report!.failed).toBe(unreachable);
  });

  it('names the recorded nodes when the action names another', async () => {
    const f = set('up9.yaml', 'node-9');
    const r = await cli(['fork', TRACE, '--at', `${FORK / 1000}s`, '--set', f]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      `${f}:5:13: actions[0].nodeUp: Unsupported value: "node-9": supported values: "node-1", "node-2", "node-3"`,
    );
  });

  it('refuses a traffic: section in one error (not also the loader’s view of its Service)', async () => {
    const f = join(dir, 'traffic.yaml');
    writeFileSync(
      f,
      'apiVersion: podsim/v1alpha1\nkind: Scenario\ntraffic:\n  - { service: nope, rate: 10/s }\n',
    );
    const r = await cli(['fork', TRACE, '--at', `${FORK / 1000}s`, '--set', f]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `${f}:3:1: traffic: Forbidden: cannot be changed by a fork: traffic is evaluated over the whole run; give it in the recorded scenario\npodsim: 1 error in the input; nothing was run\n`,
    );
  });
});
