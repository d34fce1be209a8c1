/**
 * The trace commands on traces with the node-loss and fork events: explain names each step of a
 * lost node's story, diff's milestones show the NotReady verdict and the eviction, and the
 * timeline and the Perfetto export draw the node (Ready, kubelet stopped, NotReady) and mark where
 * a fork changed the inputs. Instants follow docs/kubernetes-rules.md §16.1: node-2's kubelet stops
 * at 60 s; its last Lease renewal (every 10 s) is at 50 s, seen by the monitor pass at 50 s; the
 * first pass (every 5 s) strictly after 50 + 40 s of grace is at 95 s; the pod is evicted 300 s
 * (default tolerationSeconds) later.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/trace/explain.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { milestoneTable } from '../../src/trace/milestones.js';
import { perfettoTrace } from '../../src/trace/perfettoTrace.js';
import { rolloutHistory } from '../../src/trace/rolloutStatus.js';
import { timelineModel } from '../../src/trace/timelineModel.js';
import { cli } from '../helpers/run.js';

const DOWN = 60_000;
const LEASE_RENEW = 10_000;
const MONITOR = 5_000;
const GRACE = 40_000;
const TOLERATION = 300_000;
const lastRenewal = (Math.ceil(DOWN / LEASE_RENEW) - 1) * LEASE_RENEW;
const NOT_READY =
  (Math.floor((Math.ceil(lastRenewal / MONITOR) * MONITOR + GRACE) / MONITOR) + 1) * MONITOR;
const EVICTED = NOT_READY + TOLERATION;
const SANDBOX = 1_000; // the replacement's image is cached; nginx is Ready at its start

const lost = loadTrace('traces/node-lost/trace.jsonl');
const END = lost.header.untilMs;
const lostPod = lost.events.find(
  (e) => e.type === 'pod/scheduled' && (e.payload as { node: string }).node === 'node-2',
)!.object;
const dir = mkdtempSync(join(tmpdir(), 'podsim-views-'));

describe('explain on a lost node', () => {
  it('tells the NotReady story step by step', () => {
    const marked = lost.events.find((e) => e.type === 'pod/markedNotReady')!;
    const x = explain(lost, marked.seq);
    expect(x.steps.map((s) => [s.at, s.type])).toEqual([
      [DOWN, 'node/kubeletStopped'],
      [NOT_READY, 'node/statusUnknown'],
      [NOT_READY, 'pod/markedNotReady'],
    ]);
    expect(x.summary).toBe('nodeDown node-2 → node-2 NotReady → pod Ready=False');
  });

  it('says which controller created the replacement, and for which pod', () => {
    const created = lost.events.filter((e) => e.type === 'pod/created').at(-1)!;
    expect(created.at).toBe(EVICTED);
    const step = explain(lost, created.seq).steps.at(-1)!;
    expect(step.rule).toMatch(
      new RegExp(`^created by ReplicaSet/default/web-[a-z0-9]+ to replace ${lostPod}$`),
    );
    const evicted = lost.events.find((e) => e.type === 'pod/disruptionTargeted')!;
    expect(explain(lost, evicted.seq).summary).toBe(
      'nodeDown node-2 → node-2 NotReady → tainted unreachable → evicted',
    );
  });
});

describe('diff of a lost node and one back before the grace period ran out', () => {
  it('shows the NotReady verdict and the eviction as milestones of A only', async () => {
    const UP = 70_000;
    copyFileSync('traces/node-lost/web.yaml', join(dir, 'web.yaml'));
    const s = join(dir, 'scenario.yaml');
    writeFileSync(
      s,
      readFileSync('traces/node-lost/scenario.yaml', 'utf8').replace(
        '    nodeDown: node-2\n',
        `    nodeDown: node-2\n  - at: ${UP / 1000}s\n    nodeUp: node-2\n`,
      ),
    );
    const t = join(dir, 'up.jsonl');
    expect((await cli(['run', s, '--trace', t])).code).toBe(0);
    const rows = milestoneTable(lost, loadTrace(t)).filter((r) => `Pod/${r.pod}` === lostPod);
    expect(rows.filter((r) => r.a !== r.b).map((r) => [r.name, r.a, r.b])).toEqual([
      ['marked NotReady', NOT_READY, undefined],
      ['evicted', EVICTED, undefined],
    ]);
    const d = await cli(['diff', 'traces/node-lost/trace.jsonl', t]);
    expect(d.code).toBe(1);
    expect(d.out).toContain(`first divergence at ${UP / 1000}s: Node/node-2 node/kubeletStarted`);
    expect(d.out).toContain('summary: nodeUp node-2');
  });
});

describe('the timeline and the Perfetto export of a lost node', () => {
  const model = timelineModel(lost);
  const node = model.lanes.find((l) => l.kind === 'node')!;

  it('draws node-2 above the pods: Ready, kubelet stopped, NotReady', () => {
    expect(model.lanes[0]).toBe(node);
    expect(model.lanes.filter((l) => l.kind === 'node').map((l) => l.pod)).toEqual(['node-2']);
    expect(node.spans.map((s) => [s.from, s.to, s.kind])).toEqual([
      [0, DOWN, 'running'],
      [DOWN, NOT_READY, 'terminating'],
      [NOT_READY, END, 'failed'],
    ]);
    expect(node.markers.map((m) => [m.at, m.label])).toEqual([
      [DOWN, 'nodeDown'],
      [NOT_READY, 'NodeNotReady'],
      [NOT_READY, 'taints'],
      [NOT_READY, 'taints'],
    ]);
  });

  it('gives the node a process of its own in the export', () => {
    const t = perfettoTrace(model);
    const pid = t.traceEvents.find(
      (e) => e.name === 'process_name' && e.args?.name === 'node/node-2',
    )!.pid;
    expect(
      t.traceEvents
        .filter((e) => e.pid === pid && e.ph === 'X')
        .map((e) => [e.ts! / 1000, (e.ts! + e.dur!) / 1000]),
    ).toEqual([
      [0, DOWN],
      [DOWN, NOT_READY],
      [NOT_READY, END],
    ]);
  });

  it('leaves runs without a lost node as they were: no node lane', () => {
    const m = timelineModel(loadTrace('traces/rollout-traffic/trace.jsonl'));
    expect(m.lanes.some((l) => l.kind !== undefined)).toBe(false);
  });
});

describe('the timeline of a forked trace', () => {
  it('marks the fork on a cluster lane and the changed pod on its lane', async () => {
    const FORK = 40_000;
    const a = join(dir, 'le.jsonl');
    const b = join(dir, 'le-fork.jsonl');
    expect(
      (await cli(['run', 'traces/liveness-exec/scenario.yaml', '--trace', a, '--until', '3m']))
        .code,
    ).toBe(0);
    const f = await cli([
      'fork',
      a,
      '--at',
      `${FORK / 1000}s`,
      '--set',
      'traces/liveness-exec/what-if-sigterm.yaml',
      '--trace',
      b,
    ]);
    expect(f.code).toBe(0);
    const m = timelineModel(loadTrace(b));
    expect(m.lanes[0]!.kind).toBe('cluster');
    expect(m.lanes[0]!.markers.map((x) => [x.at, x.label])).toEqual([[FORK, 'fork']]);
    const pod = m.lanes.find((l) => l.pod === 'default/liveness-exec' && !l.container)!;
    expect(pod.markers.filter((x) => x.label === 'inputs changed').map((x) => x.at)).toEqual([
      FORK,
    ]);
    const html = join(dir, 'fork.html');
    expect((await cli(['timeline', b, '-o', html])).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<g class="lane cluster" data-cluster="cluster">');
    const t = perfettoTrace(m);
    expect(
      t.traceEvents.some((e) => e.ph === 'i' && e.name === 'fork' && e.ts === FORK * 1000),
    ).toBe(true);
  });
});

describe('podsim traffic on a run without traffic', () => {
  it('says the scenario has no traffic: section (exit 2)', async () => {
    const r = await cli(['traffic', 'traces/node-lost/trace.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'podsim: traffic: traces/node-lost/trace.jsonl has no traffic: section in its scenario (docs/scenario-reference.md, "traffic")\n',
    );
  });
});

describe('rollout status through a node loss', () => {
  it('lists the wait for the replacement as no rollout, from NotReady to the replacement Ready', async () => {
    const h = rolloutHistory(lost.events, { namespace: 'default', name: 'web' });
    const back = EVICTED + SANDBOX;
    expect(h.rollouts.map((r) => [r.from, r.complete, r.newRevision])).toEqual([
      [0, SANDBOX, true],
      [NOT_READY, back, false],
    ]);
    const r = await cli(['rollout', 'status', 'traces/node-lost/trace.jsonl', 'deployment/web']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').at(-1)).toBe(
      `waiting for replicas from 95s (same revision, no rollout): all available at 6m36s after 5m1s; min ready endpoints svc/web 2 (at 95s)`,
    );
    expect(back - NOT_READY).toBe(301_000);
  });

  it('still calls a new template a rollout', () => {
    const h = rolloutHistory(loadTrace('traces/rollout-traffic/trace.jsonl').events, {
      namespace: 'default',
      name: 'web',
    });
    expect(h.rollouts.map((r) => r.newRevision)).toEqual([true, true]);
  });
});

describe('when on a lost node', () => {
  const TRACE = 'traces/node-lost/trace.jsonl';
  const times = async (...q: string[]): Promise<number[]> => {
    const r = await cli(['when', TRACE, ...q]);
    expect(r.code).toBe(0);
    return r.out
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(/\s+/)[1]));
  };

  it('answers the node’s moments and the lost pod’s', async () => {
    expect(await times('node/node-2', 'down')).toEqual([DOWN]);
    expect(await times('node/node-2', 'NotReady')).toEqual([NOT_READY]);
    expect(await times('node/node-2', 'Ready')).toEqual([0]); // registered; never back
    const pod = `pod/${lostPod.split('/')[2]}`;
    expect(await times(pod, 'marked-not-ready')).toEqual([NOT_READY]);
    expect(await times(pod, 'evicted')).toEqual([EVICTED]);
  });

  it('says nothing matched, or which nodes there are', async () => {
    const up = await cli(['when', TRACE, 'node/node-2', 'up']);
    expect(up.code).toBe(1);
    const other = await cli(['when', TRACE, 'node/node-9', 'down']);
    expect(other.code).toBe(2);
    expect(other.err).toBe(
      `podsim: when: no node node-9 in ${TRACE} (nodes: node-1, node-2, node-3)\n`,
    );
  });
});
