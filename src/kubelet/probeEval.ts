/**
 * What one probe attempt returns against the modelled container (pkg/probe/{exec,http,tcp,grpc}):
 * nothing is executed or connected to; the outcome comes from the container's behaviour.
 */
import type { Container, HTTPGetAction, Pod, Probe } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';
import type { ContainerRuntime } from '../state/model.js';
import { goQuote } from '../spec/manifest/goFormat.js';
import { pathExists } from './process.js';

export interface ProbeOutcome {
  success: boolean;
  output: string;
  /** A success the kubelet reports with a ProbeWarning event (a redirect to another host). */
  warning?: string;
  /**
   * How long the attempt takes until its result (ms): a scenario exec result's `duration`, or
   * timeoutSeconds when it runs longer or a gRPC dial never connects. The worker records the
   * result, and the kubelet its Unhealthy event, when the attempt returns (worker.go doProbe).
   */
  durationMs?: number;
}

export interface ProbeTarget {
  pod: Pod;
  container: Container;
  rt: ContainerRuntime;
  behaviour: Behaviour;
  at: Millis;
}

export function evaluateProbe(probe: Probe, t: ProbeTarget): ProbeOutcome {
  if (probe.exec) return evalExec(probe.exec.command ?? [], probe.timeoutSeconds ?? 1, t);
  const ip = t.pod.status?.podIP ?? '';
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, t.container);
    const path = probe.httpGet.path ?? '/';
    const url = httpProbeUrl(probe.httpGet, t.container, ip);
    if (!listening(t, port)) {
      return {
        success: false,
        output: `Get "${url}": dial tcp ${ip}:${port}: connect: connection refused`,
      };
    }
    const { code, durationMs } = httpAnswer(t, path);
    // pkg/probe/http/http.go: the client's Timeout is timeoutSeconds; a response that takes
    // longer is the client's error, returned as the failure's output.
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    if (durationMs > timeoutMs) {
      return {
        success: false,
        output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        durationMs: timeoutMs,
      };
    }
    const took = durationMs > 0 ? { durationMs } : {};
    // pkg/probe/http: a redirect to another host is not followed; the probe succeeds with a warning.
    const route = t.behaviour.http.routes.find((r) => r.path === path);
    const to = route?.redirect?.match(/^https?:\/\/([^/:]+)/)?.[1];
    if (code >= 300 && code < 400 && to !== undefined && to !== (probe.httpGet.host ?? ip)) {
      return {
        success: true,
        output: '',
        warning: 'Probe terminated redirects, Response body: ',
        ...took,
      };
    }
    if (code >= 200 && code < 400) return { success: true, output: '', ...took };
    return { success: false, output: `HTTP probe failed with statuscode: ${code}`, ...took };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, t.container);
    if (listening(t, port)) return { success: true, output: '' };
    return { success: false, output: `dial tcp ${ip}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const answer: ProbeOutcome = t.behaviour.grpcServing
      ? { success: true, output: '' }
      : { success: false, output: 'service unhealthy (responded with "NOT_SERVING")' };
    if (listening(t, probe.grpc.port)) return answer;
    // grpc.go dials with WithBlock under the probe's timeout: a refused connection is retried
    // after each connect back-off (grpcRetriesMs) until the deadline. A port that starts listening
    // meanwhile (the container's start-up ends) is reached at the next retry, and Check answers.
    const opensAt = listensFrom(t, probe.grpc.port);
    const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
    const retry =
      opensAt === undefined ? undefined : grpcRetriesMs(timeoutMs).find((r) => t.at + r >= opensAt);
    return retry === undefined ? grpcDialTimeout(probe, ip) : { ...answer, durationMs: retry };
  }
  return { success: false, output: 'probe has no handler' };
}

/** The URL an httpGet probe asks for, as the kubelet's client error messages quote it. */
export function httpProbeUrl(get: HTTPGetAction, c: Container, ip: string): string {
  const port = resolvePort(get.port, c);
  const scheme = (get.scheme ?? 'HTTP').toLowerCase();
  const path = get.path ?? '/';
  return `${scheme}://${get.host ?? ip}:${port}${path.startsWith('/') ? path : `/${path}`}`;
}

