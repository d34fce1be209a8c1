/** cloneJson: the deep copy used for manifests, pod objects and statuses. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneJson, copyOwn } from '../../src/model/cloneJson.js';

describe('cloneJson', () => {
  it('equals structuredClone on any JSON value and shares no object with its input', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = cloneJson(v);
        expect(c).toStrictEqual(structuredClone(v));
        const objects = (x: unknown, out: Set<unknown>): Set<unknown> => {
          if (typeof x === 'object' && x !== null) {
            out.add(x);
            for (const y of Object.values(x)) objects(y, out);
          }
          return out;
        };
        const mine = objects(v, new Set());
        for (const o of objects(c, new Set())) expect(mine.has(o)).toBe(false);
      }),
    );
  });

  it('keeps a __proto__ key an own property, never a prototype', () => {
    const v = JSON.parse('{"a":{"__proto__":{"polluted":true}}}') as { a: object };
    const c = cloneJson(v);
    expect(Object.getPrototypeOf(c.a)).toBe(Object.prototype);
    expect(Object.hasOwn(c.a, '__proto__')).toBe(true);
    expect((c.a as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('copies an undefined property as structuredClone does', () => {
    expect(cloneJson({ a: undefined, b: [1, undefined] })).toStrictEqual({
      a: undefined,
      b: [1, undefined],
    });
  });
});

describe('copyOwn', () => {
  it('copies one level: own keys in order, values shared', () => {
    const base = { name: 'c', ports: [{ containerPort: 80 }], image: 'nginx' };
    const out = copyOwn(base);
    expect(out).not.toBe(base);
    expect(Object.keys(out)).toEqual(['name', 'ports', 'image']);
    expect(out.ports).toBe(base.ports);
  });

  it('keeps a __proto__ key an own property, never a prototype', () => {
    const base = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const out = copyOwn(base);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
