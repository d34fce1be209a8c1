/**
 * Every bundled scenario and manifest (traces/*), mutated line by line: junk values, lines dropped,
 * doubled or indented, numbers changed, keys lower-cased. `podsim run` and `podsim get pods` must
 * give a run or located errors (exit 0 or 2), never an internal error. This found a pod pinned to
 * a node the scenario does not have crashing the kubelet model (session 15).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const root = resolve('traces');
const dirs = readdirSync(root).filter((d) => existsSync(join(root, d, 'scenario.yaml')));
const files = new Map<string, string>();
for (const d of dirs)
  for (const f of readdirSync(join(root, d)))
    if (f.endsWith('.yaml')) files.set(join(root, d, f), readFileSync(join(root, d, f), 'utf8'));

const JUNK = [
  '-1',
  '0',
  '"x"',
  '[]',
  '{}',
  'null',
  '99999999999999999999',
  '1e400',
  '0x10',
  '017',
  'yes',
  '"<b>x</b>"',
  '1.5',
  '*a',
  '&a 1',
  "'",
  '[',
  '1h',
  '-5s',
  '999999h',
  '1m1m',
  '!!binary aGk=',
  '!!int "5"',
  'x: y',
  '- a',
  'Never',
  'busybox',
  'node-9',
  'OnFailure',
  '100m',
  '-1Gi',
  '200%',
  'exec',
  'A'.repeat(300),
];
type Edit = { line: number; op: number; junk: string; n: number };
function mutate(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  for (const { line, op, junk, n } of edits) {
    const i = line % lines.length;
    const l = lines[i]!;
    if (op === 0 && l.includes(':')) lines[i] = `${l.slice(0, l.indexOf(':') + 1)} ${junk}`;
    else if (op === 1) lines.splice(i, 1);
    else if (op === 2) lines.splice(i, 0, l);
    else if (op === 3) lines[i] = ` ${l}`;
    else if (op === 4) lines[i] = l.replace(/\d+/, String(n));
    else
      lines[i] = l.replace(
        /^(\s*-?\s*)([A-Za-z]+):/,
        (_m, a: string, k: string) => `${a}${k.toLowerCase()}:`,
      );
  }
  return lines.join('\n');
}

describe('mutated bundled scenarios', () => {
  it('always run or refuse with located errors, never fail inside', async () => {
    const edit = fc.record({
      line: fc.nat(),
      op: fc.integer({ min: 0, max: 5 }),
      junk: fc.constantFrom(...JUNK),
      n: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...dirs),
        fc.nat(),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        async (dir, which, edits) => {
          const own = [...files.keys()].filter((f) => f.startsWith(join(root, dir) + '/'));
          const target = own[which % own.length]!;
          const mutated = mutate(files.get(target)!, edits);
          let err = '';
          const io = {
            out: () => {},
            err: (s: string) => {
              err += s;
            },
            readFile: (p: string) =>
              p === target ? mutated : (files.get(p) ?? readFileSync(p, 'utf8')),
            exists: (p: string) => files.has(p) || existsSync(p),
            isTTY: false,
          };
          const scenario = join(root, dir, 'scenario.yaml');
          for (const args of [
            ['run', scenario, '--until', '5m'],
            ['get', 'pods', scenario, '--at', '45s'],
          ]) {
            err = '';
            const code = await main(args, io);
            expect(err).not.toMatch(/internal error|TypeError|RangeError|ReferenceError/);
            expect([0, 2]).toContain(code);
            if (code === 2) {
              for (const line of err.split('\n').filter((l) => l && !l.startsWith(' ')))
                expect(line).toMatch(/^(podsim: |\/[^:]+\.yaml:\d+:\d+: )/);
              break;
            }
          }
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  }, 120_000);
});
