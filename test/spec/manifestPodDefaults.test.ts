import { describe, expect, it } from 'vitest';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { defaultPodSpec } from '../../src/spec/manifest/index.js';
import { loadOne, pod } from './manifestHelpers.js';

const podOf = (yaml: string): Pod => loadOne(yaml).object as Pod;

describe('Pod defaulting (pkg/apis/core/v1/defaults.go)', () => {
  it('fills the pod-level defaults and puts the pod in the default namespace', () => {
    const p = podOf(pod('  containers:\n  - name: app\n    image: nginx:1.25\n'));
    expect(p.metadata).toEqual({ name: 'web', namespace: 'default' });
    expect(p.spec).toEqual({
      containers: [
        {
          name: 'app',
          image: 'nginx:1.25',
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          resources: {},
        },
      ],
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
  });

  it('defaults imagePullPolicy from the tag: latest or none → Always, a tag or digest → IfNotPresent', () => {
    const images = [
      'nginx',
      'nginx:latest',
      'nginx:1.20',
      `nginx@sha256:${'a'.repeat(64)}`,
      `nginx:latest@sha256:${'a'.repeat(64)}`,
      'Not/A/Valid:Image',
    ];
    const containers = images.map((image, i) => `  - name: c${i}\n    image: ${image}\n`).join('');
    const p = podOf(pod(`  containers:\n${containers}`));
    expect(p.spec!.containers.map((c) => c.imagePullPolicy)).toEqual([
      'Always',
      'Always',
      'IfNotPresent',
      'IfNotPresent',
      'Always',
      'IfNotPresent',
    ]);
  });

  it('defaults probes, handlers, ports and env field references', () => {
    const p = podOf(
      pod(`  initContainers:
  - name: sidecar
    image: envoy:1
    restartPolicy: Always
    readinessProbe:
      tcpSocket: { port: 9901 }
  containers:
  - name: app
    image: nginx:1
    ports: [{ containerPort: 80 }, { containerPort: 53, protocol: UDP }]
    env:
    - name: NODE
      valueFrom: { fieldRef: { fieldPath: spec.nodeName } }
    livenessProbe:
      httpGet: { port: 80 }
      periodSeconds: 0
    lifecycle:
      preStop:
        httpGet: { port: 80, path: /drain }
`),
    );
    const [app] = p.spec!.containers;
    expect(app!.ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
    ]);
    expect(app!.env![0]!.valueFrom!.fieldRef).toEqual({
      fieldPath: 'spec.nodeName',
      apiVersion: 'v1',
    });
    expect(app!.livenessProbe).toEqual({
      httpGet: { port: 80, path: '/', scheme: 'HTTP' },
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(app!.lifecycle!.preStop!.httpGet).toEqual({ port: 80, path: '/drain', scheme: 'HTTP' });
    expect(p.spec!.initContainers![0]!.readinessProbe).toEqual({
      tcpSocket: { port: 9901 },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('copies limits into missing requests, rounds quantities up to milli and prints them canonically', () => {
    const p = podOf(
      pod(`  containers:
  - name: app
    image: nginx:1
    resources:
      limits: { cpu: 0.5, memory: 1.5Gi, ephemeral-storage: "2e9", example.com/gpu: 1 }
      requests: { cpu: 0.0001, memory: 1000000000 }
`),
    );
    expect(p.spec!.containers[0]!.resources).toEqual({
      limits: { cpu: '500m', memory: '1536Mi', 'ephemeral-storage': '2e9', 'example.com/gpu': '1' },
      requests: { cpu: '1m', memory: '1G', 'ephemeral-storage': '2e9', 'example.com/gpu': '1' },
    });
  });

  it('gives a volume without a source an emptyDir, and secret/configMap volumes mode 0644', () => {
    const p = podOf(
      pod(`  containers: [{ name: app, image: nginx:1 }]
  volumes:
  - name: scratch
  - name: conf
    configMap: { name: app-config }
  - name: creds
    secret: { secretName: app-creds, defaultMode: 256 }
  - name: logs
    hostPath: { path: /var/log }
`),
    );
    expect(p.spec!.volumes).toEqual([
      { name: 'scratch', emptyDir: {} },
      { name: 'conf', configMap: { name: 'app-config', defaultMode: 420 } },
      { name: 'creds', secret: { secretName: 'app-creds', defaultMode: 256 } },
      { name: 'logs', hostPath: { path: '/var/log', type: '' } },
    ]);
  });

  it('makes hostPort equal containerPort on a hostNetwork pod', () => {
    const p = podOf(
      pod(`  hostNetwork: true
  containers: [{ name: app, image: nginx:1, ports: [{ containerPort: 8080 }] }]
`),
    );
    expect(p.spec!.containers[0]!.ports).toEqual([
      { containerPort: 8080, hostPort: 8080, protocol: 'TCP' },
    ]);
  });

  it('treats a written-but-empty readinessProbe as absent', () => {
    const p = podOf(
      pod(`  containers:
  - name: app
    image: nginx:1
    readinessProbe:
`),
    );
    expect('readinessProbe' in p.spec!.containers[0]!).toBe(false);
  });

  it('keeps the manifest as written in raw', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n');
    const o = loadOne(text);
    expect(o.raw).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web' },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
    });
  });
});

describe('defaultPodSpec, for controllers creating pods from templates', () => {
  const template: PodSpec = {
    containers: [
      { name: 'app', image: 'nginx', resources: { limits: { cpu: '1', memory: '1Gi' } } },
    ],
  };

  it('defaults a template without copying limits into requests', () => {
    const spec = defaultPodSpec(template, { isTemplate: true });
    expect(spec.containers[0]!.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' } });
    expect(spec.enableServiceLinks).toBeUndefined();
    expect(spec.restartPolicy).toBe('Always');
  });

  it('defaults a pod made from a defaulted template like any pod, without touching its input', () => {
    const once = defaultPodSpec(template, { isTemplate: true });
    const pod = defaultPodSpec(once, { isTemplate: false });
    expect(pod.containers[0]!.resources).toEqual({
      limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '1', memory: '1Gi' },
    });
    expect(pod.enableServiceLinks).toBe(true);
    expect(once.containers[0]!.resources!.requests).toBeUndefined();
    expect(defaultPodSpec(pod, { isTemplate: false })).toEqual(pod);
  });
});
