/**
 * The abstract form of a generated test case. Arbitraries produce these plain values (so fast-check
 * can shrink them field by field); render/ turns one into the two files a user would write — a
 * Pod manifest and a Scenario — which are then loaded exactly as `podsim run` loads them.
 */

/** Which handler a probe uses; `closedPort` aims a network probe at a port nothing listens on. */
export interface ProbeGen {
  handler: 'exec' | 'httpGet' | 'tcpSocket' | 'grpc';
  closedPort: boolean;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
  /** Rendered only for readiness probes (liveness and startup must use 1, semantics §1.1). */
  successThreshold: number;
  /** Rendered only for liveness and startup probes (forbidden on readiness, §1.1). */
  terminationGracePeriodSeconds: number | null;
}

/** A postStart/preStop hook and what it does when run (the scenario's `hooks:` rule). */
export interface HookGen {
  handler: 'exec' | 'sleep';
  /** How long the handler runs; a sleep handler sleeps exactly this long. */
  seconds: number;
  fails: boolean;
}

export type StepGen = { sleep: number } | { touch: true } | { rm: true };

/** PID 1's behaviour (a scenario `containers:` rule). Times are whole seconds. */
export interface BehaviourGen {
  steps: StepGen[];
  end: { exit: number } | 'serve' | 'fallOff';
  startupSeconds: number;
  onSigterm: 'ignore' | { exitAfterSeconds: number; code: number };
  /**
   * /healthz status over time: each entry holds from `from` seconds after start, its answers
   * taking `durationMs` (some beyond a probe's timeout or period).
   */
  http: Array<{ from: number; code: number; durationMs: number }>;
  grpcServing: boolean;
  /** /tmp/x is in the image (exec probes `cat /tmp/x`). */
  hasFile: boolean;
  /** Working set over time in MiB. */
  memory: Array<{ at: number; mi: number }>;
}

export interface ResourcesGen {
  cpuRequestMilli: number | null;
  memoryRequestMi: number | null;
  memoryLimitMi: number | null;
}

export interface ContainerGen {
  pullPolicy: 'IfNotPresent' | 'Always';
  resources: ResourcesGen | null;
  startup: ProbeGen | null;
  readiness: ProbeGen | null;
  liveness: ProbeGen | null;
  postStart: HookGen | null;
  preStop: HookGen | null;
  behaviour: BehaviourGen;
}

/** An init container; a sidecar (restartPolicy Always) keeps probes and hooks, a regular one drops them. */
export interface InitContainerGen extends ContainerGen {
  sidecar: boolean;
}

export interface PodGen {
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds: number | null;
  initContainers: InitContainerGen[];
  containers: ContainerGen[];
}

export interface ActionsGen {
  delete: { atSeconds: number; gracePeriod: number | null } | null;
  /** Timed `kubectl exec` into a container (index into init + app containers). */
  execs: Array<{ atSeconds: number; container: number; command: 'rm' | 'touch' }>;
  /**
   * The node's kubelet stops at `atSeconds` and is back `forSeconds` later (scenario `nodeDown`,
   * `nodeUp`); generated only with the `outages` case option.
   */
  outage?: { atSeconds: number; forSeconds: number } | null;
}

export interface CaseGen {
  seed: number;
  untilSeconds: number;
  /** The node already has the image (no pull for IfNotPresent; a 500 ms re-check for Always). */
  imageCached: boolean;
  pod: PodGen;
  actions: ActionsGen;
}

/** The files of a case, by name, as a user would save them. */
export interface CaseFiles {
  'scenario.yaml': string;
  'pod.yaml': string;
}

export const POD_NAME = 'prop';
export const IMAGE = 'busybox:1.36';
/** The path exec probes read and exec actions remove. */
export const PROBE_FILE = '/tmp/x';
/** Nothing ever listens here: a probe aimed at it always fails. */
export const CLOSED_PORT = 9999;
