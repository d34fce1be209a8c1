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
  const bad = notUtf8(bytes);
  if (bad) throw bad;
  return bytes.toString('utf8');
}

/**
 * Undefined when `bytes` are UTF-8; else the error for the first invalid byte, at its line and
 * column (UTF-16 units, as editors count). `firstLine` is the line number of the first byte's
 * line, for a piece of a larger file.
 */
export function notUtf8(bytes: Uint8Array, firstLine = 1): NotUtf8Error | undefined {
  if (isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const { index, offset } = firstReplaced(bytes, text);
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const line = firstLine - 1 + text.slice(0, lineStart).split('\n').length;
  return new NotUtf8Error(line, index - lineStart + 1, bytes[offset]!);
}

/** The offset of the first byte that does not begin or continue a UTF-8 character. */
export function firstInvalidUtf8(b: Uint8Array): number {
  return firstReplaced(b, Buffer.from(b).toString('utf8')).offset;
}

/**
 * Where the decoder first put U+FFFD for bytes that are not UTF-8 (a U+FFFD written in the file,
 * EF BF BD, is text): `index` in `text`, `offset` in `bytes`. Up to there every character was
 * decoded from its own UTF-8 bytes, so the offset is the sum of their lengths.
 */
function firstReplaced(bytes: Uint8Array, text: string): { index: number; offset: number } {
  let offset = 0;
  for (let index = 0; index < text.length;) {
    const cp = text.codePointAt(index)!;
    if (
      cp === 0xfffd &&
      !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)
    )
      return { index, offset };
    offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    index += cp > 0xffff ? 2 : 1;
  }
  return { index: text.length, offset: bytes.length };
}
