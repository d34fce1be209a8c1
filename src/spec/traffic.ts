/**
 * The scenario's `traffic:` section: requests sent at a fixed rate to a Service, evaluated after
 * the run from its events (src/traffic/requests.ts). Validated with located errors like the rest
 * of the scenario; docs/scenario-reference.md documents every field.
 */
import type { TrafficSpec } from '../model/scenario.js';
import type { Millis } from '../model/time.js';
import { fieldMsg } from './errors.js';
import type { FieldReader } from './fields.js';
import type { FieldPath } from './yamlSource.js';

export const TRAFFIC_FIELDS = [
  'service',
  'port',
  'rate',
  'propagationDelay',
  'balancing',
  'from',
  'until',
];
export const BALANCING = ['roundRobin', 'random'] as const;
/** kube-proxy's default --iptables-min-sync-period: rules are rewritten at most once a second. */
export const DEFAULT_PROPAGATION_MS = 1_000;
/** The most requests one entry may describe (each is classified one by one after the run). */
export const MAX_REQUESTS = 10_000_000;

const RATE_UNITS: Record<string, Millis> = { s: 1_000, m: 60_000, h: 3_600_000 };
const RATE_HELP =
  'must be a whole number of requests per second, minute or hour: 50/s, 30/m, 100/h';

/** `traffic:` — one map or a list of them. */
export function parseTraffic(r: FieldReader, v: unknown, runUntilMs: Millis): TrafficSpec[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.flatMap((t, i): TrafficSpec[] => {
    const path: FieldPath = Array.isArray(v) ? ['traffic', i] : ['traffic'];
    const m = r.map(t, path);
    if (!m) {
      if (t === null || t === undefined) r.error(path, fieldMsg.required('service and rate'));
      return [];
    }
    r.known(m, path, TRAFFIC_FIELDS);
    const service = parseService(r, m.service, [...path, 'service']);
    const port = parsePort(r, m.port, [...path, 'port']);
    const rate = parseRate(r, m.rate, [...path, 'rate']);
    const propagationDelayMs =
      r.duration(m.propagationDelay, [...path, 'propagationDelay']) ?? DEFAULT_PROPAGATION_MS;
    const balancing = r.string(m.balancing, [...path, 'balancing']) ?? 'roundRobin';
    if (!(BALANCING as readonly string[]).includes(balancing))
      r.error([...path, 'balancing'], fieldMsg.notSupported(balancing, BALANCING));
    const fromMs = r.duration(m.from, [...path, 'from']) ?? 0;
    const untilMs = r.duration(m.until, [...path, 'until']) ?? null;
    if (untilMs !== null && untilMs <= fromMs)
      r.error([...path, 'until'], fieldMsg.invalid(m.until, 'must be later than from'));
    if (rate && Number.isFinite(runUntilMs)) {
      const span = Math.max(0, Math.min(untilMs ?? runUntilMs, runUntilMs) - fromMs);
      if ((span / rate.perMs) * rate.count > MAX_REQUESTS)
        r.error(
          [...path, 'rate'],
          fieldMsg.invalid(
            m.rate,
            `${rate.text} from ${fromMs / 1000}s to ${(untilMs ?? runUntilMs) / 1000}s is more than ${MAX_REQUESTS} requests; lower the rate or shorten from/until`,
          ),
        );
    }
    if (!service || !rate) return [];
    return [
      {
        service,
        ...(port !== undefined ? { port } : {}),
        rate,
        propagationDelayMs,
        balancing: balancing === 'random' ? 'random' : 'roundRobin',
        fromMs,
        untilMs,
        source: `${r.doc.file}:${r.doc.locate(path).line}`,
      },
    ];
  });
}

function parseService(
  r: FieldReader,
  v: unknown,
  path: FieldPath,
): TrafficSpec['service'] | undefined {
  if (v === undefined || v === null)
    return r.error(path, fieldMsg.required('the Service: NAME, svc/NAME or svc/NAMESPACE/NAME'));
  const s = r.string(v, path);
  if (s === undefined) return undefined;
  const m =
    /^(?:(?:svc|service|services)\/)?(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/)?([a-z]([-a-z0-9]*[a-z0-9])?)$/.exec(
      s,
    );
  if (!m) return r.error(path, fieldMsg.invalid(s, 'must be NAME, svc/NAME or svc/NAMESPACE/NAME'));
  return { namespace: m[1] ?? 'default', name: m[3]! };
}

function parsePort(r: FieldReader, v: unknown, path: FieldPath): string | number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return r.int(v, path, 1, 65535);
  const s = r.string(v, path);
  if (s === undefined) return undefined;
  if (/^[0-9]+$/.test(s)) return r.int(Number(s), path, 1, 65535);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s))
    return r.error(path, fieldMsg.invalid(s, "must be the Service port's name or number"));
  return s;
}

/** `50/s`, `30/m`, `100/h`, or a plain number of requests per second. */
function parseRate(r: FieldReader, v: unknown, path: FieldPath): TrafficSpec['rate'] | undefined {
  if (v === undefined || v === null) return r.error(path, fieldMsg.required(RATE_HELP));
  const text = typeof v === 'number' ? `${v}/s` : typeof v === 'string' ? v.trim() : undefined;
  const m = text === undefined ? null : /^([0-9]+)\s*\/\s*(s|m|h)$/.exec(text);
  const count = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || count > 1_000_000)
    return r.error(
      path,
      fieldMsg.invalid(v, `${RATE_HELP} (at least 1, at most 1000000 per unit)`),
    );
  return { count, perMs: RATE_UNITS[m[2]!]!, text: `${count}/${m[2]}` };
}
