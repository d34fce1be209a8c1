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

/**
 * The hash of (seed, key), remembered for the last pair: a name suffix, a UUID or a container ID
 * draws several indexes of one key in a row, and the hash is most of a draw's cost.
 */
let lastSeed = NaN;
let lastKey = '';
let lastHash = 0;
function keyHash(seed: number, key: string): number {
  if (seed !== lastSeed || key !== lastKey) {
    lastHash = fnv1a(key, fnv1a(String(seed >>> 0)));
    lastSeed = seed;
    lastKey = key;
  }
  return lastHash;
}

/** A uniformly distributed 32-bit unsigned integer for (seed, key, index). */
export function draw32(seed: number, key: string, index = 0): number {
  return mix32(keyHash(seed, key) ^ mix32(index + 0x632be5ab));
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

const HEX = '0123456789abcdef';

/**
 * A stable, UUID-shaped identifier (version 4 layout) for (seed, key). Built character by character
 * into one flat string: a UUID assembled from slices is a tree of string pieces several times its
 * size, and every pod keeps a few (its uid, its owner's) and hashes them on map lookups.
 */
export function drawUuid(seed: number, key: string): string {
  const chars = hexDigits(seed, key, 4);
  // xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx: the version nibble is 4, the variant's top bits 10.
  chars[12] = '4';
  chars[16] = HEX[(HEX.indexOf(chars[16]!) & 3) | 8]!;
  chars.splice(20, 0, '-');
  chars.splice(16, 0, '-');
  chars.splice(12, 0, '-');
  chars.splice(8, 0, '-');
  return chars.join('');
}

/** A container ID as containerd prints it: 64 hex characters (one flat string, as drawUuid). */
export function drawContainerId(seed: number, key: string): string {
  return hexDigits(seed, key, 8).join('');
}

/** The hex digits of draws 0 … words−1 of (seed, key), each zero-padded to 8. */
function hexDigits(seed: number, key: string, words: number): string[] {
  const chars: string[] = [];
  for (let i = 0; i < words; i++) {
    const w = draw32(seed, key, i);
    for (let shift = 28; shift >= 0; shift -= 4) chars.push(HEX[(w >>> shift) & 15]!);
  }
  return chars;
}
