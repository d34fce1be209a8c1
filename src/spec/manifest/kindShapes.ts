/**
 * JSON shapes of the top-level kinds podsim loads (core/v1 and apps/v1 types.go). `status` is not
 * part of any shape: the API server ignores status on create, so a manifest's status block (such
 * as a LoadBalancer ingress IP) is dropped.
 */
import { objectMetaShape, podSpecShape, podTemplateSpecShape } from './podShapes.js';
import { listOf, mapOf, struct } from './shape.js';
import type { StructShape } from './shape.js';

const typeMeta = { apiVersion: 'string', kind: 'string', metadata: objectMetaShape } as const;

const labelSelector = struct({
  matchLabels: mapOf('string'),
  matchExpressions: listOf(struct({ key: 'string', operator: 'string', values: listOf('string') })),
});

export const podShape = struct({ ...typeMeta, spec: podSpecShape });

export const deploymentShape = struct({
  ...typeMeta,
  spec: struct({
    replicas: 'int32',
    selector: labelSelector,
    template: podTemplateSpecShape,
    strategy: struct({
      type: 'string',
      rollingUpdate: struct({ maxUnavailable: 'intOrString', maxSurge: 'intOrString' }),
    }),
    minReadySeconds: 'int32',
    revisionHistoryLimit: 'int32',
    paused: 'bool',
    progressDeadlineSeconds: 'int32',
  }),
});

export const replicaSetShape = struct({
  ...typeMeta,
  spec: struct({
    replicas: 'int32',
    minReadySeconds: 'int32',
    selector: labelSelector,
    template: podTemplateSpecShape,
  }),
});

export const replicationControllerShape = struct({
  ...typeMeta,
  spec: struct({
    replicas: 'int32',
    minReadySeconds: 'int32',
    selector: mapOf('string'),
    template: podTemplateSpecShape,
  }),
});

export const serviceShape = struct({
  ...typeMeta,
  spec: struct({
    ports: listOf(
      struct({
        name: 'string',
        protocol: 'string',
        appProtocol: 'string',
        port: 'int32',
        targetPort: 'intOrString',
        nodePort: 'int32',
      }),
    ),
    selector: mapOf('string'),
    clusterIP: 'string',
    clusterIPs: listOf('string'),
    type: 'string',
    externalIPs: listOf('string'),
    sessionAffinity: 'string',
    loadBalancerIP: 'string',
    loadBalancerSourceRanges: listOf('string'),
    externalName: 'string',
    externalTrafficPolicy: 'string',
    healthCheckNodePort: 'int32',
    publishNotReadyAddresses: 'bool',
    sessionAffinityConfig: struct({ clientIP: struct({ timeoutSeconds: 'int32' }) }),
    ipFamilies: listOf('string'),
    ipFamilyPolicy: 'string',
    allocateLoadBalancerNodePorts: 'bool',
    loadBalancerClass: 'string',
    internalTrafficPolicy: 'string',
    trafficDistribution: 'string',
  }),
});

export const configMapShape = struct({
  ...typeMeta,
  data: mapOf('string'),
  binaryData: mapOf('string'),
  immutable: 'bool',
});

export const secretShape = struct({
  ...typeMeta,
  data: mapOf('string'),
  stringData: mapOf('string'),
  type: 'string',
  immutable: 'bool',
});

export const namespaceShape: StructShape = struct({
  ...typeMeta,
  spec: struct({ finalizers: listOf('string') }),
});
