/**
 * The trace reader reads a file in chunks; a chunk boundary may fall inside a UTF-8 character
 * (names are ASCII, but annotations, commands and messages need not be). Decoded alone, each half
 * would become U+FFFD and the text would change without any error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTextFile } from '../../src/spec/textFile.js';
import type { NotUtf8Error } from '../../src/spec/textFile.js';
import { LineTooLongError, readLines, readTrace } from '../../src/trace/reader.js';
import { cli } from '../helpers/run.js';
import { scratchDir } from './traceHelpers.js';

const dir = scratchDir();

describe('readLines', () => {
  it('yields every line unchanged, whatever the chunk size cuts', () => {
    const lines = fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 8 });
    fc.assert(
      fc.property(lines, fc.integer({ min: 1, max: 16 }), (ls, chunk) => {
        const text = ls.map((l) => l.replaceAll('\n', ' ')).join('\n') + '\n';
        const p = join(dir, 'lines.txt');
        writeFileSync(p, text);
        const expected = text.split('\n').slice(0, -1);
        expect([...readLines(p, chunk)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses, at its number, the first line longer than the limit, and reads every line up to it', () => {
    const lines = fc.array(fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), { maxLength: 8 });
    fc.assert(
      fc.property(
        lines,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 8, max: 16 }),
        (ls, chunk, max) => {
          const text = ls.map((l) => l.replaceAll('\n', ' ')).join('\n') + '\n';
          const p = join(dir, 'long.txt');
          writeFileSync(p, text);
          const all = text.split('\n').slice(0, -1);
          const tooLong = all.findIndex((l) => l.length > max);
          const got: string[] = [];
          try {
            for (const l of readLines(p, chunk, max)) got.push(l);
          } catch (e) {
            expect(e).toBeInstanceOf(LineTooLongError);
            expect((e as LineTooLongError).line).toBe(tooLong + 1);
            expect(got).toEqual(all.slice(0, tooLong));
            return;
          }
          expect(tooLong).toBe(-1);
          expect(got).toEqual(all);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a character of two, three and four bytes cut by the chunk', () => {
    const p = join(dir, 'cut.txt');
    writeFileSync(p, 'abcdefgé\nabcdefg€\nabcdefg😀\nabcdefgh\n');
    for (const chunk of [8, 9, 10, 11])
      expect([...readLines(p, chunk)]).toEqual(['abcdefgé', 'abcdefg€', 'abcdefg😀', 'abcdefgh']);
  });

  it('reads UTF-8 as decoding the whole file at once does, and refuses other bytes where readTextFile does', () => {
    // Invalid and cut sequences included; the file reader is the oracle for where the first bad byte is.
    const byte = fc.oneof(
      fc.constantFrom(0x0a, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xf8, 0xff),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 40 }),
        fc.integer({ min: 1, max: 16 }),
        (bs, chunk) => {
          const bytes = Buffer.from(bs);
          const p = join(dir, 'bytes.txt');
          writeFileSync(p, bytes);
          let want: unknown;
          try {
            const expected = readTextFile(p).split('\n');
            if (expected[expected.length - 1] === '') expected.pop();
            want = expected;
          } catch (e) {
            want = { line: (e as NotUtf8Error).line, col: (e as NotUtf8Error).col };
          }
          let got: unknown;
          try {
            got = [...readLines(p, chunk)];
          } catch (e) {
            got = { line: (e as NotUtf8Error).line, col: (e as NotUtf8Error).col };
          }
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('grows its buffer for a line longer than a chunk', () => {
    const p = join(dir, 'long.txt');
    const long = 'é'.repeat(50);
    writeFileSync(p, `a\n${long}\nb`);
    expect([...readLines(p, 7)]).toEqual(['a', long, 'b']);
  });
});

describe('a trace with a byte that is not UTF-8', () => {
  it('is refused at its line and column, not read as U+FFFD', async () => {
    const src = readFileSync('traces/sleep-exit-always/trace.jsonl');
    const lines = src.toString('utf8').split('\n');
    // Line 3 becomes `{"seq":…,"note":"caf\xE9"…`: a Latin-1 é inside a JSON string.
    const at = lines[2]!.indexOf('"type"');
    const before = Buffer.from(lines.slice(0, 2).join('\n') + '\n' + lines[2]!.slice(0, at));
    const bad = Buffer.concat([
      before,
      Buffer.from([0xe9]),
      Buffer.from(lines[2]!.slice(at) + '\n' + lines.slice(3).join('\n')),
    ]);
    const p = join(dir, 'latin1.jsonl');
    writeFileSync(p, bad);
    expect(() => [...readTrace(p)]).toThrow(
      `${p}:3:${at + 1}: not UTF-8 text: byte 0xE9 does not begin or continue a character; save the file as UTF-8`,
    );
    const r = await cli(['replay', p]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${p}:3:${at + 1}: not UTF-8 text: byte 0xE9`);
  });
});
