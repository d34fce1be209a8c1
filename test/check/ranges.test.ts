/**
 * Behaviour ranges and choices in scenario `containers` rules (src/spec/ranges.ts): what they
 * parse to, what `podsim run` makes of them (the lower bound or first choice, with a note), the
 * values a pick puts in place, and the located errors for ranges that cannot be.
 */
import { describe, expect, it } from 'vitest';
import { Ranges } from '../../src/spec/ranges.js';
import { parseScenario } from '../../src/spec/scenario.js';
import { parseYamlFile } from '../../src/spec/yamlSource.js';
import { inputErrors, loadInline } from '../helpers/inline.js';

const POD = `apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  containers:
    - { name: app, image: busybox, command: [sh, -c, 'sleep 5; exit 1'] }
`;

function scenario(rule: string, extra = ''): string {
  return `apiVersion: podsim/v1alpha1
kind: Scenario
manifests: [pod.yaml]
${extra}containers:
  - pod: web
    container: app
${rule}`;
}

function load(rule: string, extra = '') {
  return loadInline({ 'scenario.yaml': scenario(rule, extra), '_pod.yaml': POD });
}

function errorsOf(rule: string, extra = ''): string[] {
  return inputErrors({ 'scenario.yaml': scenario(rule, extra), '_pod.yaml': POD });
}

describe('ranges in podsim run', () => {
  it('runs a range at its lower bound and a choice at its first value, and says so', () => {
    const inputs = load(`    startup: 5s..90s
    memory: [{ at: 0s, size: { between: [10Mi, 20Mi] } }]
    program: [{ sleep: 1s }, { exit: { oneOf: [3, 1, 137] } }]
    onSigterm: { oneOf: [ignore, { exitAfter: 2s, code: 0 }] }
`);
    const rule = inputs.scenario.behaviours[0]!.behaviour;
    expect(rule.startupMs).toBe(5_000);
    expect(rule.memory).toEqual([{ atMs: 0, bytes: 10 * 2 ** 20 }]);
    expect(rule.program).toEqual([
      { kind: 'sleep', ms: 1_000 },
      { kind: 'exit', code: 3 },
    ]);
    expect(rule.onSigterm).toEqual({ action: 'ignore' });
    // In the order the rule's fields are read (program, startup, onSigterm, memory); each at its value.
    const notes = inputs.notes.filter((n) => n.includes('explored by podsim check'));
    expect(notes).toEqual([
      'scenario.yaml:9:38: containers[0].program[1].exit: oneOf [3, 1, 137] is explored by podsim check; podsim run uses its first choice, 3',
      'scenario.yaml:7:14: containers[0].startup: 5s..1m30s is explored by podsim check; podsim run uses its lower bound, 5s',
      'scenario.yaml:10:16: containers[0].onSigterm: oneOf [ignore, {exitAfter: 2s, code: 0}] is explored by podsim check; podsim run uses its first choice, ignore',
      'scenario.yaml:8:30: containers[0].memory[0].size: 10Mi..20Mi is explored by podsim check; podsim run uses its lower bound, 10Mi',
    ]);
  });

  it('puts picked values in place of each range and choice', () => {
    const text = scenario(`    startup: 5s..90s
    onSigterm: { oneOf: [ignore, { exitAfter: 2s, code: 0 }] }
    exec: [{ command: cat /x, exitCode: [{ from: 0s, code: 0 }, { from: 10s..20s, code: 1 }] }]
`);
    const doc = parseYamlFile(text, 's.yaml').docs[0]!;
    const picks = new Map<string, number>([
      ['containers[0].startup', 42_123],
      ['containers[0].onSigterm', 1],
      ['containers[0].exec[0].exitCode[1].from', 15_000],
    ]);
    const parsed = parseScenario(doc, [], new Ranges(picks))!;
    const b = parsed.scenario.behaviours[0]!.behaviour;
    expect(b.startupMs).toBe(42_123);
    expect(b.onSigterm).toEqual({ action: 'exit', afterMs: 2_000, code: 0 });
    expect(b.exec?.[0]?.exitCode).toEqual([
      { fromMs: 0, code: 0 },
      { fromMs: 15_000, code: 1 },
    ]);
    expect(parsed.choices.map((c) => [c.key, c.domain])).toEqual([
      ['containers[0].startup', { kind: 'range', lo: 5_000, hi: 90_000 }],
      [
        'containers[0].onSigterm',
        expect.objectContaining({ kind: 'oneOf', raw: ['ignore', { exitAfter: '2s', code: 0 }] }),
      ],
      ['containers[0].exec[0].exitCode[1].from', { kind: 'range', lo: 10_000, hi: 20_000 }],
    ]);
  });
});

describe('range errors are located', () => {
  it('refuses a lower bound above the upper bound', () => {
    expect(errorsOf('    startup: 90s..5s\n')).toEqual([
      'scenario.yaml:7:14: containers[0].startup: Invalid value: "90s..5s": the lower bound is greater than the upper bound',
    ]);
  });

  it('refuses a negative bound and a wrong unit, at the bound', () => {
    expect(errorsOf('    startup: { between: [-1s, 5s] }\n')).toEqual([
      'scenario.yaml:7:26: containers[0].startup.between[0]: Invalid value: "-1s": must be a duration such as 30s, 1m30s, 500ms or a number of seconds (not negative, at most 2562047h)',
    ]);
    expect(errorsOf('    memory: [{ at: 0s, size: 10Mi..2Zi }]\n')[0]).toMatch(
      /^scenario\.yaml:7:30: containers\[0\]\.memory\[0\]\.size: Invalid value: "2Zi": must be a quantity/,
    );
    expect(errorsOf('    program: [{ exit: 0..300 }]\n')).toEqual([
      'scenario.yaml:7:23: containers[0].program[0].exit: Invalid value: 300: must be less than or equal to 255',
    ]);
  });

  it('refuses ranges outside containers rules and inside a choice', () => {
    expect(errorsOf('    startup: 1s\n', 'until: 1m..2m\n')[0]).toMatch(
      /^scenario\.yaml:4:8: until: Invalid value: "1m\.\.2m": ranges .* are allowed only in containers rules/,
    );
    expect(
      errorsOf('    onSigterm: { oneOf: [ignore, { exitAfter: 1s..2s, code: 0 }] }\n')[0],
    ).toMatch(/containers\[0\]\.onSigterm\.oneOf\[1\]\.exitAfter: .*cannot hold another range/);
  });

  it('refuses a malformed range or an empty choice', () => {
    expect(errorsOf('    startup: 1s..\n')[0]).toMatch(/a range is written LOW\.\.HIGH/);
    expect(errorsOf('    startup: { oneOf: [] }\n')[0]).toMatch(/oneOf takes a non-empty list/);
    expect(errorsOf('    startup: { between: [1s] }\n')[0]).toMatch(/between takes two bounds/);
  });
});
