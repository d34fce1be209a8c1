/**
 * The pods a controller creates share their template's unchanged subtrees (podControl.ts
 * createdPod copies only the levels admission writes): the sharing is safe only while nothing
 * writes into a pod in place. Every event of the bundled controller runs reads the same at the
 * end of the run as when it was emitted, so no later reducer, decider or view wrote into a pod
 * (or the template) that another pod or the trace still holds.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { examplePath, loadFiles } from '../helpers/run.js';
import { simulate } from '../../src/engine/run.js';

const CONTROLLER_RUNS = [
  'rolling-update',
  'scale-deployment',
  'nginx-rc',
  'recreate',
  'node-lost',
  'deployment-delete-pod',
  'rollout-prestop',
  'rollout-traffic',
];

type PodPayload = {
  metadata: { ownerReferences?: { uid: string }[] };
  spec: { containers: Record<string, unknown>[]; volumes: { projected?: unknown }[] };
};

describe.each(CONTROLLER_RUNS)('traces/%s', (name) => {
  const events: SimEvent[] = [];
  const emitted: string[] = [];
  simulate(loadFiles([examplePath(name)]), {
    onEvent: (ev) => {
      events.push(ev);
      emitted.push(JSON.stringify(ev));
    },
  });

  it('no event (nor the pod it carries) changes after it is emitted', () => {
    const changed = events.findIndex((ev, i) => JSON.stringify(ev) !== emitted[i]);
    expect(changed === -1 ? 'none' : emitted[changed]).toBe('none');
  });

  it("pods of one owner share their template's containers below the level admission writes", () => {
    const created = events
      .filter((e) => e.type === 'pod/created')
      .map((e) => (e.payload as unknown as { pod: PodPayload }).pod);
    const byOwner = new Map<string, PodPayload[]>();
    for (const p of created) {
      const uid = p.metadata.ownerReferences?.[0]?.uid;
      if (uid) byOwner.set(uid, [...(byOwner.get(uid) ?? []), p]);
    }
    const siblings = [...byOwner.values()].find((ps) => ps.length >= 2);
    expect(siblings).toBeDefined();
    const [a, b] = siblings!;
    expect(a!.spec).not.toBe(b!.spec);
    expect(a!.spec.containers[0]).not.toBe(b!.spec.containers[0]);
    // Every key below the container but its own volumeMounts is the template's object.
    for (const [k, v] of Object.entries(a!.spec.containers[0]!)) {
      if (k === 'volumeMounts' || typeof v !== 'object' || v === null) continue;
      expect(b!.spec.containers[0]![k], k).toBe(v);
    }
    expect(a!.spec.volumes.at(-1)!.projected).toBe(b!.spec.volumes.at(-1)!.projected);
    expect(Object.isFrozen(a!.spec.volumes.at(-1)!.projected)).toBe(true);
  });
});
