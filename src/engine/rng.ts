/**
 * Seeded randomness with an independent stream per object and purpose.
 *
 * Every draw is a pure function of (seed, key, index): a pod's draws depend only on its own key
 * (e.g. `pod-uid/default/web#0`), so adding a pod never shifts another pod's draws, and nothing
 * about the generator has to be stored in state for a run to resume from any point.
 */

/** 32-bit FNV-1a over a string. */
function fnv1a(s: string, h = 0x811c9dc5): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 finaliser: turns a structured 32-bit value into a well-mixed one. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/** A uniformly distributed 32-bit unsigned integer for (seed, key, index). */
export function draw32(seed: number, key: string, index = 0): number {
  const h = fnv1a(key, fnv1a(String(seed >>> 0)));
  return mix32(h ^ mix32(index + 0x632be5ab));
}

/** A float in [0, 1) for (seed, key, index). */
export function drawFloat(seed: number, key: string, index = 0): number {
  // 53 bits from two draws: the full precision of a double in [0, 1).
  const hi = draw32(seed, key, index * 2) >>> 5;
  const lo = draw32(seed, key, index * 2 + 1) >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** An integer in [min, max] (inclusive) for (seed, key, index). */
export function drawInt(seed: number, key: string, min: number, max: number, index = 0): number {
  return min + Math.floor(drawFloat(seed, key, index) * (max - min + 1));
}

/** A stable, UUID-shaped identifier (version 4 layout) for (seed, key). */
export function drawUuid(seed: number, key: string): string {
  const hex = (i: number): string => draw32(seed, key, i).toString(16).padStart(8, '0');
  const s = hex(0) + hex(1) + hex(2) + hex(3);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${((parseInt(s[16]!, 16) & 3) | 8).toString(16)}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

/** A container ID as containerd prints it: 64 hex characters. */
export function drawContainerId(seed: number, key: string): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += draw32(seed, key, i).toString(16).padStart(8, '0');
  return s;
}
