/**
 * The reducers of a pod's life (podPlacingCases) run on the pod itself, with no Immer draft: they
 * must only read it and place the records they replace; the node effects of pod events
 * (nodeEffects) return a copy. Every pod and node is frozen deep before each event here, so a
 * reducer that wrote one in place would throw (ES modules are strict), and so would anything else
 * in the fold that changed a pod or node it did not copy first.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { applyEvent } from '../../src/state/fold.js';
import { emptyState } from '../../src/state/model.js';
import type { ClusterState } from '../../src/state/model.js';
import { podCases, podPlacingCases } from '../../src/state/podReducer.js';
import { nodePodCases } from '../../src/state/nodeLifecycleReducer.js';
import type { SimEvent } from '../../src/events/catalog.js';
import { runInline } from '../helpers/inline.js';

function freezeDeep(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  Object.freeze(value);
  for (const v of Object.values(value)) freezeDeep(v, seen);
}

/** Folds `events` with every pod and node frozen deep before each event; counts placing events. */
function foldFrozen(events: readonly SimEvent[], placed: Map<string, number>): ClusterState {
  let state = emptyState();
  const seen = new Set<object>();
  for (const ev of events) {
    for (const n of state.nodes.values()) freezeDeep(n, seen);
    if (ev.object.startsWith('Pod/')) {
      const p = state.pods.get(ev.object.slice('Pod/'.length));
      if (p) freezeDeep(p, seen);
      if (podPlacingCases.handles(ev.type)) placed.set(ev.type, (placed.get(ev.type) ?? 0) + 1);
    }
    state = applyEvent(state, ev);
  }
  return state;
}

const pod = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: "${image}", command: [sh, -c, "sleep 5; exit 1"]}\n`;

/** Placing event types the bundled traces do not hold. */
const RARE = [
  'container/startFailed',
  'container/createFailed',
  'image/backOff',
  'container/signalSkipped',
];

describe('placing pod reducers', () => {
  it('never write the pod they read: the bundled traces fold with every pod frozen', () => {
    const placed = new Map<string, number>();
    for (const name of readdirSync('traces').sort()) {
      const { events } = loadTrace(`traces/${name}/trace.jsonl`);
      const frozen = foldFrozen(events, placed);
      // The same state as the ordinary fold: freezing changed nothing but the right to write.
      let plain = emptyState();
      for (const ev of events) plain = applyEvent(plain, ev);
      expect([...frozen.pods.values()], name).toEqual([...plain.pods.values()]);
    }
    // Start failures, create errors, image pull back-offs and skipped signals come from the runs
    // below.
    for (const type of podPlacingCases.types()) {
      if (RARE.includes(type)) continue;
      expect(placed.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });

  it('never write the pod they read in start failures, create errors, pull back-offs, exits in preStop, cancelled kills', () => {
    const placed = new Map<string, number>();
    const runs = [
      runInline({
        'p.yaml': pod('busybox:1.36'),
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3m\ncontainers:\n  - container: app\n    faults: {createError: "failed to create"}\n',
      }),
      runInline({
        'p.yaml': pod('busybox:1.36'),
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3m\ncontainers:\n  - container: app\n    faults: {runError: "exec: not found"}\n',
      }),
      runInline({
        'p.yaml': pod('nginx:nope'),
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 10m\nregistry:\n  images:\n    "nginx:nope": {missing: true}\n',
      }),
      // The program exits on its own while preStop runs: the exit ends the worker's wait.
      runInline({
        'p.yaml': pod('busybox:1.36').replace(
          'sleep 5; exit 1"]',
          'sleep 8; exit 1"], lifecycle: {preStop: {exec: {command: [sleep, "60"]}}}',
        ),
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1m\ncontainers:\n  - container: app\n    hooks: {preStop: {duration: 30s}}\nactions:\n  - {at: 6s, delete: pod/p}\n',
      }),
      // A deletion cancels a liveness kill that sent SIGTERM: the deletion's kill skips it.
      runInline({
        'p.yaml': pod('busybox:1.36').replace(
          'sleep 5; exit 1"]',
          'sleep 60"], livenessProbe: {exec: {command: [cat, /tmp/healthy]}, periodSeconds: 5, failureThreshold: 1}',
        ),
        's.yaml':
          'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1m\ncontainers:\n  - container: app\n    onSigterm: ignore\nactions:\n  - {at: 8s, delete: pod/p}\n',
      }),
    ];
    for (const r of runs) foldFrozen(r.events, placed);
    for (const type of RARE) expect(placed.get(type) ?? 0, type).toBeGreaterThan(0);
  });

  it('are the only reducers of their event types', () => {
    for (const type of podPlacingCases.types()) {
      expect(podCases.handles(type), type).toBe(false);
      expect(nodePodCases.handles(type), type).toBe(false);
    }
  });
});
