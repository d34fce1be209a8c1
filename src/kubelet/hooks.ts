/**
 * Lifecycle hook handlers, modelled (never run), as kuberuntime/lifecycle handlers execute them:
 * - exec: the command's script — its sleeps are the hook's duration, an `exit N` (N ≠ 0) fails it;
 * - sleep (`sleep: {seconds: N}`, 1.29+): takes N seconds and succeeds;
 * - httpGet: answered by the container's modelled server at that instant (2xx/3xx succeed; a port
 *   not listening yet — typical right after start — fails, as it does for a real postStart).
 * A scenario's `hooks:` behaviour overrides all of this.
 */
import type { Container, LifecycleHandler, Pod } from 'kubernetes-types/core/v1.js';
import type { KillReason } from '../events/catalog.js';
import type { KubeEventNote } from '../events/createEvent.js';
import type { Behaviour, HookBehaviour } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';
import type { ContainerRuntime } from '../state/model.js';
import type { TimerRequest } from '../engine/context.js';
import { parseShell } from '../spec/behaviour/index.js';
import { evaluateProbe } from './probeEval.js';
import { kubeletNote } from './notes.js';

export function hookOutcome(
  hook: 'postStart' | 'preStop',
  handler: LifecycleHandler,
  pod: Pod,
  container: Container,
  rt: ContainerRuntime,
  behaviour: Behaviour,
  at: Millis,
): HookBehaviour {
  const given = behaviour.hooks[hook];
  if (given) return given;
  if (handler.sleep) return { durationMs: handler.sleep.seconds * 1000, fails: false };
  if (handler.exec) {
    const cmd = handler.exec.command ?? [];
    const shell = cmd.length >= 3 && /(^|\/)(sh|bash|ash)$/.test(cmd[0]!) && cmd[1] === '-c';
    const script = shell ? cmd.slice(2).join(' ') : cmd.map(quote).join(' ');
    const parsed = parseShell(script, { namespace: pod.metadata?.namespace ?? 'default' });
    let durationMs = 0;
    let fails = false;
    for (const s of parsed.steps) {
      if (s.kind === 'sleep') durationMs += s.ms;
      if (s.kind === 'exit') {
        fails = s.code !== 0;
        break;
      }
      if (s.kind === 'serve' || s.kind === 'waitForService') {
        // A hook that never returns: it runs until the kubelet gives up on it.
        durationMs = Number.MAX_SAFE_INTEGER;
        break;
      }
    }
    return { durationMs, fails };
  }
  if (handler.httpGet) {
    // kubelet.go builds the lifecycle HTTP client (insecureContainerLifecycleHTTPClient) without
    // a Timeout: the hook lasts until the route answers (a scenario route's `duration`).
    const probe = { httpGet: handler.httpGet, timeoutSeconds: Number.POSITIVE_INFINITY };
    const answer = evaluateProbe(probe, { pod, container, rt, behaviour, at });
    return { durationMs: answer.durationMs ?? 0, fails: !answer.success };
  }
  return { durationMs: 0, fails: false };
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * The timer that ends a running hook (its outcome decided when it began); a preStop names the
 * kill it runs for.
 */
export function hookDone(
  pod: string,
  container: string,
  instance: number,
  hook: 'postStart' | 'preStop',
  endsAt: Millis,
  failed: boolean,
  timedOut: boolean,
  kill: KillReason | null,
): TimerRequest {
  return {
    at: endsAt,
    data: { kind: 'hookDone', pod, container, instance, hook, failed, timedOut, kill },
  };
}

/**
 * The Warning a failed hook records. The handler's message is left out "so that secrets won't
 * leak from the server" (kuberuntime_container.go).
 */
export const hookFailedNote = (hook: 'postStart' | 'preStop'): KubeEventNote =>
  hook === 'postStart'
    ? kubeletNote('Warning', 'FailedPostStartHook', 'PostStartHook failed')
    : kubeletNote('Warning', 'FailedPreStopHook', 'PreStopHook failed');
