/**
 * Word expansion as the shell does it, restricted to what podsim can know without running
 * anything: variables the manifest sets (env, assignments, loop variables), positional
 * parameters, `$?`, and the command substitutions whose output is known (`seq`, the
 * service-account namespace file). Other expansions keep their text and mark the result inexact,
 * so a command that depends on them is reported rather than guessed.
 */
import type { Word } from './ast.js';
import type { RunState } from './state.js';
import { quote } from '../limits.js';

export interface Expansion {
  fields: string[];
  /** Every expansion's value was known. */
  exact: boolean;
  /** An unquoted glob character appeared (`*`, `?`, `[`). */
  glob: boolean;
}

/** Most fields one word may expand to (a `$(seq 1 1000000000)` outside a for loop). */
const MAX_FIELDS = 10_000;
const NAMESPACE_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
/** Commands whose output podsim does not know but which change nothing: `$(date +%s)`. */
const HARMLESS = /^(date|hostname|whoami|id|uname|pwd)(\s|$)/;

export function expandWords(words: readonly Word[], st: RunState): Expansion {
  const out: Expansion = { fields: [], exact: true, glob: false };
  for (const w of words) {
    const e = expandWord(w, st);
    out.fields.push(...e.fields.slice(0, MAX_FIELDS - out.fields.length));
    out.exact &&= e.exact;
    out.glob ||= e.glob;
  }
  return out;
}

export function expandWord(word: Word, st: RunState): Expansion {
  const fields: string[] = [];
  let current = '';
  let has = false;
  let exact = true;
  let glob = false;
  for (const part of word.parts) {
    let value: string;
    if (part.kind === 'lit') {
      current += part.text;
      has = true;
      if (!part.quoted && /[*?[]/.test(part.text)) glob = true;
      continue;
    } else if (part.kind === 'param') {
      const v = param(part.name, st);
      if (v === undefined) exact = false;
      value = v ?? `\${${part.name}}`;
    } else if (part.kind === 'cmdsub') {
      const v = commandSubstitution(part.script, st);
      if (v === undefined) exact = false;
      value = v ?? `$(${part.script})`;
    } else {
      st.unknown(`podsim does not evaluate arithmetic ${quote(`$((${part.expr}))`)}`);
      exact = false;
      value = `$((${part.expr}))`;
    }
    if (part.quoted) {
      current += value;
      has = true;
      continue;
    }
    // Unquoted expansions are split into fields on whitespace.
    const pieces = value.split(/[ \t\n]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && (has || current)) {
        fields.push(current);
        current = '';
        has = false;
      }
      if (piece) {
        current += piece;
        has = true;
      }
    });
  }
  if (has || current) fields.push(current);
  return { fields, exact, glob };
}

/** A parameter's value, or undefined when podsim cannot know it. */
function param(name: string, st: RunState): string | undefined {
  if (st.vars.has(name)) return st.vars.get(name);
  if (/^[1-9]$/.test(name)) return st.positional[Number(name)] ?? '';
  if (name === '0') return st.positional[0] ?? st.shellName;
  if (name === '?') return String(st.status);
  if (name === '#') return String(Math.max(0, st.positional.length - 1));
  if (name === '@' || name === '*') return st.positional.slice(1).join(' ');
  const m = /^([A-Za-z_][A-Za-z0-9_]*):?[-=](.*)$/.exec(name);
  if (m && st.vars.has(m[1]!)) return st.vars.get(m[1]!) || m[2];
  return undefined;
}

function commandSubstitution(script: string, st: RunState): string | undefined {
  const s = script.trim().replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, n: string) => {
    return st.vars.get(n) ?? all;
  });
  const seq = seqRange(s);
  if (seq) {
    const n = Math.min(seq.count, MAX_FIELDS);
    if (seq.count > MAX_FIELDS)
      st.note(`podsim expanded only ${MAX_FIELDS} numbers of ${quote(s)}`);
    return Array.from({ length: n }, (_, i) => String(seq.at(i))).join('\n');
  }
  if (s === 'pwd') return st.cwd;
  // Unknown output, but nothing else happens: no note, the text stays as written.
  if (HARMLESS.test(s)) return undefined;
  if (s === `cat ${NAMESPACE_FILE}` && st.ctx.namespace !== undefined) return st.ctx.namespace;
  st.unknown(`podsim does not model the command substitution ${quote(`$(${script.trim()})`)}`);
  return undefined;
}

/** `seq LAST`, `seq FIRST LAST` or `seq FIRST INCREMENT LAST`, as a lazy range. */
export function seqRange(script: string): { count: number; at: (i: number) => number } | undefined {
  const m = /^seq(?:\s+(-?\d{1,15})){1,3}\s*$/.exec(script.trim());
  if (!m) return undefined;
  const nums = script.trim().split(/\s+/).slice(1).map(Number);
  const [first, step, last] =
    nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : nums;
  if (first === undefined || step === undefined || last === undefined || step === 0) {
    return undefined;
  }
  const count = Math.max(0, Math.floor((last - first) / step) + 1);
  return { count, at: (i) => first + i * step };
}
