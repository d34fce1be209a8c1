/**
 * YAML read as kubectl reads it: go-yaml v2 (sigs.k8s.io/yaml's goyaml.v2 resolve.go, decode.go)
 * types plain scalars by YAML 1.1 rules and merges `<<` keys.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { goScalar, jsonValue } from '../../src/spec/goYaml.js';

const resolvePlainScalar = (s: string): unknown => jsonValue(goScalar(s, undefined, false));
import { parseYamlFile } from '../../src/spec/yamlSource.js';
import { formatInputError } from '../../src/spec/errors.js';
import { loadManifestDocs } from '../../src/spec/manifest/index.js';
import { errorsOf, loadOne, pod } from './manifestHelpers.js';

const value = (text: string): unknown => {
  const { docs, errors } = parseYamlFile(`v: ${text}\n`, 'v.yaml');
  expect(errors).toEqual([]);
  return (docs[0]!.value as { v: unknown }).v;
};

describe('a plain scalar, as go-yaml v2 resolves it', () => {
  it.each([
    // Octal with a leading 0, and Go's base prefixes (strconv.ParseInt(s, 0, 64)).
    ['0400', 256],
    ['0644', 420],
    ['0777', 511],
    ['010', 8],
    ['0o17', 15],
    ['0x1F', 31],
    ['-0x1F', -31],
    ['0b101', 5],
    ['+12', 12],
    ['1_000', 1000],
    ['0', 0],
    // Not octal, so a float by yamlStyleFloat, which JSON writes as 8.
    ['08', 8],
    ['09.5', 9.5],
    ['1e3', 1000],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['1.', 1],
    ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
    // YAML 1.1 booleans and nulls.
    ['y', true],
    ['Yes', true],
    ['ON', true],
    ['true', true],
    ['n', false],
    ['NO', false],
    ['off', false],
    ['False', false],
    ['~', null],
    ['Null', null],
    ['', null],
    ['.1e999', '.1e999'],
    // Strings: v2 has no sexagesimal numbers, a timestamp stays its text, and mixed case is no boolean.
    ['12:30', '12:30'],
    ['2024-01-02', '2024-01-02'],
    ['2024-01-02T03:04:05Z', '2024-01-02T03:04:05Z'],
    ['yES', 'yES'],
    ['1.2.3', '1.2.3'],
    ['0x', '0x'],
    ['-', '-'],
    ['1e400', '1e400'],
    ['123abc', '123abc'],
    ['nginx:1.25', 'nginx:1.25'],
    ['._5', '._5'],
  ])('%s → %s', (text, want) => {
    expect(resolvePlainScalar(text)).toBe(want);
    // A lone '-' after a key starts a block sequence, so it cannot be written there plain.
    if (text !== '-') expect(value(text)).toBe(want);
  });

  it.each(['.NaN', '.inf', '-.Inf', '+.INF'])(
    'refuses %s, which JSON cannot hold (json.Marshal fails for kubectl)',
    (text) => {
      const { errors } = parseYamlFile(`a: 1\nv: ${text}\n`, 'v.yaml');
      expect(errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
        expect.stringMatching(
          /^2:4: json: unsupported value: (NaN|\+Inf|-Inf) \(kubectl: error converting YAML to JSON\)$/,
        ),
      ]);
    },
  );

  it.each([
    ['!!int 0644', 420],
    ['!!int "0644"', 420],
    ['!!float 1', 1],
    ['!!bool yes', true],
    ['!!str 0644', '0644'],
    ['!!binary aGVsbG8=', 'hello'],
    ['!!timestamp 2001-12-14', '2001-12-14'],
    ['!!null ~', null],
    ['!custom 12', '12'],
  ])('resolves the tagged %s as go-yaml does: %s', (text, want) => expect(value(text)).toBe(want));

  it.each([
    ['!!int 1.5', 'cannot decode !!float `1.5` as a !!int'],
    ['!!int yes', 'cannot decode !!bool `yes` as a !!int'],
    ['!!bool 1', 'cannot decode !!int `1` as a !!bool'],
    ['!!timestamp 2001-02-30', 'cannot decode !!str `2001-02-30` as a !!timestamp'],
    ['!!binary "a!"', '!!binary value contains invalid base64 data'],
  ])('refuses the tagged %s at its place', (text, message) => {
    const { errors } = parseYamlFile(`v: ${text}\n`, 'v.yaml');
    // Located at the value, after its tag.
    expect(errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      `1:${5 + text.lastIndexOf(' ')}: ${message} (kubectl: error converting YAML to JSON)`,
    ]);
  });

  it.each(['"0400"', "'yes'", '!!str 0400', '|\n  0400', '"y"'])(
    'leaves %s, quoted, tagged or a block, a string',
    (text) => expect(typeof value(text)).toBe('string'),
  );

  it('gives map keys the same typing, then writes them as sigs.k8s.io/yaml does', () => {
    const { docs } = parseYamlFile(
      'yes: 1\nn: 2\n0x10: 3\n"on": 4\n1e6: 5\n1.5: 6\n.inf: 7\n0.1: 8\n123456: 9\n1234567: 10\n',
      'k.yaml',
    );
    expect(docs[0]!.value).toEqual({
      true: 1,
      false: 2,
      '16': 3,
      on: 4,
      '1e+06': 5,
      '1.5': 6,
      '.inf': 7,
      '0.1': 8,
      '123456': 9,
      '1234567': 10,
    });
  });

  it.each([
    ['~: x', '1:1: unsupported map key of type: <nil>, key: null'],
    [
      '18446744073709551615: x',
      '1:1: unsupported map key of type: uint64, key: 18446744073709551615',
    ],
    ['[a]: x', '1:1: a map key must be a scalar: JSON object keys are strings'],
  ])('refuses the key of %s, which is no JSON key', (text, message) => {
    const { errors } = parseYamlFile(`${text}\n`, 'k.yaml');
    expect(errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it('compares keys as JSON keys: y and "y" differ, y and Yes are the same', () => {
    expect(parseYamlFile('y: 1\n"y": 2\n', 'k.yaml').docs[0]!.value).toEqual({ true: 1, y: 2 });
    expect(parseYamlFile('y: 1\nYes: 2\n', 'k.yaml').errors[0]!.message).toMatch(/unique/);
  });

  it('locates an error under a key YAML 1.1 reads differently', () => {
    const text = pod('  containers:\n  - name: app\n    image: nginx\n    on: 1\n');
    expect(errorsOf(text)).toEqual(['m.yaml:9:5: spec.containers[0].true: unknown field "true"']);
  });
});

describe('YAML 1.1 in manifests', () => {
  const secretVolume = (mode: string): string =>
    pod(`  volumes:
  - name: s
    secret: { secretName: s, defaultMode: ${mode} }
  containers:
  - name: app
    image: nginx
    volumeMounts: [{ name: s, mountPath: /s }]
`);

  it('reads defaultMode: 0644 as 420, which validation accepts', () => {
    const p = loadOne(secretVolume('0644')).object as Pod;
    expect(p.spec!.volumes![0]!.secret!.defaultMode).toBe(420);
  });

  it('refuses defaultMode: 644, the decimal number, as the API server does', () => {
    expect(errorsOf(secretVolume('644'))).toEqual([
      'm.yaml:8:43: spec.volumes[0].secret.defaultMode: Invalid value: 644: must be a number between 0 and 0777 (octal), both inclusive',
      'm.yaml:12:28: spec.containers[0].volumeMounts[0].name: Not found: "s"',
    ]);
  });

  it('refuses an unquoted yes where a string belongs, with a hint that says why', () => {
    const parsed = parseYamlFile(
      pod(
        '  containers:\n  - name: app\n    image: nginx\n    env: [{ name: DEBUG, value: yes }]\n',
      ),
      'm.yaml',
    );
    const loaded = loadManifestDocs(parsed.docs);
    expect(loaded.errors.map((e) => e.hint)).toEqual([
      expect.stringMatching(/^kubectl reads YAML 1\.1/),
    ]);
    const errors = loaded.errors.map(formatInputError);
    expect(errors).toEqual([
      'm.yaml:9:33: spec.containers[0].env[0].value: Invalid value: true: must be a string',
    ]);
  });
});

describe('<< merge keys', () => {
  const merged = (text: string): unknown => {
    const { docs, errors } = parseYamlFile(text, 'm.yaml');
    expect(errors).toEqual([]);
    return docs[0]!.value;
  };

  it('copy a map in, in document order: keys after the << replace merged ones, keys before are replaced', () => {
    const text = `base: &b { a: 1, b: 2, c: 3 }
out:
  a: 10
  <<: *b
  c: 30
`;
    expect((merged(text) as { out: unknown }).out).toEqual({ a: 1, b: 2, c: 30 });
  });

  it('of a list of maps, let earlier maps win', () => {
    const text = `x: &x { k: x, only_x: 1 }
y: &y { k: y, only_y: 1 }
out: { <<: [*x, *y] }
`;
    expect((merged(text) as { out: unknown }).out).toEqual({ k: 'x', only_x: 1, only_y: 1 });
  });

  it('share a container definition in a Pod', () => {
    const p = loadOne(
      pod(`  containers:
  - &app { name: a, image: busybox, command: [sleep, "3600"] }
  - { <<: *app, name: b }
`),
    ).object as Pod;
    expect(p.spec!.containers.map((c) => [c.name, c.image, c.command])).toEqual([
      ['a', 'busybox', ['sleep', '3600']],
      ['b', 'busybox', ['sleep', '3600']],
    ]);
  });

  it('may be given more than once in a map', () => {
    const text = 'a: &a {p: 1}\nb: &b {q: 2}\nc: {<<: *a, <<: *b}\n';
    expect((merged(text) as { c: unknown }).c).toEqual({ p: 1, q: 2 });
  });

  it('is a plain key when quoted', () => {
    expect(merged('m: { "<<": 1 }\n')).toEqual({ m: { '<<': 1 } });
  });

  it('must name a map or a list of maps, with the error at the value', () => {
    const { errors } = parseYamlFile('s: &s [1]\nm:\n  <<: *s\n', 'm.yaml');
    expect(errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      '3:7: a << merge needs a map or a list of maps as its value',
    ]);
  });

  it('counts merged nodes against the alias budget', () => {
    const lines = ['a0: &a0 { k: v }'];
    for (let i = 1; i <= 25; i++)
      lines.push(`a${i}: &a${i} { <<: *a${i - 1}, x${i}: [*a${i - 1}, *a${i - 1}] }`);
    const { errors } = parseYamlFile(lines.join('\n') + '\n', 'bomb.yaml');
    expect(errors[0]?.message).toMatch(/expands to more than/);
  });
});
