/**
 * An Event belongs to the object it is about (its involvedObject): the ReplicaSet's
 * SuccessfulCreate, recorded with the pod's creation, is listed for the ReplicaSet and not by
 * `kubectl describe pod`.
 */
import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { fold } from '../../src/state/fold.js';

describe('notes naming another object', () => {
  const trace = loadTrace('traces/scale-deployment/trace.jsonl');
  const state = fold(trace.events);
  const created = trace.events.filter((e) => e.type === 'pod/created');

  it('are recorded on that object only', () => {
    expect(created.length).toBeGreaterThan(0);
    for (const ev of created) {
      const pod = state.pods.get(ev.object.slice('Pod/'.length));
      if (pod) expect(pod.events.map((e) => e.reason)).not.toContain('SuccessfulCreate');
    }
    const rs = [...state.objects.values()].find((o) => o.kind === 'ReplicaSet')!;
    const names = created.map((e) => e.object.slice(e.object.lastIndexOf('/') + 1));
    const recorded = rs.events.filter((e) => e.reason === 'SuccessfulCreate').map((e) => e.message);
    expect(recorded).toEqual(names.map((n) => `Created pod: ${n}`));
  });
});
