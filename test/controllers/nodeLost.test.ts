/**
 * traces/node-lost: a Deployment of 3 nginx replicas (one per node) behind the Service `web`; the
 * kubelet of node-2 stops at 60 s. Every expected instant is derived here from the rules in
 * docs/kubernetes-rules.md §16 (node lifecycle and taint eviction, Kubernetes v1.31):
 * Lease renewals every 10 s from the kubelet's start, monitor passes every 5 s, a 40 s grace
 * period, 300 s default tolerationSeconds, a 1 s sandbox and a cached image for the replacement.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { cli, examplePath, runFiles, times } from '../helpers/run.js';
import { loadInline, runInline } from '../helpers/inline.js';

const LEASE_RENEW = 10_000;
const MONITOR_PERIOD = 5_000;
const GRACE = 40_000;
const TOLERATION = 300_000;
const SANDBOX = 1_000;
/** --node-eviction-rate 0.1 per second, burst 1: one NoExecute taint per zone every 10 s. */
const TAINT_INTERVAL = 10_000;

/** The instant the node lifecycle controller marks a node whose kubelet stopped at `down` Unknown. */
function notReadyAt(down: number, kubeletStart = 0): number {
  // Last Lease renewal strictly before the stop, seen at the next monitor pass (probeTimestamp)…
  const renewed = kubeletStart + (Math.ceil((down - kubeletStart) / LEASE_RENEW) - 1) * LEASE_RENEW;
  const probed = Math.ceil(renewed / MONITOR_PERIOD) * MONITOR_PERIOD;
  // …then the first pass with now strictly after probeTimestamp + grace.
  return (Math.floor((probed + GRACE) / MONITOR_PERIOD) + 1) * MONITOR_PERIOD;
}

const DOWN = 60_000;
const NOT_READY = notReadyAt(DOWN);
const EVICTED = NOT_READY + TOLERATION;

const run = runFiles([examplePath('node-lost')]);
const scenario = examplePath('node-lost');
/** Pods bound to `node` when the Deployment started (time 0). */
const scheduledTo = (node: string): string[] =>
  run.events
    .filter(
      (e) =>
        e.type === 'pod/scheduled' && e.at === 0 && (e.payload as { node: string }).node === node,
    )
    .map((e) => e.object);
const [LOST] = scheduledTo('node-2');
const lostName = LOST!.split('/')[2]!;
const on = (obj: string) => (e: SimEvent) => e.object === obj;

