/**
 * Strict standard base64 as Go's encoding/json decodes a []byte field (encoding/base64
 * StdEncoding: padding required, `\r` and `\n` skipped). Secret `data` and ConfigMap `binaryData`
 * values are []byte, so a value that is not base64 is rejected with Go's
 * "illegal base64 data at input byte N".
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i] as const));

const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Decoded bytes, or the byte offset Go's CorruptInputError would name. */
export function decodeBase64(src: string): { bytes: Uint8Array } | { errorAt: number } {
  const out: number[] = [];
  let si = 0;
  while (si < src.length) {
    const quantum: number[] = [];
    let padded = false;
    while (quantum.length < 4) {
      if (si === src.length) {
        if (quantum.length === 0) return { bytes: Uint8Array.from(out) };
        return { errorAt: si - quantum.length };
      }
      const c = src[si++]!;
      const v = DECODE.get(c);
      if (v !== undefined) {
        quantum.push(v);
        continue;
      }
      if (isNewline(c)) continue;
      if (c !== '=') return { errorAt: si - 1 };
      // Padding: "==" after two symbols, "=" after three; nothing but newlines may follow.
      if (quantum.length < 2) return { errorAt: si - 1 };
      if (quantum.length === 2) {
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return { errorAt: src.length };
        if (src[si] !== '=') return { errorAt: si - 1 };
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      if (si < src.length) return { errorAt: si };
      padded = true;
      break;
    }
    const [a = 0, b = 0, c = 0, d = 0] = quantum;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    const bytes = [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
    out.push(...bytes.slice(0, quantum.length - 1));
    if (padded) break;
  }
  return { bytes: Uint8Array.from(out) };
}

/** The standard base64 of UTF-8 text (how stringData becomes data). */
export function encodeBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
