/**
 * Utilities podsim models: `sleep` passes time, `echo`/`printf` print, file commands change
 * which paths exist, and the rest (`chmod`, `date`, `true`…) change nothing a probe can see.
 * Every modelled utility succeeds except `false` and a `sleep` with malformed operands, as the
 * real ones do.
 */
import { parseSleepOperands, quote } from '../limits.js';
import type { RunState } from '../shell/state.js';

const NO_EFFECT = [
  'chmod',
  'chown',
  'chgrp',
  'date',
  'true',
  'hostname',
  'id',
  'whoami',
  'uname',
  'pwd',
  'sync',
];
const FILES = ['touch', 'mkdir', 'rm', 'rmdir', 'mv', 'cp', 'ln'];

export const UTILITIES: ReadonlySet<string> = new Set([
  'sleep',
  'echo',
  'printf',
  'false',
  'nslookup',
  ...NO_EFFECT,
  ...FILES,
]);

export function runUtility(name: string, args: string[], st: RunState, exact: boolean): void {
  st.status = 0;
  switch (name) {
    case 'sleep':
      return sleep(args, st, exact);
    case 'echo':
    case 'printf':
      // Redirected output lands in a file (the redirection's touch step), not in the log.
      if (!st.stdoutRedirected) st.emit({ kind: 'echo', text: printed(name, args) });
      return;
    case 'false':
      st.status = 1;
      return;
    case 'nslookup':
      st.unknown(`podsim assumed ${quote(['nslookup', ...args].join(' '))} succeeds`);
      return;
  }
  if (FILES.includes(name)) files(name, args, st, exact);
}

function sleep(args: string[], st: RunState, exact: boolean): void {
  const ms = parseSleepOperands(args);
  if (ms !== undefined) return st.sleep(ms, 'foreground');
  const text = quote(['sleep', ...args].join(' '));
  if (exact) {
    // The real sleep rejects the operand ("invalid time interval") and exits 1.
    st.note(`${text} is not a valid duration: sleep fails at once with exit status 1`);
    st.status = 1;
  } else st.unknown(`podsim cannot tell how long ${text} sleeps; assumed no time`);
}

function printed(name: string, args: string[]): string {
  if (name === 'printf') {
    const [format = '', ...rest] = args;
    let i = 0;
    return format
      .replace(/%[sdi]/g, () => rest[i++] ?? '')
      .replace(/\\n/g, '\n')
      .replace(/\n+$/, '');
  }
  let k = 0;
  while (/^-[neE]+$/.test(args[k] ?? '')) k++;
  return args.slice(k).join(' ');
}

/** Resolves a path against the working directory and normalises `.`, `..` and `//`. */
export function resolvePath(path: string, cwd: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

function operands(name: string, args: string[]): string[] {
  const out: string[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (options && a === '--') options = false;
    else if (options && a.startsWith('-') && a !== '-') {
      // Options that take a value: `mkdir -m 755`, `touch -d DATE`, `cp -t DIR`.
      if (/^-[mdrtT]$/.test(a) && (name === 'mkdir' || name === 'touch')) i++;
    } else out.push(a);
  }
  return out;
}

function files(name: string, args: string[], st: RunState, exact: boolean): void {
  const ops = operands(name, args);
  const text = quote([name, ...args].join(' '));
  if (!exact) return st.unknown(`podsim cannot expand every word of ${text}; ignored its effect`);
  const path = (p: string) => resolvePath(p, st.cwd);
  if (name === 'touch' || name === 'mkdir')
    ops.forEach((p) => st.emit({ kind: 'touch', path: path(p) }));
  else if (name === 'rm' || name === 'rmdir') ops.forEach((p) => remove(p, st, text));
  else if (ops.length >= 2) {
    const dest = ops[ops.length - 1]!;
    for (const src of ops.slice(0, -1)) {
      if (name === 'mv') remove(src, st, text);
      // A destination written with a trailing slash is a directory: the file keeps its name.
      const target = dest.endsWith('/') ? `${dest}${src.slice(src.lastIndexOf('/') + 1)}` : dest;
      st.emit({ kind: 'touch', path: path(target) });
    }
  } else if (name === 'ln' && ops.length === 1) {
    st.emit({ kind: 'touch', path: path(ops[0]!.slice(ops[0]!.lastIndexOf('/') + 1)) });
  }
}

/** `rm DIR/*` empties DIR but keeps it; other globs are beyond what podsim can expand. */
function remove(p: string, st: RunState, text: string): void {
  const dir = /^(.*)\/\*$/.exec(p);
  if (dir && !/[*?[]/.test(dir[1]!)) {
    const path = resolvePath(dir[1]! || '/', st.cwd);
    st.emit({ kind: 'rm', path });
    st.emit({ kind: 'touch', path });
  } else if (/[*?[]/.test(p)) {
    st.unknown(`podsim does not expand the file name pattern in ${text}; ignored it`);
  } else st.emit({ kind: 'rm', path: resolvePath(p, st.cwd) });
}