describe('node-2 loses its kubelet at 60 s', () => {
  it('places one replica on each node (least allocated), so node-2 holds one pod', () => {
    expect(scheduledTo('node-1')).toHaveLength(1);
    expect(scheduledTo('node-2')).toHaveLength(1);
    expect(scheduledTo('node-3')).toHaveLength(1);
  });

  it('marks node-2 NotReady at the first monitor pass after the grace period: 95 s', () => {
    // Renewals at 0, 10, …, 50 s; the pass at 50 s sees the last one; 50 + 40 = 90 is not after
    // 90, so the pass at 95 s marks the node.
    expect(NOT_READY).toBe(95_000);
    expect(times(run.events, 'node/kubeletStopped')).toEqual([DOWN]);
    const unknown = run.events.filter((e) => e.type === 'node/statusUnknown');
    expect(unknown.map((e) => [e.at, e.object])).toEqual([[NOT_READY, 'Node/node-2']]);
    expect(unknown[0]!.notes).toEqual([
      {
        type: 'Normal',
        reason: 'NodeNotReady',
        message: 'Node node-2 status is now: NodeNotReady',
        from: 'node-controller',
      },
    ]);
  });

  it('marks the pod not ready and taints the node at that pass', () => {
    const marked = run.events.filter((e) => e.type === 'pod/markedNotReady');
    expect(marked.map((e) => [e.at, e.object])).toEqual([[NOT_READY, LOST]]);
    expect(marked[0]!.notes![0]!.message).toBe('Node is not ready');
    // The node worker adds NoSchedule on the status update; the tainting pass (every 100 ms,
    // idealised to the same instant) adds NoExecute.
    const taints = run.events.filter((e) => e.type === 'node/taintsChanged');
    expect(taints.map((e) => [e.at, e.payload])).toEqual([
      [
        NOT_READY,
        {
          add: [
            { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: NOT_READY },
          ],
          remove: [],
        },
      ],
      [
        NOT_READY,
        {
          add: [
            { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: NOT_READY },
          ],
          remove: [],
        },
      ],
    ]);
  });

  it('hears nothing from the pod between the stop and the eviction but the controllers', () => {
    const between = run.events.filter((e) => e.object === LOST && e.at > DOWN && e.at < EVICTED);
    expect(between.map((e) => e.type)).toEqual(['pod/markedNotReady']);
  });

  it('takes the pod out of the Service endpoints when it is marked not ready', async () => {
    const before = await cli(['get', 'endpoints', scenario, '--at', `${NOT_READY / 1000 - 1}s`]);
    const after = await cli(['get', 'endpoints', scenario, '--at', `${NOT_READY / 1000}s`]);
    const ip = run.events.find((e) => e.type === 'sandbox/ready' && e.object === LOST)!.payload as {
      ip: string;
    };
    expect(before.out).toContain(`${ip.ip}:80`);
    expect(after.out).not.toContain(`${ip.ip}:80`);
    expect(after.out.split('\n')[1]!.split(/\s+/)[1]!.split(',')).toHaveLength(2);
  });

  it('answers when the pod became not ready, and explains the eviction from the trace', async () => {
    const trace = 'traces/node-lost/trace.jsonl';
    const when = await cli(['when', trace, `pod/${lostName}`, 'Ready=False']);
    // False at creation (not yet running), then again when its node was lost.
    expect(
      when.out
        .split('\n')
        .slice(1, 3)
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual(['0', String(NOT_READY)]);
    const seq = run.events.find((e) => e.type === 'pod/deletionRequested')!.seq;
    const explain = await cli(['explain', trace, String(seq)]);
    expect(explain.out.split('\n').at(-2)).toBe(
      'summary: nodeDown node-2 → node-2 NotReady → tainted unreachable → evicted → delete (grace 30s)',
    );
  });

  it('shows node-2 NotReady in get nodes from 95 s', async () => {
    const row = async (at: number): Promise<string | undefined> =>
      (await cli(['get', 'nodes', scenario, '--at', `${at / 1000}s`])).out
        .split('\n')
        .find((l) => l.startsWith('node-2'));
    expect(await row(NOT_READY - 1000)).toMatch(/^node-2\s+Ready\s+<none>\s+94s\s+v1\.31\.0$/);
    expect(await row(NOT_READY)).toMatch(/^node-2\s+NotReady\s+<none>\s+95s\s+v1\.31\.0$/);
  });

  it('evicts the pod 300 s after the taint: DisruptionTarget, then deletion with its grace', () => {
    expect(EVICTED).toBe(395_000);
    const targeted = run.events.filter((e) => e.type === 'pod/disruptionTargeted');
    expect(targeted.map((e) => [e.at, e.object])).toEqual([[EVICTED, LOST]]);
    expect(targeted[0]!.notes![0]).toMatchObject({
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod default/${lostName}`,
      from: 'taint-eviction-controller',
    });
    const del = run.events.filter((e) => e.type === 'pod/deletionRequested');
    expect(del.map((e) => [e.at, e.object, e.payload])).toEqual([
      [EVICTED, LOST, { gracePeriodSeconds: 30 }],
    ]);
    // The kubelet that would finish the deletion is away: the pod is never removed.
    expect(times(run.events, 'pod/deleted', on(LOST!))).toEqual([]);
    expect(times(run.events, 'container/killing', on(LOST!))).toEqual([]);
  });

  it('creates the replacement at the eviction, on another node, Running 1 s later', () => {
    const created = run.events.filter((e) => e.type === 'pod/created' && e.at > 0);
    expect(created.map((e) => e.at)).toEqual([EVICTED]);
    const NEW = created[0]!.object;
    const sched = run.events.find((e) => e.type === 'pod/scheduled' && e.object === NEW)!;
    expect(sched.at).toBe(EVICTED);
    expect((sched.payload as { node: string }).node).not.toBe('node-2');
    expect(times(run.events, 'container/started', on(NEW))).toEqual([EVICTED + SANDBOX]);
  });

  it('answers why the replacement exists with the deletion, not the DisruptionTarget condition', () => {
    // Both come from the eviction at the same instant; only the deletionTimestamp takes the pod
    // out of the ReplicaSet's active count, so only it enqueues the sync that creates the new pod.
    const created = run.events.find((e) => e.type === 'pod/created' && e.at > 0)!;
    const cause = run.events.find((e) => e.seq === created.cause)!;
    expect([cause.type, cause.object]).toEqual(['pod/deletionRequested', LOST]);
  });

  it('lists the lost pod as Terminating with its container still counted ready', async () => {
    const pods = await cli(['get', 'pods', scenario, '--at', '7m']);
    const line = pods.out.split('\n').find((l) => l.startsWith(lostName))!;
    expect(line.split(/\s+/).slice(0, 5)).toEqual([lostName, '1/1', 'Terminating', '0', '7m']);
  });

  it('does not list the TaintManagerEviction event in describe pod (no uid in its reference)', async () => {
    const d = await cli(['describe', 'pod', lostName, scenario, '--at', '7m']);
    expect(d.out).toMatch(/Warning +NodeNotReady +5m25s +node-controller +Node is not ready/);
    expect(d.out).not.toContain('TaintManagerEviction');
    expect(d.out).toMatch(/DisruptionTarget +True/);
    expect(d.out).toMatch(/\n {2}Ready +False/);
  });

  it('describes node-2 as kubectl does', async () => {
    const d = await cli(['describe', 'node', 'node-2', scenario, '--at', '7m']);
    const pct = (used: number, of: number): number => Math.trunc((used / of) * 100);
    const cpu = `250m (${pct(250, 2000)}%)`;
    const cpuLim = `500m (${pct(500, 2000)}%)`;
    const mem = `128Mi (${pct(128, 4096)}%)`;
    const memLim = `256Mi (${pct(256, 4096)}%)`;
    expect(d.out).toContain(
      [
        'Taints:             node.kubernetes.io/unreachable:NoExecute',
        '                    node.kubernetes.io/unreachable:NoSchedule',
        'Unschedulable:      false',
        'Lease:',
        '  HolderIdentity:  node-2',
        '  AcquireTime:     <unset>',
        // The last renewal before the stop at 60 s.
        '  RenewTime:       Wed, 01 Jan 2025 00:00:50 +0000',
      ].join('\n'),
    );
    expect(d.out).toMatch(
      /\n {2}Ready +Unknown +Wed, 01 Jan 2025 00:00:00 \+0000 +Wed, 01 Jan 2025 00:01:35 \+0000 +NodeStatusUnknown +Kubelet stopped posting node status\.\n/,
    );
    expect(d.out).toContain('Non-terminated Pods:          (1 in total)');
    expect(d.out).toMatch(
      new RegExp(
        `\\n {2}default +${lostName} +${cpu} +${cpuLim} +${mem} +${memLim} +7m\\n`.replace(
          /[()]/g,
          '\\$&',
        ),
      ),
    );
    expect(d.out).toMatch(new RegExp(`\\n {2}cpu +${cpu} +${cpuLim}\\n`.replace(/[()]/g, '\\$&')));
    expect(d.out).toMatch(
      /Normal +NodeNotReady +5m25s +node-controller +Node node-2 status is now: NodeNotReady\n$/,
    );
  });
});

const web = readFileSync('traces/node-lost/web.yaml', 'utf8');
const nodes = `nodes:
  - { name: node-1, cpu: '2', memory: 4Gi, images: [nginx:1.25] }
  - { name: node-2, cpu: '2', memory: 4Gi, images: [nginx:1.25] }
  - { name: node-3, cpu: '2', memory: 4Gi, images: [nginx:1.25] }`;
const scenarioWith = (actions: string, manifests = '[web.yaml]', nodeList = nodes): string =>
  `apiVersion: podsim/v1alpha1
kind: Scenario
until: 10m
manifests: ${manifests}
${nodeList}
actions:
${actions}
`;

describe('node-2 comes back', () => {
  it('before the eviction: taints go, the eviction is cancelled, the pod is Ready again', () => {
    const UP = 200_000;
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-2 }\n  - { at: 200s, nodeUp: node-2 }',
      ),
      '_web.yaml': web,
    });
    const lost = r.events.find(
      (e) => e.type === 'pod/scheduled' && (e.payload as { node: string }).node === 'node-2',
    )!.object;
    expect(times(r.events, 'node/kubeletStarted')).toEqual([UP]);
    const started = r.events.find((e) => e.type === 'node/kubeletStarted')!;
    expect(started.notes!.map((n) => n.reason)).toEqual([
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
      'NodeReady',
    ]);
    // The node worker drops NoSchedule at once; the monitor pass at 200 s (a multiple of 5 s)
    // drops NoExecute and cancels the queued eviction.
    const changes = r.events.filter((e) => e.type === 'node/taintsChanged' && e.at >= UP);
    expect(
      changes.map((e) => [e.at, (e.payload as { remove: { effect: string }[] }).remove[0]!.effect]),
    ).toEqual([
      [UP, 'NoSchedule'],
      [Math.ceil(UP / MONITOR_PERIOD) * MONITOR_PERIOD, 'NoExecute'],
    ]);
    const cancelled = r.events.filter((e) => e.type === 'pod/evictionCancelled');
    expect(cancelled.map((e) => [e.at, e.object])).toEqual([[UP, lost]]);
    expect(times(r.events, 'pod/deletionRequested')).toEqual([]);
    const pod = r.state.pods.get(lost.slice(4))!;
    const ready = pod.pod.status!.conditions!.find((c) => c.type === 'Ready')!;
    expect(ready.status).toBe('True');
    expect(ready.lastTransitionTime).toBe('2025-01-01T00:03:20Z');
  });

  it('after the eviction: the kubelet finds the pod deleted and stops it', () => {
    const UP = 420_000;
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-2 }\n  - { at: 420s, nodeUp: node-2 }',
      ),
      '_web.yaml': web,
    });
    const lost = r.events.find(
      (e) => e.type === 'pod/scheduled' && (e.payload as { node: string }).node === 'node-2',
    )!.object;
    expect(times(r.events, 'pod/deletionRequested', on(lost))).toEqual([EVICTED]);
    // nginx exits on its stop signal at once (the image catalogue), so the pod is gone at UP.
    expect(times(r.events, 'container/killing', on(lost))).toEqual([UP]);
    expect(times(r.events, 'pod/deleted', on(lost))).toEqual([UP]);
  });
});

describe('input errors', () => {
  it('rejects a nodeDown naming a node the scenario does not have, at its location', () => {
    expect(() =>
      loadInline({
        'scenario.yaml': scenarioWith('  - { at: 10s, nodeDown: node-9 }', '[]'),
      }),
    ).toThrow(
      /scenario\.yaml:\d+:\d+: actions\[0\]\.nodeDown: Unsupported value: "node-9": supported values: "node-1", "node-2", "node-3"/,
    );
  });
});

describe('tolerations and disruption', () => {
  const pod = (extra: string): string => `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers: [{ name: app, image: nginx:1.25 }]
${extra}`;

  it('honours a custom tolerationSeconds for the unreachable taint', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-1 }',
        '[pod.yaml]',
        `nodes:
  - { name: node-1, images: [nginx:1.25] }
  - { name: node-2, images: [nginx:1.25] }`,
      ),
      '_pod.yaml': pod(`  nodeName: node-1
  tolerations:
    - { key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30 }`),
    });
    expect(times(r.events, 'pod/deletionRequested')).toEqual([NOT_READY + 30_000]);
  });

  it('evicts nothing when every node is lost (master disruption mode), but still marks pods', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-1 }',
        '[pod.yaml]',
        'nodes: [{ name: node-1, images: [nginx:1.25] }]',
      ),
      '_pod.yaml': pod(''),
    });
    expect(times(r.events, 'pod/markedNotReady')).toEqual([NOT_READY]);
    const taints = r.events.filter((e) => e.type === 'node/taintsChanged');
    expect(taints.map((e) => e.payload)).toEqual([
      {
        add: [
          { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: NOT_READY },
        ],
        remove: [],
      },
    ]);
    expect(times(r.events, 'pod/deletionRequested')).toEqual([]);
  });

  it('evicts a pod that arrives on the tainted node after its toleration, counted from arrival', () => {
    const ARRIVES = 120_000;
    const r = runInline({
      'scenario.yaml': scenarioWith(
        `  - { at: 60s, nodeDown: node-1 }\n  - { at: ${ARRIVES / 1000}s, apply: pod.yaml }`,
        '[]',
        `nodes:
  - { name: node-1, images: [nginx:1.25] }
  - { name: node-2, images: [nginx:1.25] }`,
      ),
      '_pod.yaml': pod('  nodeName: node-1'),
    });
    // Pinned to the lost node, the pod never starts (its kubelet is away) …
    expect(times(r.events, 'sandbox/creating')).toEqual([]);
    // … and the taint eviction controller deletes it 300 s after it appeared there.
    expect(times(r.events, 'pod/deletionRequested')).toEqual([ARRIVES + TOLERATION]);
  });

  it('runs no exec on a pod whose kubelet is stopped (kubectl exec goes through the kubelet)', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        `  - { at: 60s, nodeDown: node-1 }
  - { at: 70s, exec: { pod: p, container: app, command: [rm, /usr/share/nginx/html/index.html] } }`,
        '[pod.yaml]',
        `nodes:
  - { name: node-1, images: [nginx:1.25] }
  - { name: node-2, images: [nginx:1.25] }`,
      ),
      '_pod.yaml': pod('  nodeName: node-1'),
    });
    expect(times(r.events, 'container/executed')).toEqual([]);
  });

  it('keeps new pods off the lost node: FailedScheduling names the unreachable taint', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-1 }\n  - { at: 100s, apply: pod.yaml }\n  - { at: 200s, nodeUp: node-1 }',
        '[]',
        'nodes: [{ name: node-1, images: [nginx:1.25] }]',
      ),
      '_pod.yaml': pod(''),
    });
    const failed = r.events.find((e) => e.type === 'pod/unschedulable')!;
    expect(failed.at).toBe(100_000);
    // FitError: the NoSchedule taint is the first untolerated one (the default tolerations cover
    // NoExecute only); not a resource problem, so preemption is not helpful.
    expect((failed.payload as { message: string }).message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    // The NoSchedule taint goes when the kubelet is back; that node update requeues the pod
    // (its 1 s back-off after one failure is long over).
    expect(times(r.events, 'pod/scheduled')).toEqual([200_000]);
  });

  it('stops evicting when every node is lost, and resumes from the pass a node comes back', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        `  - { at: 60s, nodeDown: node-1 }
  - { at: 70s, nodeDown: node-2 }
  - { at: 200s, nodeUp: node-2 }`,
        '[a.yaml, b.yaml]',
        `nodes:
  - { name: node-1, images: [nginx:1.25] }
  - { name: node-2, images: [nginx:1.25] }`,
      ),
      '_a.yaml': pod('  nodeName: node-1').replace('name: p', 'name: a'),
      '_b.yaml': pod('  nodeName: node-2').replace('name: p', 'name: b'),
    });
    const ALL_LOST = notReadyAt(70_000);
    expect(ALL_LOST).toBe(105_000);
    const noExecute = (e: SimEvent): string[] => {
      const p = e.payload as { add: { effect: string }[]; remove: { effect: string }[] };
      return [
        ...p.add.filter((t) => t.effect === 'NoExecute').map(() => `+${e.object}`),
        ...p.remove.filter((t) => t.effect === 'NoExecute').map(() => `-${e.object}`),
      ];
    };
    const changes = r.events
      .filter((e) => e.type === 'node/taintsChanged')
      .flatMap((e) => noExecute(e).map((c) => [e.at, c]));
    // node-1 tainted at 95 s; at 105 s node-2 is lost too: master disruption mode removes the
    // taint (cancelling a's eviction); node-2 back at 200 s (a multiple of 5 s: that pass) ends it.
    // The zone's new rate limiter starts drained (SwapLimiter), so node-1 is tainted again one
    // token later: 10 s (--node-eviction-rate 0.1/s).
    const RETAINTED = 200_000 + TAINT_INTERVAL;
    expect(changes).toEqual([
      [NOT_READY, '+Node/node-1'],
      [ALL_LOST, '-Node/node-1'],
      [RETAINTED, '+Node/node-1'],
    ]);
    expect(times(r.events, 'pod/evictionCancelled')).toEqual([ALL_LOST]);
    expect(
      r.events.filter((e) => e.type === 'pod/deletionRequested').map((e) => [e.at, e.object]),
    ).toEqual([[RETAINTED + TOLERATION, 'Pod/default/a']]);
  });

  it('taints the nodes of one zone 10 s apart when several are lost at once', () => {
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-1 }\n  - { at: 60s, nodeDown: node-2 }',
        '[a.yaml, b.yaml]',
      ),
      '_a.yaml': pod('  nodeName: node-1').replace('name: p', 'name: a'),
      '_b.yaml': pod('  nodeName: node-2').replace('name: p', 'name: b'),
    });
    // Both Unknown at 95 s; 2 of 3 nodes not ready is not a partial disruption (needs > 2), so
    // the zone's tainter runs at 0.1/s with burst 1: node-1 at once, node-2 one token later.
    const tainted = r.events
      .filter(
        (e) =>
          e.type === 'node/taintsChanged' &&
          (e.payload as { add: { effect: string }[] }).add.some((t) => t.effect === 'NoExecute'),
      )
      .map((e) => [e.at, e.object]);
    expect(tainted).toEqual([
      [NOT_READY, 'Node/node-1'],
      [NOT_READY + TAINT_INTERVAL, 'Node/node-2'],
    ]);
    expect(
      r.events.filter((e) => e.type === 'pod/deletionRequested').map((e) => [e.at, e.object]),
    ).toEqual([
      [NOT_READY + TOLERATION, 'Pod/default/a'],
      [NOT_READY + TAINT_INTERVAL + TOLERATION, 'Pod/default/b'],
    ]);
  });

  it('counts the grace from the kubelet start after a nodeUp', () => {
    // Up at 203 s: renewals at 203, 213, …; down at 250 s → last renewal 243 s, seen at 245 s,
    // Unknown at the first pass after 285 s: 290 s.
    expect(notReadyAt(250_000, 203_000)).toBe(290_000);
    const r = runInline({
      'scenario.yaml': scenarioWith(
        '  - { at: 60s, nodeDown: node-1 }\n  - { at: 203s, nodeUp: node-1 }\n  - { at: 250s, nodeDown: node-1 }',
        '[pod.yaml]',
        `nodes:
  - { name: node-1, images: [nginx:1.25] }
  - { name: node-2, images: [nginx:1.25] }`,
      ),
      '_pod.yaml': pod('  nodeName: node-1'),
    });
    expect(times(r.events, 'node/statusUnknown')).toEqual([
      NOT_READY,
      notReadyAt(250_000, 203_000),
    ]);
  });
});
