/**
 * The trace reader reads a file in chunks; a chunk boundary may fall inside a UTF-8 character
 * (names are ASCII, but annotations, commands and messages need not be). Decoded alone, each half
 * would become U+FFFD and the text would change without any error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines, readTrace } from '../../src/trace/reader.js';
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

  it('keeps a character of two, three and four bytes cut by the chunk', () => {
    const p = join(dir, 'cut.txt');
    writeFileSync(p, 'abcdefgé\nabcdefg€\nabcdefg😀\nabcdefgh\n');
    for (const chunk of [8, 9, 10, 11])
      expect([...readLines(p, chunk)]).toEqual(['abcdefgé', 'abcdefg€', 'abcdefg😀', 'abcdefgh']);
  });

  it('reads any bytes, UTF-8 or not, as decoding the whole file at once does', () => {
    // Invalid and cut sequences included: each becomes U+FFFD once, none is carried forever.
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
          const expected = bytes.toString('utf8').split('\n');
          if (expected[expected.length - 1] === '') expected.pop();
          expect([...readLines(p, chunk)]).toEqual(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('a trace whose 1 MiB read boundary cuts a character', () => {
  it('replays with the inputs exactly as written', async () => {
    const pod = (pad: number) =>
      [
        `# ${'x'.repeat(pad)}`,
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: cafe',
        '  annotations:',
        '    note: "señal é"',
        'spec:',
        '  containers:',
        '  - name: c',
        '    image: busybox',
        '    args: [/bin/sh, -c, "echo ünïcödé; sleep 5"]',
        '',
      ].join('\n');
    const podFile = join(dir, 'pod.yaml');
    const trace = join(dir, 'cut.jsonl');
    const write = async (pad: number): Promise<Buffer> => {
      writeFileSync(podFile, pod(pad));
      const r = await cli(['run', podFile, '--until', '20s', '--trace', trace, '--force']);
      expect(r.code).toBe(0);
      return readFileSync(trace);
    };
    // Move the annotation's "é" (2 bytes) so that the first read ends between its bytes.
    const probe = await write(1_100_000);
    const marker = Buffer.from('señal é', 'utf8');
    const at = probe.indexOf(marker) + marker.length - 2;
    const pad = 1_100_000 - (at - ((1 << 20) - 1));
    const bytes = await write(pad);
    expect(bytes.indexOf(marker) + marker.length - 2).toBe((1 << 20) - 1);
    const items = [...readTrace(trace)];
    const header = items[0] as { header: { inputs: { path: string; text: string }[] } };
    expect(header.header.inputs.map((i) => i.text)).toContain(pod(pad));
    const replay = await cli(['replay', trace]);
    expect(replay.code).toBe(0);
    expect(replay.out + replay.err).not.toContain('\uFFFD');
  });
});
