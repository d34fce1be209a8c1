/**
 * Walks a parsed script and produces the program it amounts to. Statuses flow as in a real
 * shell (`&&`, `||`, `!`, `if`, `set -e`); every modelled command succeeds unless it is `false`,
 * `exit C` or a malformed `sleep`. Unknown commands are noted and assumed to succeed.
 */
import { runCommand } from '../commands/dispatch.js';
import { assign } from '../commands/builtins.js';
import { resolvePath } from '../commands/utilities.js';
import { BEHAVIOUR_LIMITS, quote } from '../limits.js';
import { ShellLimitError, ShellSyntaxError, nodeText } from './ast.js';
import type { Node, Redirect } from './ast.js';
import { expandWord, expandWords } from './expand.js';
import { runFor, runLoop } from './loops.js';
import { parseScript } from './parser.js';
import type { RunState } from './state.js';

export interface ScriptOptions {
  shell: string;
  /** The shell replaces the modelled process (it is the container's argv, or exec'd). */
  replaces: boolean;
  errexit: boolean;
  positional: string[];
}

/** Runs `script` as a shell would; a child shell's state is restored when it returns. */
export function runScript(script: string, st: RunState, opts: ScriptOptions): void {
  const saved = {
    vars: new Map(st.vars),
    cwd: st.cwd,
    positional: st.positional,
    trap: st.trap,
    errexit: st.errexit,
    shellName: st.shellName,
    isPid1: st.isPid1,
    conditionDepth: st.conditionDepth,
  };
  st.isPid1 = st.isPid1 && opts.replaces;
  st.positional = opts.positional;
  st.errexit = opts.errexit;
  st.shellName = opts.shell;
  st.conditionDepth = 0;
  if (!opts.replaces) st.trap = undefined;
  st.depth++;
  try {
    const ast = parse(script, st);
    if (ast) evalNode(ast, st, opts.replaces);
    else if (ast === undefined) unparsable(script, st, opts.replaces);
    // Running off the end: the shell exits with the last command's status.
    if (!st.halted() && st.status !== 0) st.exit(st.status);
  } finally {
    st.depth--;
    if (!opts.replaces || st.background) {
      if (st.ended === 'exit') st.ended = undefined;
      Object.assign(st, saved);
    }
  }
}

/** The script's tree, null for an empty script, undefined when it cannot be read. */
function parse(script: string, st: RunState): Node | null | undefined {
  let text = script;
  if (st.depth > 16) {
    st.unknown(`podsim stops following shells started by shells 16 levels deep`);
    return undefined;
  }
  if (text.length > BEHAVIOUR_LIMITS.maxScriptBytes) {
    st.unknown(`podsim read only the first ${BEHAVIOUR_LIMITS.maxScriptBytes} bytes of the script`);
    text = text.slice(0, BEHAVIOUR_LIMITS.maxScriptBytes);
    text = text.slice(0, Math.max(text.lastIndexOf('\n'), text.lastIndexOf(';')) + 1);
  }
  if (text.trim() === '') return null;
  try {
    return parseScript(text);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError || e instanceof ShellLimitError)) throw e;
    const why = e instanceof ShellLimitError ? e.message : `syntax: ${e.message}`;
    st.unknown(`podsim could not read the script ${quote(text)} (${why})`);
    return undefined;
  }
}

/** A script podsim cannot read is treated as one unknown command (see programs.ts). */
function unparsable(script: string, st: RunState, last: boolean): void {
  const inv = { exec: false, tail: false, last, text: script, inShell: false };
  runCommand([`${st.shellName}-script`], st, inv, true);
}

export function evalNode(node: Node, st: RunState, last: boolean): void {
  if (st.halted()) return;
  st.work++;
  switch (node.type) {
    case 'list':
      return node.items.forEach((item, i) => {
        if (st.halted()) return;
        if (item.background) background(item.node, st);
        else evalNode(item.node, st, last && i === node.items.length - 1);
      });
    case 'andOr':
      return andOr(node, st, last);
    case 'pipeline':
      return pipeline(node, st, last);
    case 'simple':
      return simple(node, st, last);
    case 'loop':
      return runLoop(node, st, evalNode);
    case 'for':
      return runFor(node, st, evalNode);
    case 'if':
      return ifClause(node, st, last);
    case 'group': {
      redirect(node.redirects, st);
      const outer = st.stdoutRedirected;
      st.stdoutRedirected ||= node.redirects.some((r) => STDOUT.test(r.op));
      if (node.subshell) subshell(node.body, st);
      else evalNode(node.body, st, last);
      st.stdoutRedirected = outer;
      return;
    }
    case 'unsupported':
      st.unknown(`podsim does not model ${node.what} ${quote(node.text)}; assumed it does nothing`);
      st.status = 0;
  }
}

