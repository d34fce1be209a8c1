/**
 * Probes and lifecycle hooks. Mirrors pkg/apis/core/validation/validation.go: validateProbe,
 * validateLivenessProbe / validateReadinessProbe / validateStartupProbe, validateHandler,
 * validateExecAction, validateHTTPGetAction, ValidatePortNumOrName, validateSleepAction and
 * validateLifecycle. Values are checked after defaulting, so a 0 period has already become 10.
 */
import type { HTTPGetAction, Lifecycle, Probe } from 'kubernetes-types/core/v1.js';
import { isHTTPHeaderName, isNegativeErrorMsg, isValidPortName, isValidPortNum } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

interface Handler {
  exec?: { command?: string[] };
  httpGet?: HTTPGetAction;
  tcpSocket?: { port?: number | string };
  grpc?: { port?: number };
  sleep?: { seconds?: number };
}

/** ValidatePortNumOrName: an int must be a port number, a string an IANA_SVC_NAME. */
export function validatePortNumOrName(
  port: number | string | undefined,
  path: FieldPath,
  r: Report,
): void {
  if (typeof port === 'string') r.invalidEach(path, port, isValidPortName(port));
  else r.invalidEach(path, port ?? 0, isValidPortNum(port ?? 0));
}

function validateHTTPGet(h: HTTPGetAction, path: FieldPath, r: Report): void {
  if (!h.path) r.required(child(path, 'path'));
  validatePortNumOrName(h.port, child(path, 'port'), r);
  const scheme = h.scheme ?? '';
  if (scheme !== 'HTTP' && scheme !== 'HTTPS') {
    r.notSupported(child(path, 'scheme'), scheme, ['HTTP', 'HTTPS']);
  }
  (h.httpHeaders ?? []).forEach((header, i) => {
    const at = child(path, 'httpHeaders', i, 'name');
    r.invalidEach(child(path, 'httpHeaders'), header.name, isHTTPHeaderName(header.name ?? ''), at);
  });
}

/** validateHandler: exactly one handler; `sleep` only exists on lifecycle handlers. */
function validateHandler(h: Handler, grace: number | undefined, path: FieldPath, r: Report): void {
  let n = 0;
  const one = (name: keyof Handler, check: () => void): void => {
    if (h[name] === undefined) return;
    if (n > 0) {
      r.forbidden(child(path, name), 'may not specify more than 1 handler type');
      return;
    }
    n++;
    check();
  };
  one('exec', () => {
    if ((h.exec?.command ?? []).length === 0) r.required(child(path, 'exec', 'command'));
  });
  one('httpGet', () => validateHTTPGet(h.httpGet!, child(path, 'httpGet'), r));
  one('tcpSocket', () =>
    validatePortNumOrName(h.tcpSocket?.port, child(path, 'tcpSocket', 'port'), r),
  );
  one('grpc', () => validatePortNumOrName(h.grpc?.port ?? 0, child(path, 'grpc', 'port'), r));
  one('sleep', () => {
    // validateSleepAction (PodLifecycleSleepAction is beta and on in v1.31; zero sleeps came in 1.32).
    const s = h.sleep?.seconds ?? 0;
    if (grace !== undefined && (s <= 0 || s > grace)) {
      const detail = `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`;
      r.invalid(child(path, 'sleep'), s, detail, child(path, 'sleep', 'seconds'));
    }
  });
  if (n === 0) r.required(path, 'must specify a handler type');
}

/** validateProbe plus the kind-specific rules of validateLiveness/Readiness/StartupProbe. */
export function validateProbe(
  probe: Probe | undefined,
  kind: ProbeKind,
  grace: number | undefined,
  path: FieldPath,
  r: Report,
): void {
  if (!probe) return;
  validateHandler(probe, grace, path, r);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ] as const) {
    const v = probe[f] ?? 0;
    if (v < 0) r.invalid(child(path, f), v, isNegativeErrorMsg);
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps !== undefined && tgps <= 0) {
    r.invalid(child(path, 'terminationGracePeriodSeconds'), tgps, 'must be greater than 0');
  }
  if (kind === 'readiness') {
    if (tgps !== undefined) {
      r.invalid(
        child(path, 'terminationGracePeriodSeconds'),
        tgps,
        'must not be set for readinessProbes',
      );
    }
  } else if ((probe.successThreshold ?? 0) !== 1) {
    r.invalid(child(path, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1');
  }
}

/** validateLifecycle: each present hook needs exactly one valid handler. */
export function validateLifecycle(
  lc: Lifecycle,
  grace: number | undefined,
  path: FieldPath,
  r: Report,
): void {
  if (lc.postStart) validateHandler(lc.postStart, grace, child(path, 'postStart'), r);
  if (lc.preStop) validateHandler(lc.preStop, grace, child(path, 'preStop'), r);
}

/** The three probes of a container, in the order validateContainers checks them. */
export function validateProbes(
  c: { livenessProbe?: Probe; readinessProbe?: Probe; startupProbe?: Probe },
  grace: number | undefined,
  path: FieldPath,
  r: Report,
): void {
  validateProbe(c.livenessProbe, 'liveness', grace, child(path, 'livenessProbe'), r);
  validateProbe(c.readinessProbe, 'readiness', grace, child(path, 'readinessProbe'), r);
  validateProbe(c.startupProbe, 'startup', grace, child(path, 'startupProbe'), r);
}
