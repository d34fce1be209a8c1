/**
 * How PID 1 reacts to the runtime's stop signal when it is a shell.
 *
 * A shell without `trap … TERM` has no handler, and the kernel does not deliver a signal without
 * a handler to the init process of a PID namespace (pid_namespaces(7)); SIGKILL is the exception.
 * So `sh -c` containers ignore SIGTERM and stop only when the grace period ends.
 *
 * With a trap, the shell runs the handler only once its foreground command has finished: during
 * `sleep 3600` the trap waits for the sleep, while `wait` returns at once (status 128 + 15).
 */
import type { SigtermReaction } from '../../model/behaviour.js';
import { humanDuration, parseSleepOperands, quote } from './limits.js';
import { plainText } from './shell/ast.js';
import type { Node } from './shell/ast.js';
import { parseScript } from './shell/parser.js';
import type { RunState, TermTrap } from './shell/state.js';

/** Commands a trap handler may run before it exits without podsim losing track. */
const HANDLER_SAFE = new Set(['echo', 'printf', 'true', ':', 'rm', 'touch', 'sleep', 'date']);

/** What a `trap ACTION TERM` handler does: exits (with which code, after how long) or not. */
export function analyseTrap(action: string): TermTrap {
  const trap: TermTrap = { text: action, understood: true, delayMs: 0 };
  let ast: Node;
  try {
    ast = parseScript(action);
  } catch {
    return { ...trap, understood: false };
  }
  const visit = (node: Node): boolean => {
    if (node.type === 'list') return node.items.some((i) => !i.background && visit(i.node));
    if (node.type === 'andOr') return visit(node.first) || node.rest.some((r) => visit(r.node));
    if (node.type !== 'simple') return (trap.understood = false);
    const words = node.words.map(plainText);
    const [name, ...args] = words;
    if (name === undefined) return false;
    if (name === 'exit') {
      const code = args[0];
      trap.exitCode = code === undefined ? 'status' : /^\d+$/.test(code) ? Number(code) % 256 : 2;
      return true;
    }
    if (name === 'sleep') {
      const ms = parseSleepOperands(args.filter((a): a is string => a !== undefined));
      if (ms === undefined || ms === Infinity) trap.understood = false;
      else trap.delayMs += ms;
    } else if (!HANDLER_SAFE.has(name)) trap.understood = false;
    return false;
  };
  visit(ast);
  return trap;
}

/** How PID 1 reacts once the program reaches its last step, with a note saying why. */
export function pid1Sigterm(st: RunState): { reaction: SigtermReaction; note: string } {
  if (st.pid1.kind === 'shell') return shellSigterm(st, st.pid1.name);
  const { name, reaction, note } = st.pid1;
  if (note) return { reaction, note };
  if (reaction.action === 'ignore') return { reaction, note: noHandler(name) };
  return { reaction, note: `podsim assumed ${name} ${reactionText(reaction)}` };
}

export function reactionText(reaction: SigtermReaction): string {
  if (reaction.action === 'ignore') return 'ignores SIGTERM';
  const when = reaction.afterMs ? `${humanDuration(reaction.afterMs)} after` : 'at once on';
  return `exits ${reaction.code} ${when} SIGTERM`;
}

function noHandler(name: string): string {
  return (
    `PID 1 (${name}) has no SIGTERM handler, and the kernel does not deliver such a signal to ` +
    "a PID namespace's init process, so only SIGKILL at the end of the grace period stops it"
  );
}

function shellSigterm(st: RunState, shell: string): { reaction: SigtermReaction; note: string } {
  const trap = st.trap;
  if (!trap) return { reaction: { action: 'ignore' }, note: noHandler(shell) };
  const text = quote(`trap ${trap.text} TERM`);
  if (!trap.understood) {
    return {
      reaction: { action: 'exit', afterMs: 0, code: 143 },
      note: `podsim does not follow the handler of ${text}; assumed the shell exits 143 at once`,
    };
  }
  const delay = trap.delayMs;
  const inWait = st.lastBlock === 'wait';
  if (trap.exitCode === undefined) {
    if (inWait) {
      return {
        reaction: { action: 'exit', afterMs: delay, code: 143 },
        note: `${text} does not exit, but it interrupts \`wait\`, after which the script ends with 143`,
      };
    }
    return {
      reaction: { action: 'ignore' },
      note: `${text} handles SIGTERM without exiting, so the script carries on until SIGKILL`,
    };
  }
  const code = trap.exitCode === 'status' ? (inWait ? 143 : 0) : trap.exitCode;
  if (inWait || st.foregroundBlockMs === 0) {
    return {
      reaction: { action: 'exit', afterMs: delay, code },
      note: `${text} makes the shell exit ${code} on SIGTERM`,
    };
  }
  if (st.foregroundBlockMs === Infinity) {
    return {
      reaction: { action: 'ignore' },
      note:
        `${text} would run only after the foreground command finishes, which it never does, ` +
        'so only SIGKILL stops the shell',
    };
  }
  const after = st.foregroundBlockMs + delay;
  return {
    reaction: { action: 'exit', afterMs: after, code },
    note:
      `${text} runs only after the foreground command finishes; podsim assumed the worst case, ` +
      `an exit ${code} ${humanDuration(after)} after SIGTERM`,
  };
}
