/**
 * Scenario overrides: a scenario's `behaviours` rule replaces inferred fields one by one. Fields
 * the rule does not name keep their inferred values, so a rule can say "this container's
 * /healthz starts failing at 2m" without restating its program, ports and files.
 */
import type { Behaviour, BehaviourField } from '../../model/behaviour.js';
import { cloneJson } from '../../model/cloneJson.js';

/**
 * Fields replaced whole. `http` is one of them: a rule that lists routes means those routes, and
 * keeping inferred ones beside them would make the result depend on what podsim guessed.
 */
const REPLACED = [
  'program',
  'onSigterm',
  'startupMs',
  'ports',
  'http',
  'grpcServing',
  'files',
  'exec',
  'memory',
] as const satisfies ReadonlyArray<BehaviourField>;

export function mergeBehaviour(base: Behaviour, override: Partial<Behaviour>): Behaviour {
  // Behaviours are memoised and shared by every replica of a template: the result must share no
  // object with either input, or a later change to one container would leak into the others.
  const merged: Behaviour = cloneJson(base);
  const copy = cloneJson(override);
  for (const field of REPLACED) {
    if (copy[field] !== undefined) replace(merged, copy, field);
  }
  // Hooks merge per hook: a rule about preStop leaves the inferred postStart alone.
  if (copy.hooks !== undefined) merged.hooks = { ...merged.hooks, ...copy.hooks };
  // The origin is always 'scenario' (a rule cannot claim its values were inferred). An inferred
  // note stays while it explains a field the rule did not replace.
  merged.origin = 'scenario';
  const replaced = new Set<BehaviourField>(REPLACED.filter((f) => copy[f] !== undefined));
  const moot = new Set(
    (merged.noteFields ?? [])
      .filter((n) => n.fields.every((f) => replaced.has(f)))
      .map((n) => n.note),
  );
  merged.notes = [...merged.notes.filter((n) => !moot.has(n)), ...(copy.notes ?? [])];
  if (merged.noteFields) merged.noteFields = merged.noteFields.filter((n) => !moot.has(n.note));
  return merged;
}

function replace<K extends keyof Behaviour>(
  target: Behaviour,
  source: Partial<Behaviour>,
  field: K,
): void {
  target[field] = source[field] as Behaviour[K];
}
