/**
 * The kinds podsim loads, each with its API group version, JSON shape, defaulting and validation
 * (the API server's per-resource strategy: decode → default → validate).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type {
  ConfigMap,
  Namespace,
  Pod,
  ReplicationController,
  Secret,
  Service,
} from 'kubernetes-types/core/v1.js';
import {
  defaultNamespace,
  defaultSecret,
  mergeStringData,
  validateConfigMap,
  validateNamespace,
  validateSecret,
} from './configData.js';
import { defaultDeployment, validateDeployment } from './deployment.js';
import {
  configMapShape,
  deploymentShape,
  namespaceShape,
  podShape,
  replicaSetShape,
  replicationControllerShape,
  secretShape,
  serviceShape,
} from './kindShapes.js';
import { defaultObjectMeta } from './meta.js';
import { applyPodSpecDefaults } from './podDefaults.js';
import { admitOverhead, validatePod } from './podSpec.js';
import {
  defaultReplicaSet,
  defaultReplicationController,
  validateReplicaSet,
  validateReplicationController,
} from './replicaSet.js';
import type { Report } from './report.js';
import type { FieldPath } from './path.js';
import { defaultService, validateService } from './service.js';
import type { StructShape } from './shape.js';

/** The object type of each kind, after defaulting (kubernetes-types shapes). */
export interface KindObjects {
  Pod: Pod;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  ReplicationController: ReplicationController;
  Service: Service;
  ConfigMap: ConfigMap;
  Secret: Secret;
  Namespace: Namespace;
}

export type ManifestKind = keyof KindObjects;
export type ManifestObject = KindObjects[ManifestKind];

export interface ManifestOptions {
  /** kube-apiserver --service-node-port-range (inclusive). */
  nodePortRange: [number, number];
}

/** A workload's pod template spec, where admission reports on the pods it would create. */
const TEMPLATE_SPEC: FieldPath = ['spec', 'template', 'spec'];

interface KindHandler<T> {
  apiVersion: string;
  namespaced: boolean;
  shape: StructShape;
  /** Defaulting, after metadata defaulting. */
  default(obj: T): void;
  validate(obj: T, r: Report, opts: ManifestOptions): void;
  /** Admission plugins' checks, on an object that validated. */
  admit?(obj: T, r: Report): void;
  /** Conversion steps that follow a successful validation and admission. */
  finalize?(obj: T): void;
}

/** In the order podsim lists them in messages. */
export const MANIFEST_KINDS: readonly ManifestKind[] = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Service',
  'ConfigMap',
  'Secret',
  'Namespace',
];

export const KINDS: { readonly [K in ManifestKind]: KindHandler<KindObjects[K]> } = {
  Pod: {
    apiVersion: 'v1',
    namespaced: true,
    shape: podShape,
    default: (pod) => applyPodSpecDefaults((pod.spec ??= { containers: [] }), false),
    validate: (pod, r) => validatePod(pod, r),
    admit: (pod, r) => admitOverhead(pod.spec, ['spec'], r, false),
  },
  Deployment: {
    apiVersion: 'apps/v1',
    namespaced: true,
    shape: deploymentShape,
    default: defaultDeployment,
    validate: (d, r) => validateDeployment(d, r),
    admit: (d, r) => admitOverhead(d.spec?.template?.spec, TEMPLATE_SPEC, r, true),
  },
  ReplicaSet: {
    apiVersion: 'apps/v1',
    namespaced: true,
    shape: replicaSetShape,
    default: defaultReplicaSet,
    validate: (rs, r) => validateReplicaSet(rs, r),
    admit: (rs, r) => admitOverhead(rs.spec?.template?.spec, TEMPLATE_SPEC, r, true),
  },
  ReplicationController: {
    apiVersion: 'v1',
    namespaced: true,
    shape: replicationControllerShape,
    default: defaultReplicationController,
    validate: (rc, r) => validateReplicationController(rc, r),
    admit: (rc, r) => admitOverhead(rc.spec?.template?.spec, TEMPLATE_SPEC, r, true),
  },
  Service: {
    apiVersion: 'v1',
    namespaced: true,
    shape: serviceShape,
    default: defaultService,
    validate: (svc, r, opts) => validateService(svc, r, opts.nodePortRange),
  },
  ConfigMap: {
    apiVersion: 'v1',
    namespaced: true,
    shape: configMapShape,
    default: () => undefined,
    validate: (cm, r) => validateConfigMap(cm, r),
  },
  Secret: {
    apiVersion: 'v1',
    namespaced: true,
    shape: secretShape,
    default: defaultSecret,
    validate: (s, r) => validateSecret(s, r),
    finalize: mergeStringData,
  },
  Namespace: {
    apiVersion: 'v1',
    namespaced: false,
    shape: namespaceShape,
    default: defaultNamespace,
    validate: (ns, r) => validateNamespace(ns, r),
  },
};

export function isManifestKind(kind: string): kind is ManifestKind {
  return (MANIFEST_KINDS as readonly string[]).includes(kind);
}

/** Defaults and validates a decoded object of `kind` in place; true when it is valid. */
export function admit<K extends ManifestKind>(
  kind: K,
  obj: KindObjects[K],
  r: Report,
  opts: ManifestOptions,
): boolean {
  const handler = KINDS[kind] as KindHandler<KindObjects[K]>;
  defaultObjectMeta((obj.metadata ??= {}), handler.namespaced);
  handler.default(obj);
  const before = r.count;
  handler.validate(obj, r, opts);
  if (r.count !== before) return false;
  handler.admit?.(obj, r);
  if (r.count !== before) return false;
  handler.finalize?.(obj);
  return true;
}
