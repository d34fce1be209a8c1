/**
 * How a container's process behaves over time. podsim never executes anything from a manifest:
 * commands, probes and hooks are *modelled* by this structure, which comes from the scenario, from
 * the container's command (see spec/behaviour/infer.ts), or from the image catalogue.
 */
import type { Millis } from './time.js';

/** One step of PID 1's program, run in order from container start. */
export type Step =
  /** `sleep N`: time passes. */
  | { kind: 'sleep'; ms: Millis }
  /** `exit C`: the process ends with this code. */
  | { kind: 'exit'; code: number }
  /** `touch F`, `echo … > F`, `mkdir F`: the path exists from now on (in the container's filesystem). */
  | { kind: 'touch'; path: string }
  /** `rm -rf F`, `mv F G` (source side): the path (and anything below it) is gone from now on. */
  | { kind: 'rm'; path: string }
  /** `echo …` to stdout: takes no time, changes nothing a probe can see. */
  | { kind: 'echo'; text: string }
  /**
   * `until nslookup SVC; do …; sleep N; done`: polls every `pollMs` until a Service named `service`
   * exists in the pod's namespace (or the fully qualified namespace given), then goes on.
   */
  | { kind: 'waitForService'; service: string; namespace?: string; pollMs: Millis }
  /** A long-running server (the image's own entrypoint): never ends by itself. */
  | { kind: 'serve' };

/** What PID 1 does when the runtime sends it SIGTERM. */
export type SigtermReaction =
  /** Exits `afterMs` later with `code` (0 for a clean shutdown, 143 when it re-raises the signal). */
  | { action: 'exit'; afterMs: Millis; code: number }
  /**
   * Ignores it: a shell (`sh -c`) as PID 1 has no handler, and the kernel drops signals with a
   * default disposition for PID 1, so only SIGKILL ends it.
   */
  | { action: 'ignore' };

/** An HTTP route's response status over time (offsets from container start). */
export interface HttpRoute {
  path: string;
  /**
   * Status from each offset on; the last entry whose `fromMs` ≤ t applies. Sorted by fromMs.
   * `durationMs`: how long the answer takes from that offset on (0 when absent).
   */
  status: Array<{ fromMs: Millis; code: number; durationMs?: Millis }>;
  /** With a 3xx status: the Location the route redirects to (another host ⇒ ProbeWarning). */
  redirect?: string;
}

/** The result of an exec command (probe or hook) over time. */
export interface ExecResult {
  /** The command, joined with single spaces, as written in the manifest. */
  command: string;
  /** Exit code from each offset on (sorted by fromMs). */
  exitCode: Array<{ fromMs: Millis; code: number }>;
  /** How long the command takes. */
  durationMs: Millis;
  output?: string;
}

/** Memory working set over time (offsets from container start), in bytes. */
export interface MemoryPoint {
  atMs: Millis;
  bytes: number;
}

export interface Behaviour {
  /** PID 1's program. A program that runs off its end exits 0 (what `sh -c` does). */
  program: Step[];
  /** Reaction to SIGTERM. */
  onSigterm: SigtermReaction;
  /** Delay from container start until declared ports listen and HTTP routes answer. */
  startupMs: Millis;
  /** TCP ports listening once started up (`containerPort`s unless the behaviour says otherwise). */
  ports: number[];
  /**
   * HTTP: routes with explicit statuses; any other path is served from the filesystem under
   * `docroot` (200 if the file exists, 404 if not, 403 for a directory without index.html).
   */
  http: { docroot?: string; routes: HttpRoute[] };
  /** gRPC health: SERVING once started up unless false. */
  grpcServing: boolean;
  /** Paths present in the image's filesystem when the container starts. */
  files: string[];
  /** Results of exec commands the filesystem model cannot answer (`redis-cli quit`, …). */
  exec: ExecResult[];
  /** Memory use over time; exceeding the container's memory limit means OOMKilled (exit 137). */
  memory: MemoryPoint[];
  /** Hook handlers' durations and outcomes, by hook. */
  hooks: { postStart?: HookBehaviour; preStop?: HookBehaviour };
  /** Where this behaviour came from, for the "podsim assumed …" notes in output. */
  origin: BehaviourOrigin;
  /** Assumptions podsim made that the user may want to override in the scenario. */
  notes: string[];
  /**
   * The fields an inferred note explains, by its text (a note not listed explains the whole
   * behaviour). A scenario rule that replaces every one of them makes the note moot: the merge
   * drops it, so the run's notes never state an assumption the run did not use.
   */
  noteFields?: { note: string; fields: BehaviourField[] }[];
}

/** The fields a scenario rule replaces whole (spec/behaviour/merge.ts). */
export type BehaviourField =
  | 'program'
  | 'onSigterm'
  | 'startupMs'
  | 'ports'
  | 'http'
  | 'grpcServing'
  | 'files'
  | 'exec'
  | 'memory';

export interface HookBehaviour {
  durationMs: Millis;
  /** Exit code of an exec hook / HTTP status class of an httpGet hook: 0 means success. */
  fails: boolean;
}

export type BehaviourOrigin = 'scenario' | 'command' | 'catalogue' | 'default';