/** Runs `node` with errexit suspended, as for conditions and the left side of `&&`/`||`. */
export function condition(node: Node, st: RunState): void {
  st.conditionDepth++;
  evalNode(node, st, false);
  st.conditionDepth--;
}

function andOr(node: Extract<Node, { type: 'andOr' }>, st: RunState, last: boolean): void {
  condition(node.first, st);
  node.rest.forEach((r, i) => {
    if (st.halted() || (r.op === '&&') !== (st.status === 0)) return;
    const isLast = i === node.rest.length - 1;
    if (isLast) evalNode(r.node, st, last);
    else condition(r.node, st);
  });
}

function pipeline(node: Extract<Node, { type: 'pipeline' }>, st: RunState, last: boolean): void {
  const single = node.commands.length === 1 && !node.negate;
  node.commands.forEach((c) => {
    if (node.negate) condition(c, st);
    else evalNode(c, st, single && last);
  });
  if (node.negate && !st.halted()) st.status = st.status === 0 ? 1 : 0;
}

function ifClause(node: Extract<Node, { type: 'if' }>, st: RunState, last: boolean): void {
  for (const b of node.branches) {
    condition(b.cond, st);
    if (st.halted()) return;
    if (st.status === 0) return evalNode(b.body, st, last);
  }
  if (node.otherwise) evalNode(node.otherwise, st, last);
  else st.status = 0;
}

/** `( … )`: a forked copy of the shell; its `exit`, `cd` and variables stay inside. */
function subshell(body: Node, st: RunState): void {
  const saved = { vars: new Map(st.vars), cwd: st.cwd, isPid1: st.isPid1 };
  st.isPid1 = false;
  evalNode(body, st, false);
  if (st.ended === 'exit') st.ended = undefined;
  Object.assign(st, saved);
}

/** `cmd &`: the shell goes on at once; `wait` later waits for the job to end. */
function background(node: Node, st: RunState): void {
  const outer = st.background;
  const savedPid1 = st.isPid1;
  st.background = { durationMs: outer?.durationMs ?? 0, ended: false, sleptYet: !!outer?.sleptYet };
  st.isPid1 = false;
  evalNode(node, st, false);
  const job = st.background;
  st.background = outer;
  st.isPid1 = savedPid1;
  if (st.loopControl) st.loopControl = undefined;
  if (!outer) st.jobs.push(st.elapsed + job.durationMs);
  st.status = 0;
}

function simple(node: Extract<Node, { type: 'simple' }>, st: RunState, last: boolean): void {
  const expanded = expandWords(node.words, st);
  for (const a of node.assigns) {
    const value = expandWord(a, st).fields.join(' ');
    if (node.words.length === 0) assign(value, st);
  }
  redirect(node.redirects, st);
  st.status = 0;
  if (expanded.fields.length === 0) return;
  const tail = last && !st.trap;
  const text = nodeText(node);
  const outer = st.stdoutRedirected;
  st.stdoutRedirected ||= node.redirects.some((r) => STDOUT.test(r.op));
  runCommand(expanded.fields, st, { exec: false, tail, last, text, inShell: true }, expanded.exact);
  st.stdoutRedirected = outer;
  if (st.errexit && st.conditionDepth === 0 && st.status !== 0 && !st.halted()) {
    st.exit(st.status);
  }
}

/** Redirections of standard output: `> F`, `1>> F`, `&> F`, `>| F`. */
const STDOUT = /^(1?(>|>>|>\|)|&>|&>>)$/;

/** Output redirections create their file before the command runs, even if it prints nothing. */
function redirect(redirects: readonly Redirect[], st: RunState): void {
  for (const r of redirects) {
    if (!/^\d*(>|>>|>\||&>|&>>)$/.test(r.op)) continue;
    const target = expandWord(r.target, st);
    const path = target.fields.join(' ');
    if (!target.exact) {
      st.unknown(`podsim cannot expand the redirection target ${quote(r.target.raw)}`);
    } else if (path && !path.startsWith('/dev/') && !path.startsWith('/proc/')) {
      st.emit({ kind: 'touch', path: resolvePath(path, st.cwd) });
    }
  }
}
