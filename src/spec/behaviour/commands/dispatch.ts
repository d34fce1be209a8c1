/**
 * Runs one command line in the model: a shell builtin, a modelled utility, a shell, an image's
 * entrypoint script or server, or an unknown program. Shared by the container's own argv (which
 * is PID 1) and by every simple command of a script.
 */
import type { SigtermReaction } from '../../../model/behaviour.js';
import type { RunState } from '../shell/state.js';
import { BUILTINS, runBuiltin } from './builtins.js';
import { runProgram } from './programs.js';
import { UTILITIES, runUtility } from './utilities.js';

export interface Invocation {
  /** Written `exec CMD`, or the container's own argv: the program replaces the process. */
  exec: boolean;
  /**
   * The last command of a script with no trap set. dash and BusyBox ash (and bash for a single
   * command) exec such a command instead of forking it, so it replaces the shell as PID 1. For
   * the commands podsim models the reaction to SIGTERM is the same either way.
   */
  tail: boolean;
  /** The script's last statement: an unknown program here is assumed to be its server. */
  last: boolean;
  /** The command as written, for notes. */
  text: string;
  /** A shell runs it, so builtins exist. */
  inShell: boolean;
}

/** Every word of `argv` was known (no unexpanded `$VAR`). */
export function runCommand(argv: string[], st: RunState, inv: Invocation, exact: boolean): void {
  const name = argv[0];
  if (name === undefined || st.halted()) return;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (inv.inShell && !name.includes('/') && BUILTINS.has(name)) {
    runBuiltin(name, argv.slice(1), st, inv, exact);
  } else if (UTILITIES.has(base)) {
    runUtility(base, argv.slice(1), st, exact);
    if (inv.exec || inv.tail) finishReplacement(st, base, NO_HANDLER);
  } else runProgram(argv, st, inv, exact);
}

/** Whether podsim models `name` (a builtin or a utility), for loop and `if` conditions. */
export function isModelled(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return BUILTINS.has(name) || UTILITIES.has(base);
}

/**
 * Programs without a SIGTERM handler: as PID 1 of a PID namespace the kernel does not deliver
 * them a signal they have no handler for (pid_namespaces(7): only SIGKILL and SIGSTOP are forced
 * on a namespace's init from outside). `sleep`, `echo`, and a shell without `trap` are such
 * programs, which is why `sh -c` containers run until SIGKILL ends the grace period.
 */
export const NO_HANDLER: SigtermReaction = { action: 'ignore' };

/** The program now runs as the modelled process (PID 1 when that process is PID 1). */
export function replaceProcess(
  st: RunState,
  name: string,
  reaction: SigtermReaction,
  note?: string,
): void {
  if (!st.background && st.isPid1) st.pid1 = { kind: 'program', name, reaction, note };
}

/** A program that replaced the process has finished: the process ends with its status. */
export function finishReplacement(st: RunState, name: string, reaction: SigtermReaction): void {
  if (st.halted()) return;
  replaceProcess(st, name, reaction);
  if (st.background) st.background.ended = true;
  else if (st.isPid1 && st.status !== 0) st.exit(st.status);
  else st.ended = 'exit';
}
