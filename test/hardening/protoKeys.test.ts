/**
 * A trace is untrusted JSON, whose parser makes a `__proto__` key an ordinary own key. Folding it
 * must keep that key an own property through every copy the reducers make (binding copies the
 * spec to add nodeName), never turn it into the copy's prototype.
 */
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src/events/catalog.js';
import { fold } from '../../src/state/fold.js';
import { withKeys } from '../../src/model/withKeys.js';
import { examplePath, runFiles } from '../helpers/run.js';

describe('own __proto__ keys in a trace', () => {
  it('stay own keys of the pod spec after binding, and lend it nothing', () => {
    const { events } = runFiles([examplePath('liveness-exec')]);
    const hostile = events.map((ev) => {
      const text = JSON.stringify(ev);
      return JSON.parse(
        ev.type === 'pod/created'
          ? text.replace('"spec":{', '"spec":{"__proto__":{"hostNetwork":true},')
          : text,
      ) as SimEvent;
    });
    const state = fold(hostile);
    const spec = [...state.pods.values()][0]!.pod.spec!;
    expect(spec.nodeName).toBe('node-1');
    expect(Object.getPrototypeOf(spec)).toBe(Object.prototype);
    expect(Object.keys(spec)).toContain('__proto__');
    expect(spec.hostNetwork).toBeUndefined();
  });

  it('withKeys copies an own __proto__ key as an own key', () => {
    const base = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = withKeys(base, { b: 2 });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a', 'b']);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
