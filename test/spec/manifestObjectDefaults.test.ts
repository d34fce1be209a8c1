import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type {
  ConfigMap,
  Namespace,
  ReplicationController,
  Secret,
  Service,
} from 'kubernetes-types/core/v1.js';
import { loadOne } from './manifestHelpers.js';

describe('workload defaulting (pkg/apis/apps/v1/defaults.go)', () => {
  const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: nginx:1, resources: { limits: { cpu: 1 } } }]
`;

  it('gives a Deployment 1 replica, a 25%/25% rolling update and the history and deadline defaults', () => {
    const d = loadOne(deploymentYaml).object as Deployment;
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      minReadySeconds: 0,
    });
    // The template is defaulted as a template: no requests copied from limits.
    expect(d.spec!.template.spec!.containers[0]!.resources).toEqual({ limits: { cpu: '1' } });
    expect(d.spec!.template.spec!.restartPolicy).toBe('Always');
  });

  it('adds no rolling-update parameters to a Recreate Deployment', () => {
    const d = loadOne(
      deploymentYaml.replace(
        'spec:\n  selector',
        'spec:\n  strategy: { type: Recreate }\n  selector',
      ),
    ).object as Deployment;
    expect(d.spec!.strategy).toEqual({ type: 'Recreate' });
  });

  it('gives a ReplicaSet 1 replica', () => {
    const rs = loadOne(deploymentYaml.replace('kind: Deployment', 'kind: ReplicaSet'))
      .object as ReplicaSet;
    expect(rs.spec!.replicas).toBe(1);
  });

  it("gives a ReplicationController without a selector its template's labels as selector and labels", () => {
    const rc = loadOne(`apiVersion: v1
kind: ReplicationController
metadata: { name: web }
spec:
  template:
    metadata: { labels: { app: web, tier: front } }
    spec: { containers: [{ name: app, image: nginx:1 }] }
`).object as ReplicationController;
    expect(rc.spec!.selector).toEqual({ app: 'web', tier: 'front' });
    expect(rc.metadata!.labels).toEqual({ app: 'web', tier: 'front' });
    expect(rc.spec!.replicas).toBe(1);
  });
});

describe('Service, Secret, ConfigMap and Namespace defaulting', () => {
  it('defaults a Service to ClusterIP with targetPort = port and protocol TCP', () => {
    const svc = loadOne(`apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80, name: http }, { port: 443, targetPort: 0, name: https }]
`).object as Service;
    expect(svc.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, name: 'http', targetPort: 80, protocol: 'TCP' },
        { port: 443, targetPort: 443, name: 'https', protocol: 'TCP' },
      ],
      sessionAffinity: 'None',
      type: 'ClusterIP',
      internalTrafficPolicy: 'Cluster',
    });
  });

  it('leaves a NodePort Service without nodePort for the simulator to allocate', () => {
    const svc = loadOne(`apiVersion: v1
kind: Service
metadata: { name: web }
spec: { type: NodePort, ports: [{ port: 80 }] }
`).object as Service;
    expect(svc.spec!.ports).toEqual([{ port: 80, targetPort: 80, protocol: 'TCP' }]);
    expect(svc.spec!.externalTrafficPolicy).toBe('Cluster');
  });

  it('gives ClientIP affinity its 10800 s timeout', () => {
    const svc = loadOne(`apiVersion: v1
kind: Service
metadata: { name: web }
spec: { sessionAffinity: ClientIP, ports: [{ port: 80 }] }
`).object as Service;
    expect(svc.spec!.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('makes a Secret Opaque and merges stringData into data, stringData winning', () => {
    const s = loadOne(`apiVersion: v1
kind: Secret
metadata: { name: creds }
data: { user: YWRtaW4=, pass: b2xk }
stringData: { pass: s3cr3t }
`).object as Secret;
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ user: 'YWRtaW4=', pass: 'czNjcjN0' });
    expect('stringData' in s).toBe(false);
  });

  it('keeps ConfigMap data as written', () => {
    const cm = loadOne(`apiVersion: v1
kind: ConfigMap
metadata: { name: conf, namespace: web }
data: { app.properties: "a=1", LOG_LEVEL: debug }
`).object as ConfigMap;
    expect(cm.metadata).toEqual({ name: 'conf', namespace: 'web' });
    expect(cm.data).toEqual({ 'app.properties': 'a=1', LOG_LEVEL: 'debug' });
  });

  it('labels a Namespace with its name and gives it no namespace of its own', () => {
    const ns = loadOne(`apiVersion: v1
kind: Namespace
metadata: { name: myserver, namespace: ignored }
`).object as Namespace;
    expect(ns.metadata).toEqual({
      name: 'myserver',
      labels: { 'kubernetes.io/metadata.name': 'myserver' },
    });
  });
});
