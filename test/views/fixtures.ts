/**
 * Builders for API-shaped pods in the view tests. They produce what `kubectl get pod -o json`
 * shows, keeping each test's pod readable.
 */
import type { Container, ContainerStatus, Pod, PodCondition } from 'kubernetes-types/core/v1.js';

export const T0 = '2025-01-01T00:00:00Z';

/** An RFC 3339 timestamp `seconds` after T0. */
export function at(seconds: number): string {
  return new Date(Date.parse(T0) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export const container = (name: string, extra: Partial<Container> = {}): Container => ({
  name,
  image: `registry.example/${name}:1.0`,
  ...extra,
});

export const sidecar = (name: string): Container => container(name, { restartPolicy: 'Always' });

export const running = (name: string, extra: Partial<ContainerStatus> = {}): ContainerStatus => ({
  name,
  image: `registry.example/${name}:1.0`,
  imageID: '',
  ready: true,
  started: true,
  restartCount: 0,
  state: { running: { startedAt: at(5) } },
  ...extra,
});

export const waiting = (
  name: string,
  reason: string,
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name,
  image: `registry.example/${name}:1.0`,
  imageID: '',
  ready: false,
  started: false,
  restartCount: 0,
  state: { waiting: { reason } },
  ...extra,
});

export const terminated = (
  name: string,
  exitCode: number,
  reason: string | undefined,
  extra: Partial<ContainerStatus> = {},
): ContainerStatus => ({
  name,
  image: `registry.example/${name}:1.0`,
  imageID: '',
  ready: false,
  started: false,
  restartCount: 0,
  state: {
    terminated: { exitCode, startedAt: at(5), finishedAt: at(10), ...(reason ? { reason } : {}) },
  },
  ...extra,
});

/** A previous instance that finished at `finishedAt` with `exitCode`. */
export const lastTerminated = (
  exitCode: number,
  finishedAt: string,
  reason = exitCode === 0 ? 'Completed' : 'Error',
): ContainerStatus['lastState'] => ({
  terminated: { exitCode, reason, startedAt: at(1), finishedAt },
});

export const condition = (type: string, status: string, reason?: string): PodCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

export interface PodShape {
  readonly name?: string;
  readonly containers?: Container[];
  readonly initContainers?: Container[];
  readonly phase?: string;
  readonly statuses?: ContainerStatus[];
  readonly initStatuses?: ContainerStatus[];
  readonly conditions?: PodCondition[];
  readonly restartPolicy?: string;
  readonly deletionTimestamp?: string;
  readonly reason?: string;
  readonly nodeName?: string;
}

/** A pod created at T0 in namespace default. */
export function pod(shape: PodShape = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: shape.name ?? 'web',
      namespace: 'default',
      uid: 'uid-web',
      creationTimestamp: T0,
      ...(shape.deletionTimestamp
        ? { deletionTimestamp: shape.deletionTimestamp, deletionGracePeriodSeconds: 30 }
        : {}),
    },
    spec: {
      containers: shape.containers ?? [container('app')],
      ...(shape.initContainers ? { initContainers: shape.initContainers } : {}),
      restartPolicy: shape.restartPolicy ?? 'Always',
      ...(shape.nodeName ? { nodeName: shape.nodeName } : {}),
    },
    status: {
      phase: shape.phase ?? 'Pending',
      ...(shape.reason ? { reason: shape.reason } : {}),
      ...(shape.conditions ? { conditions: shape.conditions } : {}),
      ...(shape.statuses ? { containerStatuses: shape.statuses } : {}),
      ...(shape.initStatuses ? { initContainerStatuses: shape.initStatuses } : {}),
    },
  };
}
