/**
 * Hostile input to the loaders: always a located error or a valid run — never a crash, a hang or a
 * polluted prototype. Random inputs come from fast-check with fixed seeds.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { InputErrors } from '../../src/spec/errors.js';
import { loadInline } from '../helpers/inline.js';

/** Loads the files; returns 'ok', or the error messages when the input is refused. */
function attempt(files: Record<string, string>): 'ok' | string[] {
  try {
    loadInline(files);
    return 'ok';
  } catch (e) {
    if (e instanceof InputErrors)
      return e.errors.map((x) => `${x.file}:${x.line}:${x.col}: ${x.message}`);
    throw e;
  }
}

describe('loader hardening', () => {
  it('refuses 100 levels of nesting with a located error', () => {
    const deep = `${'['.repeat(100)}${']'.repeat(100)}`;
    const r = attempt({
      'm.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: ${deep}\n`,
    });
    // The 65th bracket: "spec: " ends at column 6, brackets start at 7.
    expect(r).toEqual(['m.yaml:4:71: document is nested more than 64 levels deep']);
  });

  it('refuses a __proto__ key and leaves Object.prototype alone', () => {
    const r = attempt({
      'm.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  __proto__: {polluted: yes}\nspec:\n  containers: [{name: c, image: nginx}]\n',
    });
    expect(r).toEqual(['m.yaml:5:3: the key "__proto__" is not allowed']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts constructor and prototype as ordinary label keys', () => {
    const r = attempt({
      'm.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {constructor: a, prototype: b}\nspec:\n  containers: [{name: c, image: nginx}]\n',
    });
    expect(r).toBe('ok');
  });

  it('refuses a 50 MB file at once with a clear error', () => {
    const big = `# ${'x'.repeat(50 * 1024 * 1024)}\n`;
    const t0 = performance.now();
    const r = attempt({ 'big.yaml': big });
    expect(r).toEqual([
      `big.yaml:1:1: file is ${big.length} bytes; at most 8388608 bytes are accepted`,
    ]);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('expands many aliases and merges in time linear in the file (each alias found once)', () => {
    // 4,000 env vars, each a merge of the first plus its own name: 111 KB. Resolving every alias
    // by walking the document took 70 s; a hang, for a file this size.
    const env = ['    env:', '    - &e {name: v0, value: x}'];
    for (let i = 1; i < 4_000; i++) env.push(`    - {<<: *e, name: v${i}}`);
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n${env.join('\n')}\n`;
    const t0 = performance.now();
    expect(attempt({ 'env.yaml': text })).toBe('ok');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('checks the keys of a large map for duplicates in one pass', () => {
    // 20,000 keys in one ConfigMap (229 KB): comparing each key with every earlier one took 30 s.
    const data = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n${data.join('\n')}\n`;
    const t0 = performance.now();
    expect(attempt({ 'keys.yaml': text })).toBe('ok');
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(attempt({ 'dup.yaml': `${text}  k7: again\n` })).toEqual([
      'dup.yaml:20005:3: the key "k7" is given twice: map keys must be unique (kubectl would keep one value without a word)',
    ]);
  });

  it('counts the limit in the file’s bytes, not in UTF-16 units', () => {
    // 3 MiB of "€" is 9 MiB of UTF-8; 3 MiB of emoji is 6 Mi units but 12 MiB of bytes.
    const euro = `# ${'€'.repeat(3 * 1024 * 1024)}\n`;
    expect(attempt({ 'euro.yaml': euro })).toEqual([
      `euro.yaml:1:1: file is ${Buffer.byteLength(euro)} bytes; at most 8388608 bytes are accepted`,
    ]);
    const emoji = `# ${'😀'.repeat(3 * 1024 * 1024)}\n`;
    expect(attempt({ 'emoji.yaml': emoji })).toEqual([
      `emoji.yaml:1:1: file is ${Buffer.byteLength(emoji)} bytes; at most 8388608 bytes are accepted`,
    ]);
  });

  it('never crashes on random scenarios: a valid run or located errors', () => {
    const value = fc.oneof(
      fc.constantFrom('30s', '-1s', '1h', 'soon', '', '1e309', '500mm', '__proto__'),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 12 }),
    );
    const field = fc.constantFrom(
      'seed',
      'until',
      'startTime',
      'nodes',
      'registry',
      'kubelet',
      'containers',
      'actions',
      'serviceNodePortRange',
    );
    const nested = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        value,
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'name',
            'at',
            'cpu',
            'memory',
            'pod',
            'container',
            'apply',
            'delete',
            'exec',
            'sleep',
            'exit',
            'program',
            'images',
            'outages',
            'from',
            'until',
            'status',
            'path',
          ),
          tie('v'),
          { maxKeys: 4 },
        ),
      ),
    })).v;
    fc.assert(
      fc.property(fc.dictionary(field, nested, { maxKeys: 5 }), (fields) => {
        const doc = { apiVersion: 'podsim/v1alpha1', kind: 'Scenario', ...fields };
        const r = attempt({
          's.yaml': stringify(doc),
          'p.yaml':
            'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: nginx}]\n',
        });
        if (r !== 'ok') for (const m of r) expect(m).toMatch(/^(s|p)\.yaml:\d+:\d+: /);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('never crashes on mutated tutorial manifests: a valid run or located errors', () => {
    const pod = readFileSync('test/fixtures/tutorials/readiness-httpget.yaml', 'utf8');
    const lines = pod.split('\n');
    const junk = fc.constantFrom(
      '-1',
      '"x"',
      '[]',
      '{}',
      'null',
      '99999999999999999999',
      '__x__',
      '"<script>"',
      '1.5',
      'true',
      '*a',
      '&a [1]',
      '"\u202e"',
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length - 2 }), junk, (i, v) => {
        const line = lines[i]!;
        const mutated = [...lines];
        mutated[i] = line.includes(':')
          ? `${line.slice(0, line.indexOf(':') + 1)} ${v}`
          : `${line} ${v}`;
        const r = attempt({ 'm.yaml': mutated.join('\n') });
        if (r !== 'ok') for (const m of r) expect(m).toMatch(/^m\.yaml:\d+:\d+: /);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
