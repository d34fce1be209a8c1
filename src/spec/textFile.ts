/**
 * Reading an input file as text. Kubernetes reads manifests as UTF-8 (go-yaml refuses other
 * bytes); decoding them leniently would turn each invalid byte into U+FFFD and run a manifest that
 * says something else than the file, so a file that is not UTF-8 is refused where it stops being
 * UTF-8.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';

/** A file that is not UTF-8: where its first invalid byte is (1-based line and column). */
export class NotUtf8Error extends Error {
  readonly code = 'ENOTUTF8';
  constructor(
    readonly line: number,
    readonly col: number,
    byte: number,
  ) {
    super(
      `not UTF-8 text: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} does not begin or continue a character; save the file as UTF-8`,
    );
    this.name = 'NotUtf8Error';
  }
}

export function readTextFile(path: string): string {
  const bytes = readFileSync(path);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const at = firstInvalidUtf8(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const col = bytes.subarray(lineStart, at).toString('utf8').length + 1;
  throw new NotUtf8Error(line, col, bytes[at]!);
}

/** The offset of the first byte that does not begin or continue a UTF-8 character (RFC 3629). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence and the range of its second byte (which rules out overlong
    // forms, surrogates and code points past U+10FFFF).
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 2;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + n > b.length || b[i + 1]! < lo || b[i + 1]! > hi) return i;
    for (let k = 2; k < n; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return i;
    i += n;
  }
  return b.length;
}
