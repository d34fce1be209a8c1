/**
 * Which pod changes enqueue the owner's syncs (src/controllers/watches.ts podOwnerSyncs): only
 * those that change what the ReplicaSet and deployment controllers read of a pod.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { podOwnerSyncs } from '../../src/controllers/watches.js';
import type { SimEvent } from '../../src/events/catalog.js';
import type { PodState } from '../../src/state/model.js';
import { examplePath, runFiles } from '../helpers/run.js';

const run = runFiles([examplePath('rolling-update')]);
const [key, after] = [...run.state.pods].find(([, p]) => p.runtime.node !== null)!;
const ev = { seq: run.state.seq, at: run.state.at, object: `Pod/${key}` } as SimEvent;

/** The syncs a change from `edit(pod)` to the pod as it is now would enqueue. */
function syncsFrom(edit: (pod: Pod) => Pod): string[] {
  const before: PodState = { ...after, pod: edit(after.pod as Pod) as PodState['pod'] };
  return podOwnerSyncs(ev, run.state, before).map((t) => {
    const d = t.data as { kind: string; key: string };
    return `${d.kind} ${d.key}`;
  });
}

const withStatus = (pod: Pod, status: Pod['status']): Pod => ({ ...pod, status });

describe('pod changes and the owners they wake', () => {
  it('wakes nobody for the same Pod object', () => {
    expect(syncsFrom((p) => p)).toEqual([]);
  });

  it('wakes nobody for changes the controllers do not read (node, Pending → Running)', () => {
    expect(after.pod.status?.phase).toBe('Running');
    expect(syncsFrom((p) => ({ ...p, spec: { ...p.spec!, nodeName: 'elsewhere' } }))).toEqual([]);
    expect(syncsFrom((p) => withStatus(p, { ...p.status, phase: 'Pending' }))).toEqual([]);
  });

  it('wakes the ReplicaSet and its Deployment when Ready flips', () => {
    const unready = (p: Pod): Pod =>
      withStatus(p, {
        ...p.status,
        conditions: p.status!.conditions!.map((c) =>
          c.type === 'Ready' ? { ...c, status: 'False' } : c,
        ),
      });
    const rs = after.pod.metadata!.ownerReferences![0]!.name;
    expect(syncsFrom(unready)).toEqual([
      `replicaset ReplicaSet/default/${rs}`,
      'deployment Deployment/default/web',
    ]);
  });

  it('wakes them when the terminal phase, the deletionTimestamp or the labels differ', () => {
    expect(syncsFrom((p) => withStatus(p, { ...p.status, phase: 'Succeeded' }))).toHaveLength(2);
    expect(
      syncsFrom((p) => ({
        ...p,
        metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' },
      })),
    ).toHaveLength(2);
    expect(
      syncsFrom((p) => ({ ...p, metadata: { ...p.metadata, labels: { ...p.metadata!.labels } } })),
    ).toHaveLength(2);
  });
});
