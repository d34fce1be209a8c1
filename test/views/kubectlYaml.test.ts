/**
 * kubectl's YAML printer is sigs.k8s.io/yaml over its fork of go-yaml v2.4.0: go-yaml's key order,
 * its quoting (double quotes for what would read back as another type, single quotes for what
 * cannot be plain), literal blocks for line breaks, sequences at their key's indentation.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import fc from 'fast-check';
import { goYamlKeyLess, kubectlYaml } from '../../src/views/kubectlYaml.js';

describe('kubectlYaml', () => {
  it('orders keys as go-yaml does: digit runs by value, non-letters before letters', () => {
    const keys = ['v10', 'aB', 'v9', 'a_b', 'a', 'app.kubernetes.io/name', 'B', 'a01', 'a1'];
    expect(
      [...keys].sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0)),
    ).toEqual(['B', 'a', 'a_b', 'a1', 'a01', 'aB', 'app.kubernetes.io/name', 'v9', 'v10']);
  });

  it('quotes what YAML 1.1 would read as another type, and what cannot be plain', () => {
    const strings = [
      '',
      'True',
      'yes',
      'on',
      '0',
      '0755',
      '1e3',
      '12:30',
      '~',
      '2025-01-01T00:00:00Z',
    ];
    const text = kubectlYaml({
      s: strings,
      m: 'containers with unready status: [app]',
      k: 'ok text',
      l: ' lead',
    });
    expect(text).toBe(
      [
        'k: ok text',
        "l: ' lead'",
        "m: 'containers with unready status: [app]'",
        's:',
        ...strings.map((x) => `- ${JSON.stringify(x)}`),
        '',
      ].join('\n'),
    );
    expect(parse(text, { version: '1.1' })).toEqual({
      s: strings,
      m: 'containers with unready status: [app]',
      k: 'ok text',
      l: ' lead',
    });
  });

  it('writes a line break as a literal block, and a shared object twice', () => {
    const shared = { cpu: '4' };
    expect(kubectlYaml({ a: shared, b: shared, t: 'one\ntwo' })).toBe(
      'a:\n  cpu: "4"\nb:\n  cpu: "4"\nt: |-\n  one\n  two\n',
    );
  });

  it('folds a long plain scalar at the first space past column 80, two past its key', () => {
    const words = Array.from({ length: 30 }, () => 'word').join(' ');
    // After 16 words the line holds 82 characters: the next space breaks it; the second line
    // starts at column 2 and breaks once it holds more than 80 again (16 words, 81 characters).
    expect(kubectlYaml({ a: words })).toBe(
      [`a: ${Array(16).fill('word').join(' ')}`, `  ${Array(14).fill('word').join(' ')}`, ''].join(
        '\n',
      ),
    );
    // In a sequence of maps the key sits after `- `, and the rest two past it.
    const text = kubectlYaml({ items: [{ message: words }] });
    expect(text.split('\n')[1]).toMatch(/^- message: (word ){14}word$/);
    expect(text.split('\n')[2]).toMatch(/^ {4}word/);
  });

  it('folds a single-quoted scalar the same way, inside its quotes', () => {
    const message =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.';
    const text = kubectlYaml({ status: { conditions: [{ message }] } });
    expect(text).toBe(
      [
        'status:',
        '  conditions:',
        "  - message: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:",
        "      }, 2 Insufficient cpu.'",
        '',
      ].join('\n'),
    );
    expect(parse(text)).toEqual({ status: { conditions: [{ message }] } });
  });

  it('leaves block literals, short lines and unbreakable strings alone', () => {
    const long = `${'x'.repeat(120)} tail`;
    const literal = `${'y '.repeat(60)}\nsecond`;
    const text = kubectlYaml({ a: long, b: literal, c: 'short text' });
    expect(text).toContain(`a: ${'x'.repeat(120)}\n  tail`);
    expect(text).toContain(`b: |-\n  ${'y '.repeat(60).trimEnd()}`);
    expect(text).toContain('c: short text');
  });

  it('reads back as the same data whatever the strings, and breaks only past column 80', () => {
    const text = fc.stringMatching(/^[a-z:'# ,{}\[\]-]{0,120}$/);
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,12}$/), fc.oneof(text, fc.array(text))),
        fc.array(text, { maxLength: 3 }),
        (map, list) => {
          const data = { map, list, nested: [{ map }] };
          const yaml = kubectlYaml(data);
          expect(parse(yaml, { version: '1.1' })).toEqual(data);
          const lines = yaml.split('\n');
          lines.forEach((line, i) => {
            const next = lines[i + 1];
            // A folded scalar's continuation is more indented than a key could be: the line
            // before it then held more than 80 characters.
            if (next !== undefined && /^ +[^ \-'"]/.test(next) && !/[:|-]$/.test(line)) {
              const isContinuation = !/^ *(- )*[a-z]{1,12}:( |$)/.test(next);
              if (isContinuation) expect([...line].length).toBeGreaterThan(80);
            }
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('double-quotes what go-yaml does not print, with its escapes, and folds it too', () => {
    expect(kubectlYaml({ a: 'x\ty', b: 'smile \u{1F600}', c: 'ok' })).toBe(
      'a: "x\\ty"\nb: "smile \\U0001F600"\nc: ok\n',
    );
    // The escape counts two columns; the space after it is the first one past 80.
    const value = `${'x'.repeat(73)}\t ${'y'.repeat(5)}  z`;
    const text = kubectlYaml({ v: value });
    expect(text).toBe(`v: "${'x'.repeat(73)}\\t ${'y'.repeat(5)}\n  \\ z"\n`);
    expect(parse(text, { version: '1.1' })).toEqual({ v: value });
  });

  it('leaves an explicit key and what is under it as written', () => {
    const key = `${'k'.repeat(1100)} x`;
    const data = { [key]: 'y '.repeat(60).trim(), after: 'z '.repeat(60).trim() };
    const text = kubectlYaml(data);
    expect(text).toMatch(/^\? k/m);
    expect(parse(text, { version: '1.1' })).toEqual(data);
    expect(text).toContain(`after: ${'z '.repeat(38).trim()}\n  z`);
  });
});
