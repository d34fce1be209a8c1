/**
 * mergeBehaviour: a scenario's behaviour rule overrides inferred fields one by one.
 */
import { describe, expect, test } from 'vitest';
import type { Behaviour } from '../../src/model/behaviour.js';
import { inferBehaviour, mergeBehaviour } from '../../src/spec/behaviour/index.js';

const base: Behaviour = inferBehaviour(
  { name: 'web', image: 'nginx:1.20.2', ports: [{ containerPort: 80 }] },
  { namespace: 'default', initContainer: false },
);

describe('mergeBehaviour', () => {
  test('replaces only the fields the override names, and marks the origin', () => {
    const merged = mergeBehaviour(base, { startupMs: 5000, ports: [8080] });
    expect(merged).toEqual({ ...base, startupMs: 5000, ports: [8080], origin: 'scenario' });
  });

  test('replaces a whole field: a new program, or HTTP answers without the docroot', () => {
    const program = [{ kind: 'sleep', ms: 1000 } as const, { kind: 'exit', code: 2 } as const];
    const http = { routes: [{ path: '/healthz', status: [{ fromMs: 0, code: 503 }] }] };
    const merged = mergeBehaviour(base, { program, http });
    expect(merged.program).toEqual(program);
    expect(merged.http).toEqual(http);
    expect(merged.onSigterm).toEqual(base.onSigterm);
  });

  test('merges hooks per hook', () => {
    const withStart = mergeBehaviour(base, {
      hooks: { postStart: { durationMs: 10, fails: false } },
    });
    const both = mergeBehaviour(withStart, {
      hooks: { preStop: { durationMs: 60_000, fails: false } },
    });
    expect(both.hooks).toEqual({
      postStart: { durationMs: 10, fails: false },
      preStop: { durationMs: 60_000, fails: false },
    });
  });

  test('keeps the inferred notes and appends the override’s', () => {
    const merged = mergeBehaviour(base, { notes: ['scenario rule at scenario.yaml:12'] });
    expect(merged.notes).toEqual([...base.notes, 'scenario rule at scenario.yaml:12']);
  });

  test('drops an inferred note once the rule replaces every field it explains', () => {
    const c = {
      name: 'pg',
      image: 'postgres:16',
      ports: [{ containerPort: 5432 }],
      command: ['sh', '-c', 'my-daemon --serve'],
    };
    const inferred = inferBehaviour(c, { namespace: 'default', initContainer: false });
    const program = inferred.notes.find((n) => n.includes('does not model "my-daemon --serve"'))!;
    const sigterm = inferred.notes.find((n) => n.includes('on SIGTERM'))!;
    expect(program).toBeDefined();
    expect(sigterm).toBeDefined();
    // A new program makes the program note moot; the SIGTERM reaction is still the inferred one.
    const sleeps = [{ kind: 'sleep', ms: 60_000 } as const];
    const merged = mergeBehaviour(inferred, { program: sleeps });
    expect(merged.notes).not.toContain(program);
    expect(merged.notes).toContain(sigterm);
    expect(mergeBehaviour(merged, { onSigterm: { action: 'ignore' } }).notes).not.toContain(
      sigterm,
    );
    // Other fields alone leave both.
    expect(mergeBehaviour(inferred, { memory: [] }).notes).toEqual(inferred.notes);
    // nginx's image note explains its files too: a new program alone keeps it.
    const image = base.notes.find((n) => n.includes('podsim assumed image'))!;
    expect(mergeBehaviour(base, { program: sleeps }).notes).toContain(image);
  });

  test('an empty override changes only the origin', () => {
    expect(mergeBehaviour(base, {})).toEqual({ ...base, origin: 'scenario' });
  });

  test('shares no objects with its inputs, so later changes cannot leak between containers', () => {
    const override = { ports: [9090] };
    const merged = mergeBehaviour(base, override);
    merged.ports.push(1);
    merged.files.push('/extra');
    expect(override.ports).toEqual([9090]);
    expect(base.files).not.toContain('/extra');
  });

  test('ignores fields given as undefined and never takes the origin from the override', () => {
    const merged = mergeBehaviour(base, { startupMs: undefined, origin: 'command' });
    expect(merged.startupMs).toBe(base.startupMs);
    expect(merged.origin).toBe('scenario');
  });
});
