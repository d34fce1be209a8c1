import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Pod, Service } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { load } from './manifestHelpers.js';

const DIR = 'test/fixtures/tutorials/';
const read = (f: string): string => readFileSync(DIR + f, 'utf8');
const tutorialFiles = readdirSync(DIR)
  .filter((f) => f !== 'README.md')
  .sort();

const OUT_OF_RANGE: Record<string, string> = {
  'myserver-liveness-exec-redis.yaml': `myserver-liveness-exec-redis.yaml:42:15: spec.ports[0].nodePort: Invalid value: 40016: provided port is not in the valid range. The range of valid ports is 30000-32767`,
  'myserver-liveness-httpget.yaml': `myserver-liveness-httpget.yaml:42:15: spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767`,
  'myserver-liveness-tcpsocket.yaml': `myserver-liveness-tcpsocket.yaml:40:15: spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767`,
  'myserver-startup-probe.yaml': `myserver-startup-probe.yaml:39:15: spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767`,
  'myserver-startup-readiness-liveness.yaml': `myserver-startup-readiness-liveness.yaml:58:15: spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767`,
};
const NOT_MANIFESTS: Record<string, string> = {
  'docker-compose-demo.yaml':
    'docker-compose-demo.yaml:1:1: not a Kubernetes manifest: apiVersion and kind are not set',
  dockerfile:
    'dockerfile:1:1: not a Kubernetes manifest: the document is a string, not an object with apiVersion and kind',
};

describe('the tutorial manifests', () => {
  const clean = tutorialFiles.filter((f) => !(f in OUT_OF_RANGE) && !(f in NOT_MANIFESTS));

  it.each(clean)('%s loads with no errors, as plain JSON objects', (f) => {
    const { objects, errors } = load(read(f), undefined, f);
    expect(errors).toEqual([]);
    expect(objects.length).toBeGreaterThan(0);
    // No undefined-valued keys, no class instances: exactly what JSON would carry.
    for (const o of objects) expect(JSON.parse(JSON.stringify(o.object))).toStrictEqual(o.object);
  });

  it.each(Object.entries(OUT_OF_RANGE))(
    '%s: the Deployment loads but the NodePort Service is outside 30000-32767',
    (f, error) => {
      const { objects, errors } = load(read(f), undefined, f);
      expect(errors).toEqual([error]);
      expect(objects.map((o) => o.kind)).toEqual(['Deployment']);
    },
  );

  it('accepts the myserver nodePorts once --service-node-port-range includes them', () => {
    const f = 'myserver-liveness-httpget.yaml';
    const { objects, errors } = load(read(f), { nodePortRange: [30000, 40100] }, f);
    expect(errors).toEqual([]);
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  it.each(Object.entries(NOT_MANIFESTS))(
    '%s is reported as not a Kubernetes manifest',
    (f, error) => {
      const { objects, errors } = load(read(f), undefined, f);
      expect(objects).toEqual([]);
      expect(errors).toEqual([error]);
    },
  );

  it('ignores the status block of service-loadbalancer.yaml, as the server does on create', () => {
    const { objects } = load(read('service-loadbalancer.yaml'));
    const svc = objects[0]!.object as Service;
    expect(svc.status).toBeUndefined();
    expect(objects[0]!.raw).toMatchObject({
      status: { loadBalancer: { ingress: [{ ip: '云厂商LoadbalanceIP' }] } },
    });
    expect(svc.spec).toEqual({
      ports: [
        { name: 'loadbalance-port', port: 80, targetPort: 80, nodePort: 32138, protocol: 'TCP' },
      ],
      selector: { app: 'nginx' },
      type: 'LoadBalancer',
      sessionAffinity: 'None',
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
  });

  it('drops the empty readinessProbe of myserver-liveness-httpget.yaml', () => {
    const { objects } = load(read('myserver-liveness-httpget.yaml'));
    const c = (objects[0]!.object as Deployment).spec!.template.spec!.containers[0]!;
    expect('readinessProbe' in c).toBe(false);
    expect(c.livenessProbe).toEqual({
      httpGet: { path: '/index.html', port: 80, scheme: 'HTTP' },
      initialDelaySeconds: 5,
      periodSeconds: 3,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });

  it('records where each object starts, including the second document of a file', () => {
    const { objects } = load(read('nginx-dep.yaml'), undefined, 'nginx-dep.yaml');
    expect(objects.map((o) => [o.kind, o.file, o.line, o.col])).toEqual([
      ['Deployment', 'nginx-dep.yaml', 2, 1],
      ['Service', 'nginx-dep.yaml', 22, 1],
    ]);
    expect(objects[1]!.locate(['spec', 'ports', 0, 'targetPort'])).toEqual({ line: 33, col: 17 });
  });

  it('defaults the pull-policy pods from their image tags and keeps what they wrote', () => {
    const policy = (f: string): string | undefined =>
      (load(read(f)).objects[0]!.object as Pod).spec!.containers[0]!.imagePullPolicy;
    expect(policy('always-test.yaml')).toBe('Always');
    expect(policy('ifnotpresent-test.yaml')).toBe('IfNotPresent');
    expect(policy('never-test.yaml')).toBe('Never');
    expect(policy('pod3.yaml')).toBe('Always'); // busybox: no tag means latest
    expect(policy('myapp-pod.yaml')).toBe('IfNotPresent'); // busybox:1.28
  });
});
