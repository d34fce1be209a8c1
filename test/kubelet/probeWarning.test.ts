import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

describe('an httpGet probe redirected to another host', () => {
  it('succeeds with a ProbeWarning event for each attempt and never kills the container', () => {
    // pkg/probe/http: redirects to another host are not followed; prober.go maps the Warning result
    // to Success and records `Liveness probe warning: …` (reason ProbeWarning).
    const r = runInline(
      {
        'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: sso}
spec:
  containers:
  - name: app
    image: nginx:1.20.2
    livenessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 10}
`,
        's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 60s
nodes: [{name: n1, images: ["nginx:1.20.2"]}]
containers:
  - container: app
    http:
      docroot: /usr/share/nginx/html
      routes:
        - {path: /healthz, status: 302, redirect: "https://login.example.com/"}
`,
      },
      {},
    );
    const warning = r.state.pods
      .get('default/sso')!
      .events.find((e) => e.reason === 'ProbeWarning')!;
    // Worker ticks at 0, 10 … 60 s; the container runs from 1 s: attempts at 10, 20, 30, 40, 50, 60 s.
    expect(warning).toMatchObject({
      type: 'Warning',
      message: 'Liveness probe warning: Probe terminated redirects, Response body: ',
      count: 6,
    });
    expect(r.events.filter((e) => e.type === 'container/killing')).toEqual([]);
  });
});

describe('a grpc probe on a port nothing listens on', () => {
  it('fails with the kubelet grpc prober text, the dial error included', () => {
    // pkg/probe/grpc/grpc.go: "timeout: failed to connect service %q within %v: %+v", the error
    // being context.DeadlineExceeded (the standalone grpc_health_probe tool omits it).
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: g}
spec:
  containers:
  - name: app
    image: busybox
    command: [sleep, "3600"]
    livenessProbe: {grpc: {port: 9000}, timeoutSeconds: 3, periodSeconds: 10}
`,
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 30s
nodes: [{name: n1, images: [busybox]}]
`,
    });
    const unhealthy = r.state.pods.get('default/g')!.events.find((e) => e.reason === 'Unhealthy')!;
    expect(unhealthy.message).toMatch(
      /^Liveness probe failed: timeout: failed to connect service "10\.\d+\.\d+\.\d+:9000" within 3s: context deadline exceeded$/,
    );
  });
});

describe('an exec probe whose scripted command fails without output', () => {
  it('records "Liveness probe failed: " with the (empty) output, as probe/exec passes it on', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: app
    image: nginx:1.25
    livenessProbe: {exec: {command: [/bin/check]}, periodSeconds: 10, failureThreshold: 1}
`,
      's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 15s
nodes: [{name: n1, images: ["nginx:1.25"]}]
containers:
  - container: app
    exec: [{command: [/bin/check], exitCode: 1}]
`,
    });
    const unhealthy = r.state.pods
      .get('default/p')!
      .events.filter((e) => e.reason === 'Unhealthy')
      .map((e) => e.message);
    expect(unhealthy).toEqual(['Liveness probe failed: ']);
  });
});