function resolvePort(port: number | string | undefined, c: Container): number {
  if (typeof port === 'number') return port;
  const named = (c.ports ?? []).find((p) => p.name === port);
  return named ? named.containerPort : Number(port);
}

/**
 * A gRPC probe's dial that never connects: pkg/probe/grpc/grpc.go returns the dial's error
 * (context.DeadlineExceeded, formatted with %+v) at the probe's deadline, timeoutSeconds after the
 * tick.
 */
export function grpcDialTimeout(probe: Probe, ip: string): ProbeOutcome {
  return {
    success: false,
    output: `timeout: failed to connect service "${ip}:${probe.grpc!.port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded`,
    durationMs: (probe.timeoutSeconds ?? 1) * 1000,
  };
}

/**
 * When a gRPC dial begun at a tick retries its refused connection, in ms after the tick, before
 * `timeoutMs`: grpc-go's connect back-off (backoff.DefaultConfig: 1 s, then ×1.6 each time, at
 * most 120 s) after each failed attempt: 1000, 2600, 5160, 9256, … Each delay is jittered ±20% at
 * random in grpc-go; podsim takes it without the jitter, to the millisecond. A retry at the
 * deadline itself is too late: connecting and the Check take time.
 */
export function grpcRetriesMs(timeoutMs: number): number[] {
  const out: number[] = [];
  for (let at = 0, delay = 1000; at + Math.round(delay) < timeoutMs;) {
    at += Math.round(delay);
    out.push(at);
    delay = Math.min(delay * 1.6, 120_000);
  }
  return out;
}

/** When the container starts listening on `port` (undefined: it never does). */
function listensFrom(t: ProbeTarget, port: number): Millis | undefined {
  if (t.rt.startedAt === null || !t.behaviour.ports.includes(port)) return undefined;
  return t.rt.startedAt + t.behaviour.startupMs;
}

function listening(t: ProbeTarget, port: number): boolean {
  const started = t.rt.startedAt !== null && t.at >= t.rt.startedAt + t.behaviour.startupMs;
  return started && t.behaviour.ports.includes(port);
}

function offset(t: ProbeTarget): Millis {
  return t.at - (t.rt.startedAt ?? t.at);
}

function fsHas(t: ProbeTarget, path: string): boolean {
  return pathExists(
    t.behaviour,
    t.rt.program,
    t.rt.fsChanges,
    mountsOf(t.pod, t.container),
    path,
    t.at,
  );
}

