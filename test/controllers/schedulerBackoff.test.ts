import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

describe('scheduler back-off for unschedulable pods', () => {
  it('retries a pod requeued by a cluster event only once its back-off from the last attempt is over', () => {
    // "big" takes 3 of the node's 4 CPUs and runs from 1 s. "second" (2 CPUs) is created at 1.1 s
    // and fails: 1 attempt → 1 s back-off, until 2.1 s. "big" is deleted at 1.2 s; nginx exits at
    // once on SIGTERM, so capacity frees at 1.2 s, but the requeued pod waits out its back-off.
    const pod = (name: string, cpu: string): string =>
      `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - {name: c, image: "nginx:1.20.2", resources: {requests: {cpu: "${cpu}"}}}\n`;
    const r = runInline({
      'p.yaml': pod('big', '3'),
      '_second.yaml': pod('second', '2'),
      's.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 10s\nnodes: [{name: n1, cpu: "4", images: ["nginx:1.20.2"]}]\nactions:\n  - {at: 1100ms, apply: second.yaml}\n  - {at: 1200ms, delete: pod/big}\n`,
    });
    const at = (type: string, pod: string): number[] =>
      r.events.filter((e) => e.type === type && e.object === `Pod/default/${pod}`).map((e) => e.at);
    expect(at('pod/unschedulable', 'second')).toEqual([1100]);
    expect(at('pod/terminated', 'big')).toEqual([1200]);
    expect(at('pod/scheduled', 'second')).toEqual([2100]);
  });
});
