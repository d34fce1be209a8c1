/**
 * JSON shapes of the core/v1 pod types (staging/src/k8s.io/api/core/v1/types.go). Fields podsim
 * reads or validates are typed precisely; other real fields are kept as `any` so nothing a user
 * wrote is lost; fields Kubernetes does not know are refused before decoding (strictFields.ts).
 */
import { listOf, mapOf, struct } from './shape.js';
import type { Shape } from './shape.js';

const strings = listOf('string');
const labelMap = mapOf('string');

export const objectMetaShape = struct({
  name: 'string',
  generateName: 'string',
  namespace: 'string',
  labels: labelMap,
  annotations: labelMap,
  finalizers: strings,
  ownerReferences: 'any',
});

const httpGet = struct({
  host: 'string',
  httpHeaders: listOf(struct({ name: 'string', value: 'string' })),
  path: 'string',
  port: 'intOrString',
  scheme: 'string',
});
const tcpSocket = struct({ host: 'string', port: 'intOrString' });
const exec = struct({ command: strings });

export const probeShape = struct({
  exec,
  httpGet,
  tcpSocket,
  grpc: struct({ port: 'int32', service: 'string' }),
  initialDelaySeconds: 'int32',
  timeoutSeconds: 'int32',
  periodSeconds: 'int32',
  successThreshold: 'int32',
  failureThreshold: 'int32',
  terminationGracePeriodSeconds: 'int64',
});

const lifecycleHandler = struct({ exec, httpGet, tcpSocket, sleep: struct({ seconds: 'int64' }) });

const keySelector = struct({ name: 'string', key: 'string', optional: 'bool' });
const envVar = struct({
  name: 'string',
  value: 'string',
  valueFrom: struct({
    fieldRef: struct({ apiVersion: 'string', fieldPath: 'string' }),
    resourceFieldRef: struct({ containerName: 'string', resource: 'string', divisor: 'quantity' }),
    configMapKeyRef: keySelector,
    secretKeyRef: keySelector,
  }),
});
const envFrom = struct({
  prefix: 'string',
  configMapRef: struct({ name: 'string', optional: 'bool' }),
  secretRef: struct({ name: 'string', optional: 'bool' }),
});

export const containerShape = struct({
  name: 'string',
  image: 'string',
  command: strings,
  args: strings,
  workingDir: 'string',
  ports: listOf(
    struct({
      name: 'string',
      containerPort: 'int32',
      hostPort: 'int32',
      hostIP: 'string',
      protocol: 'string',
    }),
  ),
  env: listOf(envVar),
  envFrom: listOf(envFrom),
  resources: struct({ limits: mapOf('quantity'), requests: mapOf('quantity'), claims: 'any' }),
  resizePolicy: 'any',
  restartPolicy: 'string',
  volumeMounts: listOf(
    struct({
      name: 'string',
      mountPath: 'string',
      readOnly: 'bool',
      recursiveReadOnly: 'string',
      subPath: 'string',
      subPathExpr: 'string',
      mountPropagation: 'string',
    }),
  ),
  volumeDevices: 'any',
  livenessProbe: probeShape,
  readinessProbe: probeShape,
  startupProbe: probeShape,
  lifecycle: struct({ postStart: lifecycleHandler, preStop: lifecycleHandler }),
  terminationMessagePath: 'string',
  terminationMessagePolicy: 'string',
  imagePullPolicy: 'string',
  securityContext: 'any',
  stdin: 'bool',
  stdinOnce: 'bool',
  tty: 'bool',
});

const keyToPaths = listOf(struct({ key: 'string', path: 'string', mode: 'int32' }));

/** Every VolumeSource member, in the order validateVolumeSource checks them. */
export const volumeSourceShapes: ReadonlyArray<readonly [string, Shape]> = [
  ['emptyDir', struct({ medium: 'string', sizeLimit: 'quantity' })],
  ['hostPath', struct({ path: 'string', type: 'string' })],
  ['gitRepo', 'any'],
  ['gcePersistentDisk', 'any'],
  ['awsElasticBlockStore', 'any'],
  [
    'secret',
    struct({ secretName: 'string', items: keyToPaths, defaultMode: 'int32', optional: 'bool' }),
  ],
  ['nfs', 'any'],
  ['iscsi', 'any'],
  ['glusterfs', 'any'],
  ['flocker', 'any'],
  ['persistentVolumeClaim', struct({ claimName: 'string', readOnly: 'bool' })],
  ['rbd', 'any'],
  ['cinder', 'any'],
  ['cephfs', 'any'],
  ['quobyte', 'any'],
  ['downwardAPI', struct({ items: 'any', defaultMode: 'int32' })],
  ['fc', 'any'],
  ['flexVolume', 'any'],
  [
    'configMap',
    struct({ name: 'string', items: keyToPaths, defaultMode: 'int32', optional: 'bool' }),
  ],
  ['azureFile', 'any'],
  ['vsphereVolume', 'any'],
  ['photonPersistentDisk', 'any'],
  ['portworxVolume', 'any'],
  ['azureDisk', 'any'],
  ['storageos', 'any'],
  ['projected', struct({ sources: 'any', defaultMode: 'int32' })],
  ['scaleIO', 'any'],
  ['csi', 'any'],
  ['ephemeral', 'any'],
  ['image', 'any'],
];

const volumeShape = struct({ name: 'string', ...Object.fromEntries(volumeSourceShapes) });

export const podSpecShape = struct({
  volumes: listOf(volumeShape),
  initContainers: listOf(containerShape),
  containers: listOf(containerShape),
  ephemeralContainers: 'any',
  restartPolicy: 'string',
  terminationGracePeriodSeconds: 'int64',
  activeDeadlineSeconds: 'int64',
  dnsPolicy: 'string',
  nodeSelector: labelMap,
  serviceAccountName: 'string',
  serviceAccount: 'string',
  automountServiceAccountToken: 'bool',
  nodeName: 'string',
  hostNetwork: 'bool',
  hostPID: 'bool',
  hostIPC: 'bool',
  shareProcessNamespace: 'bool',
  securityContext: 'any',
  imagePullSecrets: 'any',
  hostname: 'string',
  subdomain: 'string',
  affinity: 'any',
  schedulerName: 'string',
  tolerations: 'any',
  hostAliases: 'any',
  priorityClassName: 'string',
  priority: 'int32',
  dnsConfig: 'any',
  readinessGates: 'any',
  runtimeClassName: 'string',
  enableServiceLinks: 'bool',
  preemptionPolicy: 'string',
  overhead: mapOf('quantity'),
  topologySpreadConstraints: 'any',
  setHostnameAsFQDN: 'bool',
  os: 'any',
  hostUsers: 'bool',
  schedulingGates: 'any',
  resourceClaims: 'any',
});

export const podTemplateSpecShape = struct({ metadata: objectMetaShape, spec: podSpecShape });
