/**
 * kubectl's YAML printer is sigs.k8s.io/yaml over its fork of go-yaml v2.4.0: go-yaml's key order,
 * its quoting (double quotes for what would read back as another type, single quotes for what
 * cannot be plain), literal blocks for line breaks, sequences at their key's indentation.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
});
