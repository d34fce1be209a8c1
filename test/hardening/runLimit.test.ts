/**
 * A run holds at most MAX_PODS pods (150,000, Kubernetes' documented limit for one cluster): a
 * Deployment of more replicas is a located, one-line error (exit 2), not a heap that grows
 * until the process dies, and no trace file is left behind. `podsim check` reports the same error
 * instead of treating the run that threw as a counterexample and shrinking it, from a worker
 * thread too (the worker runs dist/: `npm run build` first).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/run.js';
import { MAX_PODS, RunLimitError } from '../../src/engine/simulation.js';
import { prepare } from '../../src/check/user/explore.js';
import { parseAssertions } from '../../src/check/user/parse.js';
import { parallelFirstFailure } from '../../src/check/user/pool.js';
import { loadInline } from '../helpers/inline.js';
import { cli } from '../helpers/run.js';

const deployment = (replicas: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: nginx}]
`;
const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 2m
manifests: [d.yaml]
nodes: [{name: n1}]
`;

describe('the pod-count limit of a run', () => {
  it('ends the run at the pod past the limit, naming the instant and the creator', () => {
    const inputs = loadInline({ 's.yaml': SCENARIO, '_d.yaml': deployment(6) });
    expect(() => simulate(inputs, { maxPods: 6 })).not.toThrow();
    let created = 0;
    const run = () =>
      simulate(inputs, {
        maxPods: 5,
        onEvent: (ev) => void (ev.type === 'pod/created' && (created += 1)),
      });
    expect(run).toThrow(RunLimitError);
    // The sixth pod is folded, then the run stops: nothing after it is observed.
    expect(created).toBe(6);
    expect(run).toThrow(
      /^at 0s the run would hold 6 pods \(ReplicaSet\/default\/web-[a-z0-9]+ created the last one\): podsim holds at most 5 in this run; lower the replicas or the time the run lasts$/,
    );
  });

  it('counts pods held, not pods ever created: replacements of deleted pods stay within it', () => {
    // A scale-down deletes pods; the ones created afterwards reuse the room they left.
    const scenario = `${SCENARIO}actions:
  - {at: 30s, scale: deployment/web, replicas: 0}
  - {at: 90s, scale: deployment/web, replicas: 4}
`;
    const inputs = loadInline({ 's.yaml': scenario, '_d.yaml': deployment(4) });
    let created = 0;
    simulate(inputs, {
      maxPods: 4,
      onEvent: (ev) => void (ev.type === 'pod/created' && (created += 1)),
    });
    expect(created).toBe(8);
  });

  it('podsim run exits 2 with the message and leaves no trace file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-limit-'));
    writeFileSync(join(dir, 'd.yaml'), deployment(MAX_PODS + 1));
    writeFileSync(join(dir, 's.yaml'), SCENARIO);
    const trace = join(dir, 'out.jsonl');
    const r = await cli(['run', join(dir, 's.yaml'), '--trace', trace]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /podsim: at 0s the run would hold 150001 pods \(ReplicaSet\/default\/web-[a-z0-9]+ created the last one\): podsim holds at most 150000, Kubernetes' documented limit for one cluster; lower the replicas or the time the run lasts\n$/,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(trace)).toBe(false);
  }, 60_000);

  it('check --jobs: a run over the limit in a worker is the error, not a failing run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podsim-limit-'));
    writeFileSync(join(dir, 'd.yaml'), deployment(MAX_PODS + 1));
    writeFileSync(join(dir, 's.yaml'), SCENARIO);
    const p = prepare(
      { files: [join(dir, 's.yaml')], assertions: ['ready within 60s'], seed: 1, runs: 2 },
      parseAssertions(['ready within 60s']),
      {
        readFile: (f) => readFileSync(f, 'utf8'),
        resolve: (from, rel) => join(dirname(from), rel),
      },
    );
    // Two batches of one run, both queued on the one worker at once: the main thread runs none.
    const atOnce = { decideAfterMs: 0, spawnIfLeftMs: 0 };
    const answer = parallelFirstFailure(p, [0, 1], 2, () => {}, atOnce);
    await expect(answer).rejects.toThrow(RunLimitError);
    await expect(answer).rejects.toThrow(/would hold 150001 pods .*at most 150000/);
  }, 60_000);
});
