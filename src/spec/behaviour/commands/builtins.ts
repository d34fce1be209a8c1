/**
 * Shell builtins: they act on the shell itself (exit status, working directory, variables,
 * traps, background jobs) rather than start a program, so they only exist inside a script.
 */
import { quote } from '../limits.js';
import { analyseTrap } from '../sigterm.js';
import type { RunState } from '../shell/state.js';
import { runCommand } from './dispatch.js';
import type { Invocation } from './dispatch.js';
import { resolvePath } from './utilities.js';

const NO_OP = ['true', ':', 'ulimit', 'umask', 'shift', 'readonly', 'local', 'hash', 'type'];

export const BUILTINS: ReadonlySet<string> = new Set([
  ...NO_OP,
  'exit',
  'trap',
  'cd',
  'export',
  'unset',
  'set',
  'wait',
  'exec',
  'break',
  'continue',
  'false',
  'command',
]);

export function runBuiltin(
  name: string,
  args: string[],
  st: RunState,
  inv: Invocation,
  exact: boolean,
): void {
  st.status = 0;
  switch (name) {
    case 'exit':
      return exit(args, st);
    case 'trap':
      return trap(args, st);
    case 'cd':
      st.cwd = resolvePath(args[0] ?? '/root', st.cwd);
      return;
    case 'export':
      for (const a of args) assign(a, st);
      return;
    case 'unset':
      for (const a of args) st.vars.set(a, '');
      return;
    case 'set':
      if (args.some((a) => /^-[a-z]*e/.test(a)) || args.join(' ').includes('-o errexit')) {
        st.errexit = true;
      }
      if (args.some((a) => /^\+[a-z]*e/.test(a))) st.errexit = false;
      return;
    case 'wait':
      return wait(st);
    case 'break':
    case 'continue':
      if (st.loopDepth > 0) st.loopControl = name;
      return;
    case 'false':
      st.status = 1;
      return;
    case 'exec':
    case 'command': {
      // `command -v NAME` only prints where NAME is.
      if (name === 'command' && args[0]?.startsWith('-') && args[0] !== '--') return;
      const rest = args[0] === '--' ? args.slice(1) : args;
      const replaces = name === 'exec';
      const text = rest.join(' ');
      return runCommand(rest, st, { ...inv, exec: replaces, tail: inv.tail, text }, exact);
    }
  }
}

function exit(args: string[], st: RunState): void {
  const arg = args[0];
  if (arg === undefined) return st.exit(st.status);
  if (!/^-?\d+$/.test(arg)) {
    st.note(`${quote(`exit ${arg}`)} is not a number: the shell reports "Illegal number" (2)`);
    return st.exit(2);
  }
  // Exit statuses are 8 bits: `exit 256` is 0 and `exit -1` is 255.
  st.exit(((Number(arg) % 256) + 256) % 256);
}

/** `NAME=value` from `export`; without `=` the variable keeps its value. */
export function assign(text: string, st: RunState): void {
  const eq = text.indexOf('=');
  if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(0, eq))) {
    st.vars.set(text.slice(0, eq), text.slice(eq + 1));
  }
}

function trap(args: string[], st: RunState): void {
  const a = args[0] === '--' ? args.slice(1) : args;
  if (a.length === 0 || a[0] === '-p' || a[0] === '-l') return;
  // `trap SIG` with a single operand resets SIG to its default.
  const [action, signals] = a.length === 1 ? ['-', a] : [a[0]!, a.slice(1)];
  const term = signals.some((s) => /^(SIG)?TERM$|^15$/i.test(s));
  if (!term) return;
  if (action === '-' || action === '') {
    // Default or ignored: either way PID 1 has no handler and SIGTERM is dropped.
    st.trap = undefined;
    st.trapsTerm = false;
    return;
  }
  st.trap = analyseTrap(action);
  st.trapsTerm = true;
  st.foregroundBlockMs = 0;
  st.lastBlock = undefined;
}

/** `wait`: until every background job ends; a job that never ends makes it wait forever. */
function wait(st: RunState): void {
  if (st.background || st.jobs.length === 0) return;
  const end = Math.max(...st.jobs);
  st.jobs = [];
  if (end === Infinity) st.forever('wait', 0);
  else if (end > st.elapsed) st.sleep(end - st.elapsed, 'wait');
}
