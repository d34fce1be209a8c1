/**
 * Manifests are untrusted input: inference never throws, never runs away, and reports where it
 * stopped following a script. Property tests feed it shell-like noise and arbitrary values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1.js';
import type { Step } from '../../src/model/behaviour.js';
import { BEHAVIOUR_LIMITS, inferBehaviour, parseShell } from '../../src/spec/behaviour/index.js';

const TOKENS = [
  'sleep',
  '1',
  '1m',
  'infinity',
  '99999999999',
  ';',
  '&&',
  '||',
  '|',
  '&',
  '\n',
  '"',
  "'",
  '`',
  '$(',
  ')',
  '(',
  '{',
  '}',
  'for',
  'i',
  'in',
  '$(seq 1 100000)',
  'do',
  'done',
  'while',
  'until',
  'true',
  'false',
  'if',
  'then',
  'else',
  'fi',
  'case',
  'esac',
  'trap',
  "'exit 0'",
  'TERM',
  'exit',
  '3',
  'echo',
  '>',
  '>>',
  '/tmp/x',
  'rm',
  '-rf',
  'touch',
  'mv',
  'nslookup',
  'svc',
  'wait',
  'exec',
  'nginx',
  '-g',
  "'daemon off;'",
  'sh',
  '-c',
  'break',
  '$i',
  '${x:-5}',
  '$((1+1))',
  '<<EOF',
  'EOF',
];
const shellNoise = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(' '));
const anyText = fc.oneof(shellNoise, fc.string({ unit: 'binary', maxLength: 200 }));

function checkSteps(steps: readonly Step[]): void {
  expect(steps.length).toBeLessThanOrEqual(BEHAVIOUR_LIMITS.maxSteps + 64);
  for (const s of steps) {
    if (s.kind === 'sleep') {
      expect(Number.isInteger(s.ms) && s.ms >= 0 && s.ms <= BEHAVIOUR_LIMITS.maxSleepMs).toBe(true);
    }
    if (s.kind === 'exit')
      expect(Number.isInteger(s.code) && s.code >= 0 && s.code <= 255).toBe(true);
  }
}

describe('parseShell on hostile scripts', () => {
  test('never throws, stays within the step budget, and keeps durations and codes in range', () => {
    fc.assert(
      fc.property(anyText, (script) => {
        const r = parseShell(script);
        checkSteps(r.steps);
        expect(r.understood || r.notes.length > 0).toBe(true);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  test('reads only the first 64 KiB of a huge script, and says so', () => {
    const r = parseShell('touch /tmp/x; '.repeat(10_000));
    expect(r.steps).toHaveLength(Math.floor(BEHAVIOUR_LIMITS.maxScriptBytes / 14));
    expect(r.notes).toEqual([
      `podsim read only the first ${BEHAVIOUR_LIMITS.maxScriptBytes} bytes of the script`,
    ]);
  });

  test('loops nested beyond the depth bound are reported, not followed', () => {
    const deep = 'while true; do '.repeat(200) + 'sleep 1' + '; done'.repeat(200);
    const r = parseShell(deep);
    expect(r.steps).toEqual([{ kind: 'serve' }]);
    expect(r.understood).toBe(false);
    expect(r.notes[0]).toMatch(
      /^podsim could not read the script ".*" \(commands nested deeper than 64\)$/,
    );
  });

  test('lists at most 50 assumptions, then says there are more', () => {
    const script = Array.from({ length: 100 }, (_, i) => `tool${i} --flag`).join('; ');
    const r = parseShell(`${script}; sleep 1`);
    expect(r.notes).toHaveLength(BEHAVIOUR_LIMITS.maxNotes + 1);
    expect(r.notes.at(-1)).toBe(
      'podsim made further assumptions about this command that are not listed',
    );
  });

  test('control characters and bidirectional marks never reach a note', () => {
    const r = parseShell('\u202e\u0000frob\u001b[31m --x; sleep 1');
    expect(r.steps).toEqual([{ kind: 'sleep', ms: 1000 }]);
    expect(r.notes).toEqual([
      'podsim does not model "frob [31m --x"; assumed it takes no time and succeeds',
    ]);
  });
});

describe('inferBehaviour on hostile containers', () => {
  const container = fc.record(
    {
      name: fc.string({ maxLength: 20 }),
      image: fc.oneof(
        fc.constantFrom(
          'nginx',
          'busybox',
          'mysql',
          'redis',
          'tomcat:7.0.94-alpine',
          'k8s.gcr.io/liveness',
        ),
        fc.string({ unit: 'binary', maxLength: 40 }),
      ),
      command: fc.option(
        fc.array(fc.oneof(anyText, fc.constantFrom('sh', '-c', '/bin/sh')), { maxLength: 4 }),
      ),
      args: fc.option(fc.array(anyText, { maxLength: 3 })),
      ports: fc.option(
        fc.array(fc.record({ containerPort: fc.integer({ min: -5, max: 70_000 }) })),
      ),
      env: fc.option(
        fc.array(fc.record({ name: fc.string({ maxLength: 12 }), value: fc.string() })),
      ),
    },
    { requiredKeys: ['name'] },
  );

  test('never throws and never falls back on an internal error', () => {
    fc.assert(
      fc.property(container, fc.boolean(), (c, initContainer) => {
        const b = inferBehaviour(c as Container, { namespace: 'default', initContainer });
        checkSteps(b.program);
        expect(b.ports.every((p) => Number.isInteger(p) && p > 0 && p <= 65535)).toBe(true);
        expect(b.notes.some((n) => n.includes('could not infer'))).toBe(false);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('values of the wrong type are treated as absent', () => {
    const c = {
      name: 'odd',
      image: 42,
      command: 'sleep 5',
      args: [1, { x: 2 }],
      env: 'X=1',
      ports: 'all',
    };
    const b = inferBehaviour(c as unknown as Container, {
      namespace: 'default',
      initContainer: false,
    });
    expect(b.program).toEqual([{ kind: 'serve' }]);
    expect(b.origin).toBe('command');
  });
});