/** emptyDir volumes mounted over image paths hide what the image had there. */
function mountsOf(pod: Pod, c: Container): Array<{ path: string; files: ReadonlySet<string> }> {
  const empty = new Set((pod.spec?.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
  return (c.volumeMounts ?? [])
    .filter((m) => empty.has(m.name))
    .map((m) => ({ path: m.mountPath, files: new Set<string>() }));
}

/** The status a GET of `path` answers with now, and how long the answer takes. */
function httpAnswer(t: ProbeTarget, path: string): { code: number; durationMs: number } {
  const route = t.behaviour.http.routes.find((r) => r.path === path);
  if (route) {
    let answer = { code: 200, durationMs: 0 };
    for (const s of route.status)
      if (s.fromMs <= offset(t)) answer = { code: s.code, durationMs: s.durationMs ?? 0 };
    return answer;
  }
  return { code: fileStatus(t, path), durationMs: 0 };
}

function fileStatus(t: ProbeTarget, path: string): number {
  const root = t.behaviour.http.docroot;
  if (!root) return 404;
  const file = `${root}${path === '/' ? '' : path}`;
  if (path.endsWith('/') || path === '/') {
    return fsHas(t, `${file.replace(/\/$/, '')}/index.html`)
      ? 200
      : fsHas(t, file.replace(/\/$/, '')) || path === '/'
        ? 403
        : 404;
  }
  return fsHas(t, file) ? 200 : 404;
}

/** How podsim answers an exec probe's command; undefined: it cannot. */
type ExecModel =
  | { kind: 'known'; result: Behaviour['exec'][number] }
  | { kind: 'files'; cmd: 'cat' | 'ls'; files: string[] }
  | { kind: 'test'; path: string }
  | { kind: 'exit'; code: number };

function execModel(command: string[], behaviour: Behaviour): ExecModel | undefined {
  const argv = unwrapShell(command);
  const joined = command.join(' ');
  const known = behaviour.exec.find((e) => e.command === joined || e.command === argv.join(' '));
  if (known) return { kind: 'known', result: known };
  const [path, ...args] = argv;
  // `/bin/cat` is `cat`.
  const cmd = path?.slice(path.lastIndexOf('/') + 1);
  const files = args.filter((a) => !a.startsWith('-'));
  if ((cmd === 'cat' || cmd === 'ls') && files.length > 0) return { kind: 'files', cmd, files };
  if ((cmd === 'test' || cmd === '[') && args.length >= 2 && /^-[efdrs]$/.test(args[0]!))
    return { kind: 'test', path: args[1]! };
  // Shell builtins whose status is all they do: `exit N`, `true`, `:`, `false`.
  if (cmd === 'exit' && args.length <= 1 && /^\d*$/.test(args[0] ?? ''))
    return { kind: 'exit', code: Number(args[0] ?? 0) % 256 };
  if ((cmd === 'true' || cmd === ':') && args.length === 0) return { kind: 'exit', code: 0 };
  if (cmd === 'false' && args.length === 0) return { kind: 'exit', code: 1 };
  return undefined;
}

/**
 * podsim can answer this exec probe command (a scenario result, a file check, a builtin); the
 * others count as succeeding, and the run's notes name them (spec/loadRun.ts).
 */
export function execModelled(command: string[], behaviour: Behaviour): boolean {
  return execModel(command, behaviour) !== undefined;
}

/** The text a scenario's `exec` result names this command by (`sh -c` unwrapped). */
export const execCommandText = (command: string[]): string => unwrapShell(command).join(' ');

function evalExec(command: string[], timeoutSeconds: number, t: ProbeTarget): ProbeOutcome {
  const m = execModel(command, t.behaviour);
  switch (m?.kind) {
    case 'known': {
      // The runtime's ExecSync ends the command at the timeout (remote_runtime.go:
      // `command %q timed out`); exec.go reports that text as the failure's output.
      if (m.result.durationMs > timeoutSeconds * 1000) {
        return {
          success: false,
          output: `command ${goQuote(command.join(' '))} timed out`,
          durationMs: timeoutSeconds * 1000,
        };
      }
      let code = 0;
      for (const s of m.result.exitCode) if (s.fromMs <= offset(t)) code = s.code;
      // probe/exec/exec.go: the result carries the command's combined output, whatever its exit
      // code; a command that prints nothing fails with an empty message ("… probe failed: ").
      return {
        success: code === 0,
        output: m.result.output ?? '',
        durationMs: m.result.durationMs,
      };
    }
    case 'files': {
      const missing = m.files.find((f) => !fsHas(t, f));
      if (m.cmd === 'cat')
        return missing
          ? { success: false, output: `cat: can't open '${missing}': No such file or directory` }
          : { success: true, output: '' };
      return missing
        ? { success: false, output: `ls: ${missing}: No such file or directory` }
        : { success: true, output: m.files.join('\n') };
    }
    case 'test':
      return { success: fsHas(t, m.path), output: '' };
    case 'exit':
      return { success: m.code === 0, output: '' };
    default:
      // Commands podsim cannot model succeed (the run's notes say so); the scenario can give results.
      return { success: true, output: '' };
  }
}

/** `sh -c "cat /tmp/healthy"` probes the same thing as `cat /tmp/healthy`. */
function unwrapShell(command: string[]): string[] {
  if (command.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(command[0]!) && command[1] === '-c') {
    return command[2]!.trim().split(/\s+/);
  }
  return command;
}
