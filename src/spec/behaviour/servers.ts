/**
 * Recognising the catalogue's server programs in a command line, and how each one runs: in the
 * foreground (what a container needs), forked into the background (the launching process exits
 * 0 at once, which ends a container whose PID 1 it was), or only printing something.
 */
import { entriesForBinary } from './catalogue/index.js';
import type { CatalogueEntry } from './catalogue/index.js';

export interface ServerLaunch {
  entry: CatalogueEntry;
  mode: 'foreground' | 'daemon' | 'utility';
  /** Ports it listens on (the entry's unless a flag says otherwise). */
  ports: number[];
  /** Why it daemonises, for the note. */
  why?: string;
}

/**
 * The server `argv` starts, if argv[0] is one of the catalogue's server programs. The image's own
 * entry is preferred (nginx in a myapp image is myapp's nginx); binaries with generic names
 * (`/server`) count only in their own image.
 */
export function matchServer(
  argv: readonly string[],
  image: CatalogueEntry | undefined,
): ServerLaunch | undefined {
  const program = argv[0];
  if (program === undefined) return undefined;
  const candidates = entriesForBinary(program).filter((e) => !e.binariesNeedImage || e === image);
  const entry = candidates.find((e) => e === image) ?? candidates[0];
  if (!entry) return undefined;
  const args = argv.slice(1);
  const base = program.slice(program.lastIndexOf('/') + 1);
  const launch = (mode: ServerLaunch['mode'], ports = [...entry.ports], why?: string) => ({
    entry,
    mode,
    ports,
    why,
  });
  switch (entry.server) {
    case 'nginx':
      return nginx(args, launch);
    case 'httpd':
      return httpd(base, args, launch);
    case 'tomcat':
      return tomcat(base, args, launch);
    case 'redis':
      return redis(args, entry, launch);
    case 'mysql':
      return mysql(args, entry, launch);
    case 'plain':
      return launch('foreground');
  }
}

type Launch = (mode: ServerLaunch['mode'], ports?: number[], why?: string) => ServerLaunch;

const INFO = /^-(v|V|t|T|h|\?)$/;

function nginx(args: string[], launch: Launch): ServerLaunch {
  if (args.some((a) => INFO.test(a) || a === '-s')) return launch('utility');
  const g = args.indexOf('-g');
  if (g >= 0 && /daemon\s+off\s*;/.test(args[g + 1] ?? '')) return launch('foreground');
  return launch(
    'daemon',
    undefined,
    "nginx forks into the background unless run with -g 'daemon off;' (the image's nginx.conf " +
      'does not say it)',
  );
}

function httpd(base: string, args: string[], launch: Launch): ServerLaunch {
  if (base === 'httpd-foreground') return launch('foreground');
  if (args.some((a) => /^-(v|V|t|S|M|l|L|h)$/.test(a))) return launch('utility');
  const joined = args.join(' ');
  if (/-D\s*FOREGROUND/.test(joined)) return launch('foreground');
  return launch('daemon', undefined, `${base} forks into the background without -DFOREGROUND`);
}

function tomcat(base: string, args: string[], launch: Launch): ServerLaunch {
  if (base === 'catalina.sh' && args[0] === 'run') return launch('foreground');
  if (base === 'startup.sh' || args[0] === 'start') {
    return launch('daemon', undefined, `${base} starts Tomcat in the background and returns`);
  }
  return launch('utility');
}

function redis(args: string[], entry: CatalogueEntry, launch: Launch): ServerLaunch {
  if (args.some((a) => /^(-v|--version|-h|--help)$/.test(a))) return launch('utility');
  const port = flagValue(args, '--port');
  const ports = port !== undefined ? (port === 0 ? [] : [port]) : [...entry.ports];
  const d = args.indexOf('--daemonize');
  if (d >= 0 && args[d + 1] === 'yes') {
    return launch('daemon', ports, 'redis-server forks into the background with --daemonize yes');
  }
  return launch('foreground', ports);
}

function mysql(args: string[], entry: CatalogueEntry, launch: Launch): ServerLaunch {
  if (args.some((a) => /^(-V|--version|--help|-\?)$/.test(a))) return launch('utility');
  const port = flagValue(args, '--port') ?? flagValue(args, '-P');
  return launch('foreground', port !== undefined ? [port, ...entry.ports.slice(1)] : undefined);
}

/** `--port 7000` or `--port=7000` as a TCP port number. */
function flagValue(args: string[], flag: string): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v =
      a === flag ? args[i + 1] : a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : undefined;
    if (v !== undefined && /^\d{1,5}$/.test(v) && Number(v) <= 65535) return Number(v);
  }
  return undefined;
}
