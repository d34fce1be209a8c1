/**
 * Programs started from a command line: shells (whose `-c` script is modelled), an image's
 * docker-entrypoint.sh (which execs its arguments), the catalogue's servers, well-known
 * short-lived tools, and unknown programs, about which podsim must assume something and says so.
 */
import { quote } from '../limits.js';
import { runScript } from '../shell/interpreter.js';
import type { RunState } from '../shell/state.js';
import { matchServer } from '../servers.js';
import type { ServerLaunch } from '../servers.js';
import { NO_HANDLER, finishReplacement, replaceProcess, runCommand } from './dispatch.js';
import type { Invocation } from './dispatch.js';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'ksh', 'zsh']);
/** Tools that finish on their own: never mistaken for a server, even as the last command. */
const SHORT_LIVED = new Set(
  (
    'test [ [[ . source eval read cat ls grep sed awk head tail wc cut sort find stat curl wget ' +
    'kill ps df du tar gzip which dirname basename tr tee xargs ping nc getent env apk apt-get ' +
    'yum dnf pip git openssl redis-cli mysql mysqladmin'
  ).split(' '),
);
/** The stop-signal reaction podsim assumes for a program it knows nothing about. */
const ASSUMED_SIGTERM = { action: 'exit', afterMs: 0, code: 143 } as const;

export function runProgram(argv: string[], st: RunState, inv: Invocation, exact: boolean): void {
  const name = argv[0]!;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (SHELLS.has(base)) return shell(base, argv.slice(1), st, inv);
  const image = st.ctx.image;
  if (image?.entrypointScript && base === 'docker-entrypoint.sh') {
    return entrypointScript(argv.slice(1), st, inv, exact);
  }
  const server = matchServer(argv, image);
  if (server) return launch(server, base, st, inv);
  if (SHORT_LIVED.has(base)) {
    st.unknown(`podsim does not model ${quote(inv.text)}; assumed it takes no time and succeeds`);
    st.status = 0;
    if (inv.exec || inv.tail) finishReplacement(st, base, NO_HANDLER);
    return;
  }
  unknownProgram(base, st, inv);
}

/** `sh -c SCRIPT [NAME ARGS…]`; `sh` alone reads stdin, which is closed, and exits 0. */
function shell(name: string, args: string[], st: RunState, inv: Invocation): void {
  let i = 0;
  let script: string | undefined;
  let errexit = false;
  for (; i < args.length && args[i]!.startsWith('-') && args[i] !== '-'; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '-o' || a === '+o') i++;
    else if (/^-[a-z]*c/.test(a)) script = '';
    if (/^-[a-z]*e/.test(a)) errexit = true;
  }
  if (script === '') script = args[i++];
  const replaces = (inv.exec || inv.tail) && !st.background;
  if (script === undefined && args[i] !== undefined) {
    return unknownProgram(`${name} ${args[i]}`, st, inv);
  }
  if (replaces && st.isPid1) st.pid1 = { kind: 'shell', name };
  runScript(script ?? '', st, {
    shell: name,
    replaces,
    errexit,
    positional: [args[i] ?? name, ...args.slice(i + 1)],
  });
}

/**
 * The official images' docker-entrypoint.sh: checks what it must, puts the server in front of
 * option arguments, and ends with `exec "$@"`, so the arguments replace it as PID 1.
 */
function entrypointScript(args: string[], st: RunState, inv: Invocation, exact: boolean): void {
  const spec = st.ctx.image!.entrypointScript!;
  const first = args[0] ?? '';
  const argv =
    spec.prependForOptions && (first.startsWith('-') || first.endsWith('.conf'))
      ? [spec.prependForOptions, ...args]
      : args;
  const required = spec.requiredEnv;
  if (required && argv[0] === spec.prependForOptions && !hasAnyEnv(required.anyOf, st)) {
    st.note(
      `podsim assumed the data directory is empty (a first start), so the entrypoint requires ` +
        `one of ${required.anyOf.join(', ')}; none is set, so it exits ${required.exitCode}`,
    );
    st.emit({ kind: 'echo', text: required.message });
    return finishWith(required.exitCode, 'docker-entrypoint.sh', st);
  }
  if (argv.length === 0) return finishWith(0, 'docker-entrypoint.sh', st);
  runCommand(argv, st, { ...inv, text: argv.join(' ') }, exact);
}

function hasAnyEnv(names: readonly string[], st: RunState): boolean {
  if (st.ctx.envFrom) {
    st.note('podsim assumed envFrom provides the variables the entrypoint needs');
    return true;
  }
  // A value podsim cannot see (from a Secret or ConfigMap) is assumed non-empty.
  return names.some((n) => st.ctx.envNames.has(n) && st.ctx.env.get(n) !== '');
}

function finishWith(code: number, name: string, st: RunState): void {
  st.status = code;
  finishReplacement(st, name, NO_HANDLER);
}

function launch(server: ServerLaunch, base: string, st: RunState, inv: Invocation): void {
  const { entry } = server;
  const replaces = inv.exec || inv.tail;
  st.status = 0;
  if (server.mode === 'utility') {
    if (replaces) finishReplacement(st, base, NO_HANDLER);
    return;
  }
  if (server.mode === 'daemon') {
    if (replaces) {
      st.note(`${server.why}; its foreground process exits 0 at once, which ends the container`);
      return finishReplacement(st, base, NO_HANDLER);
    }
    st.note(`${server.why}; it keeps running while the script goes on`);
  }
  st.servers.push({ entry, name: entry.name, ports: server.ports, atMs: st.now() });
  if (server.mode === 'daemon') return;
  if (st.background) return st.forever('foreground', Infinity);
  if (replaces) replaceProcess(st, entry.name, entry.onSigterm);
  else if (st.isPid1) {
    st.note(
      `${entry.name} runs as a child of the shell, which stays PID 1: SIGTERM reaches only the shell`,
    );
  }
  st.forever('foreground', Infinity);
}

function unknownProgram(base: string, st: RunState, inv: Invocation): void {
  const text = quote(inv.text);
  const replaces = inv.exec || inv.tail;
  st.status = 0;
  if (st.ctx.initContainer) {
    st.unknown(
      `podsim does not model ${text}; assumed it finishes at once with exit status 0, ` +
        'as an init container must finish for the Pod to start',
    );
    if (replaces) finishReplacement(st, base, NO_HANDLER);
    return;
  }
  if (!replaces && !inv.last && !st.background) {
    st.unknown(`podsim does not model ${text}; assumed it takes no time and succeeds`);
    return;
  }
  st.unknown(
    `podsim does not model ${text}; assumed it runs until stopped (a long-running server), ` +
      'listening on the declared containerPorts and answering gRPC health checks',
  );
  st.servers.push({ name: base, atMs: st.now() });
  if (st.background) return st.forever('foreground', Infinity);
  if (replaces) {
    replaceProcess(
      st,
      base,
      ASSUMED_SIGTERM,
      `podsim assumed ${base} exits 143 at once on SIGTERM`,
    );
  }
  st.forever('foreground', Infinity);
}
