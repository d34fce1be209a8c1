/**
 * From a modelled run to the observable parts of a Behaviour: which ports listen and when, what
 * HTTP paths and exec commands answer, and how much memory the container uses.
 */
import type { ExecResult, HttpRoute, MemoryPoint } from '../../model/behaviour.js';
import type { Millis } from '../../model/time.js';
import type { CatalogueEntry } from './catalogue/index.js';
import { humanDuration } from './limits.js';
import type { RunState, ServerStart } from './shell/state.js';

const list = (ports: number[]) => ports.join(', ');
const sorted = (ports: Iterable<number>) => [...new Set(ports)].sort((a, b) => a - b);

/** See the ports rule in infer.ts. */
export function portsOf(st: RunState, declared: number[], notes: string[]): number[] {
  const served = sorted(st.servers.flatMap((s) => (s.entry ? (s.ports ?? []) : declared)));
  if (st.servers.length === 0 && st.understood) {
    if (declared.length) {
      notes.push(
        `declares containerPort ${list(declared)}, but its command starts no server: podsim ` +
          'models the port as closed (containerPorts are informational)',
      );
    }
    return [];
  }
  const extra = declared.filter((p) => !served.includes(p));
  if (extra.length && st.servers.length > 0) {
    notes.push(
      `declares containerPort ${list(extra)}, which its server does not listen on by default; ` +
        'podsim assumed it listens (a mounted configuration may change the port)',
    );
  } else if (extra.length) {
    notes.push(
      `podsim assumed the declared containerPort ${list(extra)} listens, since it does not ` +
        'understand the whole command',
    );
  }
  return sorted([...served, ...declared]);
}

function primary(st: RunState): ServerStart | undefined {
  return st.servers[0];
}

/** From container start until the (first) server's ports listen. */
export function startupOf(st: RunState, notes: string[]): Millis {
  const s = primary(st);
  if (!s) return 0;
  const waits = st.steps.findIndex((x) => x.kind === 'waitForService');
  const serves = st.steps.findIndex((x) => x.kind === 'serve');
  if (waits >= 0 && waits < serves) {
    // startupMs counts from container start, which cannot include a wait of unknown length.
    notes.push(
      `${s.name} starts after a wait for a Service, but podsim counts its start-up from ` +
        `container start (${humanDuration(s.atMs + (s.entry?.startupMs ?? 0))})`,
    );
  }
  return s.atMs + (s.entry?.startupMs ?? 0);
}

export function httpOf(st: RunState): { docroot?: string; routes: HttpRoute[] } {
  const s = primary(st);
  if (!s?.entry) return { routes: [] };
  const routes = s.entry.routes.map((r) => ({
    path: r.path,
    // Offsets count from container start; the first status holds from the start.
    status: r.status.map((x, i) => ({ fromMs: i === 0 ? 0 : x.fromMs + s.atMs, code: x.code })),
  }));
  return s.entry.docroot ? { docroot: s.entry.docroot, routes } : { routes };
}

/**
 * Exec commands the image answers: they fail (exit 1) until its server listens, and for ever
 * when the command line does not start the server.
 */
export function execOf(st: RunState, image: CatalogueEntry | undefined): ExecResult[] {
  const out: ExecResult[] = [];
  const seen = new Set<CatalogueEntry>();
  for (const s of st.servers) {
    if (!s.entry || seen.has(s.entry)) continue;
    seen.add(s.entry);
    const ready = s.atMs + s.entry.startupMs;
    for (const e of s.entry.exec) {
      out.push({
        command: e.command,
        exitCode:
          ready > 0
            ? [
                { fromMs: 0, code: 1 },
                { fromMs: ready, code: 0 },
              ]
            : [{ fromMs: 0, code: 0 }],
        durationMs: e.durationMs,
        output: e.output,
      });
    }
  }
  if (image && !seen.has(image)) {
    for (const e of image.exec) {
      out.push({
        command: e.command,
        exitCode: [{ fromMs: 0, code: 1 }],
        durationMs: e.durationMs,
        output: e.failure,
      });
    }
  }
  return out;
}

/** A small process (shell, sleep) until servers start, then the servers' working sets added up. */
export function memoryOf(st: RunState, small: number): MemoryPoint[] {
  const known = st.servers.filter((s) => s.entry);
  if (st.servers.length > known.length && known.length === 0) return [];
  const points: MemoryPoint[] = [];
  let total = known.length && known[0]!.atMs === 0 ? 0 : small;
  if (total) points.push({ atMs: 0, bytes: total });
  for (const s of [...known].sort((a, b) => a.atMs - b.atMs)) {
    total += s.entry!.memoryBytes;
    const last = points[points.length - 1];
    if (last && last.atMs === s.atMs) last.bytes = total;
    else points.push({ atMs: s.atMs, bytes: total });
  }
  return points;
}
