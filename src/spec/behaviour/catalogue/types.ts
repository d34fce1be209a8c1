/**
 * The shape of an image catalogue entry: what podsim knows about a well-known image without
 * running it. Entries are data, documented field by field, and exported for the README table.
 */
import type { Millis } from '../../../model/time.js';
import type { HttpRoute, SigtermReaction } from '../../../model/behaviour.js';

/** An exec command (probe or hook) the image's server answers, e.g. `redis-cli ping`. */
export interface CatalogueExec {
  /** The command as a manifest writes it, joined with single spaces. */
  command: string;
  /** What it prints once the server has started (exit code 0). */
  output: string;
  /** What it prints, exiting 1, before the server listens or when the server is not running. */
  failure: string;
  durationMs: Millis;
}

/** Environment the image's entrypoint script insists on before it starts the server. */
export interface RequiredEnv {
  /** At least one of these must be set to a non-empty value. */
  anyOf: readonly string[];
  /** What the entrypoint prints before it gives up. */
  message: string;
  exitCode: number;
}

/**
 * How the image's server binaries behave when launched: which flags keep them in the foreground,
 * which fork into the background, which only print something. See servers.ts.
 */
export type ServerFamily = 'nginx' | 'httpd' | 'tomcat' | 'redis' | 'mysql' | 'plain';

export interface CatalogueEntry {
  /** Short name used in notes, e.g. `nginx`. */
  name: string;
  /** One line for the README. */
  description: string;
  /**
   * Repository patterns. Without a registry host (`nginx`, `soscscs/myapp`) a pattern matches the
   * repository path on any registry; `*` followed by `/name` matches `name` in any namespace;
   * with a host (`k8s.gcr.io/liveness`) the host must match too.
   */
  repositories: readonly string[];
  /** Restricts the entry to some tags, when an image changed between versions. */
  tags?: { description: string; matches: (tag: string) => boolean };
  /** The image's ENTRYPOINT (empty when it has none). */
  entrypoint: readonly string[];
  /** The image's CMD (empty when it has none). */
  cmd: readonly string[];
  /**
   * The ENTRYPOINT is a docker-entrypoint.sh that ends with `exec "$@"`: it runs its arguments.
   * `prependForOptions` is the server it puts in front of arguments starting with `-`.
   */
  entrypointScript?: { prependForOptions?: string; requiredEnv?: RequiredEnv };
  /** Programs that start this image's server (matched by path or by file name). */
  binaries: readonly string[];
  /** The binaries' names are too generic to recognise outside this very image (`/server`). */
  binariesNeedImage?: boolean;
  /** Launch rules of the binaries. */
  server: ServerFamily;
  /** TCP ports the server listens on by default. */
  ports: readonly number[];
  /** From server start until its ports listen. */
  startupMs: Millis;
  /** Directory served for HTTP paths without an explicit route. */
  docroot?: string;
  /** Paths present in the image's filesystem. */
  files: readonly string[];
  /** HTTP routes with explicit statuses (offsets from server start). */
  routes: readonly HttpRoute[];
  exec: readonly CatalogueExec[];
  /** What the server does on the runtime's stop signal. */
  onSigterm: SigtermReaction;
  /** Working set once started. */
  memoryBytes: number;
  /** Where the values come from. */
  sources: readonly string[];
}

export const MiB = 1024 * 1024;
