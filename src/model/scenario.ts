/**
 * The scenario: what the cluster has and how containers behave over time. Written by users as a
 * YAML document `apiVersion: podsim/v1alpha1, kind: Scenario` (see README "Scenario reference").
 * This is the validated, defaulted form the engine reads.
 */
import type { Millis } from './time.js';
import type { Behaviour } from './behaviour.js';

export interface NodeSpec {
  name: string;
  /** Allocatable CPU in millicores. */
  cpuMilli: number;
  /** Allocatable memory in bytes. */
  memoryBytes: number;
  /** Allocatable pod count. */
  pods: number;
  labels: Record<string, string>;
  /** Image references already present on the node (normalised, e.g. `docker.io/library/nginx:latest`). */
  images: string[];
  /** The node's InternalIP (status.hostIP of its pods). */
  address: string;
  /** Pod CIDR, e.g. `10.244.0.0/24`; pod IPs are handed out from it in order. */
  podCIDR: string;
  taints: Array<{ key: string; value?: string; effect: string }>;
}

export interface RegistryImage {
  /** Pull duration for this image. */
  pullMs?: Millis;
  sizeBytes?: number;
  /** The image does not exist in the registry (ErrImagePull → ImagePullBackOff). */
  missing?: boolean;
  /** The image pulls but cannot be inspected (ImageInspectError). */
  corrupt?: boolean;
}

export interface RegistrySpec {
  /** Default pull duration for images not listed. */
  pullMs: Millis;
  /** Default image size, for the "Image size: N bytes." sentence. */
  sizeBytes: number;
  images: Record<string, RegistryImage>;
  /** Windows during which the registry cannot be reached (RegistryUnavailable). */
  outages: Array<{ fromMs: Millis; untilMs: Millis }>;
}

export interface KubeletTiming {
  /** Time to create the pod sandbox (pause container + network). */
  sandboxMs: Millis;
}

/** Selects containers: by pod name (exact, or a prefix ending in `*`) and container name. */
export interface BehaviourRule {
  pod?: string;
  container?: string;
  /** Partial behaviour that overrides the inferred one field by field. */
  behaviour: Partial<Behaviour>;
  /** Runtime faults for this container. */
  faults?: { createError?: string; runError?: string };
  /** Where the rule was written (file:line) for notes. */
  source: string;
}

export type Action =
  | { at: Millis; kind: 'apply'; objects: unknown[]; source: string }
  | {
      at: Millis;
      kind: 'delete';
      target: { kind: string; name: string; namespace: string };
      gracePeriodSeconds?: number;
      source: string;
    }
  | {
      at: Millis;
      kind: 'exec';
      pod: string;
      namespace: string;
      container: string;
      command: string[];
      source: string;
    }
  | {
      at: Millis;
      kind: 'scale';
      target: { kind: string; name: string; namespace: string };
      replicas: number;
      source: string;
    }
  | { at: Millis; kind: 'nodeDown' | 'nodeUp'; node: string; source: string }
  | {
      at: Millis;
      kind: 'rolloutUndo';
      target: { kind: string; name: string; namespace: string };
      /** `--to-revision`; 0 or absent: the revision before the current one. */
      toRevision?: number;
      source: string;
    };

/**
 * Requests sent to a Service over the run. Nothing is simulated for them: they are evaluated after
 * the run, from its events (src/traffic/): the run's events are the same with or without them.
 */
export interface TrafficSpec {
  service: { name: string; namespace: string };
  /** The Service port the requests go to (its name or number); absent: the first port. */
  port?: string | number;
  /** `count` requests every `perMs`, evenly spaced from `fromMs` (e.g. 50/s: 50 per 1000 ms). */
  rate: { count: number; perMs: Millis; text: string };
  /** How long an EndpointSlice change takes to reach kube-proxy's rules. */
  propagationDelayMs: Millis;
  /** How kube-proxy picks one of the endpoints it knows for each request. */
  balancing: 'roundRobin' | 'random';
  fromMs: Millis;
  /** The last request is sent before this instant; null: until the end of the run. */
  untilMs: Millis | null;
  /** Where the entry was written (file:line). */
  source: string;
}

export interface Scenario {
  seed: number;
  /** Virtual time at which the run stops. */
  untilMs: Millis;
  /** Wall-clock instant that virtual time 0 stands for (RFC 3339), for timestamps in output. */
  startTime: string;
  nodes: NodeSpec[];
  registry: RegistrySpec;
  kubelet: KubeletTiming;
  behaviours: BehaviourRule[];
  actions: Action[];
  traffic?: TrafficSpec[];
}
