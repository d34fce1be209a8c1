/**
 * A Deployment pod whose app container crash-loops after a successful init container, as the API
 * server returns it (defaults applied). Its events are in describeFixtureEvents.ts.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';

export const NOW = '2025-03-10T09:05:00Z';

export const crashingPod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-6d8f7c9b5-x7k2p',
    namespace: 'shop',
    uid: '3f6c1b2a-0d4e-4c5f-9a7b-1e2d3c4b5a69',
    creationTimestamp: '2025-03-10T09:00:00Z',
    labels: { app: 'web', 'pod-template-hash': '6d8f7c9b5' },
    annotations: { 'prometheus.io/scrape': 'true' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web-6d8f7c9b5',
        uid: 'rs-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
  },
  spec: {
    priority: 0,
    serviceAccountName: 'default',
    nodeName: 'node-1',
    restartPolicy: 'Always',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    initContainers: [
      {
        name: 'migrate',
        image: 'shop/migrate:2.1',
        command: ['/bin/sh', '-c'],
        args: ['./migrate up'],
      },
    ],
    containers: [
      {
        name: 'web',
        image: 'shop/web:2.1',
        ports: [
          { containerPort: 8080, protocol: 'TCP', name: 'http' },
          { containerPort: 9090, protocol: 'TCP', name: 'metrics' },
        ],
        resources: {
          limits: { cpu: '500m', memory: '256Mi' },
          requests: { cpu: '250m', memory: '128Mi' },
        },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 5,
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        readinessProbe: {
          tcpSocket: { port: 'http' },
          timeoutSeconds: 1,
          periodSeconds: 5,
          successThreshold: 1,
          failureThreshold: 3,
        },
        env: [
          {
            name: 'POD_NAME',
            valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
          },
          {
            name: 'POD_IP',
            valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
          },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
        volumeMounts: [
          {
            name: 'kube-api-access-9zq7d',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
          { name: 'config', mountPath: '/etc/web/app.yaml', subPath: 'app.yaml' },
        ],
      },
    ],
    volumes: [
      { name: 'config', configMap: { name: 'web-config', defaultMode: 420 } },
      {
        name: 'kube-api-access-9zq7d',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            {
              downwardAPI: {
                items: [
                  {
                    path: 'namespace',
                    fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
                  },
                ],
              },
            },
          ],
        },
      },
    ],
    tolerations: [
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ],
  },
  status: {
    phase: 'Running',
    hostIP: '192.168.49.2',
    podIP: '10.244.0.17',
    podIPs: [{ ip: '10.244.0.17' }],
    startTime: '2025-03-10T09:00:01Z',
    qosClass: 'Burstable',
    conditions: [
      {
        type: 'PodReadyToStartContainers',
        status: 'True',
        lastTransitionTime: '2025-03-10T09:00:03Z',
      },
      { type: 'Initialized', status: 'True', lastTransitionTime: '2025-03-10T09:00:09Z' },
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [web]',
        lastTransitionTime: '2025-03-10T09:00:09Z',
      },
      {
        type: 'ContainersReady',
        status: 'False',
        reason: 'ContainersNotReady',
        message: 'containers with unready status: [web]',
        lastTransitionTime: '2025-03-10T09:00:09Z',
      },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: '2025-03-10T09:00:00Z' },
    ],
    initContainerStatuses: [
      {
        name: 'migrate',
        image: 'docker.io/shop/migrate:2.1',
        imageID: 'docker.io/shop/migrate@sha256:1111',
        containerID: 'containerd://aaaa',
        ready: true,
        started: false,
        restartCount: 0,
        state: {
          terminated: {
            exitCode: 0,
            reason: 'Completed',
            startedAt: '2025-03-10T09:00:04Z',
            finishedAt: '2025-03-10T09:00:08Z',
            containerID: 'containerd://aaaa',
          },
        },
      },
    ],
    containerStatuses: [
      {
        name: 'web',
        image: 'docker.io/shop/web:2.1',
        imageID: 'docker.io/shop/web@sha256:2222',
        containerID: 'containerd://bbbb',
        ready: false,
        started: false,
        restartCount: 4,
        state: {
          waiting: {
            reason: 'CrashLoopBackOff',
            message:
              'back-off 1m20s restarting failed container=web pod=web-6d8f7c9b5-x7k2p_shop(3f6c1b2a-0d4e-4c5f-9a7b-1e2d3c4b5a69)',
          },
        },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: 'Error',
            startedAt: '2025-03-10T09:03:40Z',
            finishedAt: '2025-03-10T09:03:42Z',
            containerID: 'containerd://bbbb',
          },
        },
      },
    ],
  },
};
