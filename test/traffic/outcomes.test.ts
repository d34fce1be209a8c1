/**
 * Every outcome of a request, on one pod whose app listens 5 s after its start (scenario
 * `startup: 5s`) and has no readiness probe — so the pod is Ready, and in the Service's ready
 * endpoints, before anything accepts connections — deleted at 20 s with a 10 s drain after SIGTERM.
 * Once deleted it is the Service's only endpoint, serving (still Ready) and terminating: kube-proxy
 * falls back to it (pkg/proxy/topology.go) until it exits.
 */
import { describe, expect, it } from 'vitest';
import { runInline, loadInline } from '../helpers/inline.js';
import { analyseTraffic } from '../../src/traffic/requests.js';
import { trafficReports } from '../../src/traffic/report.js';

const RATE = 10;
const DELAY = 1_000;
const STARTUP = 5_000;
const SANDBOX = 1_000;
const DELETE_AT = 20_000;
const DRAIN = 10_000;
const files = {
  's.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 40s
manifests: [m.yaml]
nodes: [{ name: node-1, images: ['nginx:1.27'] }]
containers:
  - { pod: web, container: app, startup: 5s, onSigterm: { exitAfter: 10s, code: 0 } }
actions:
  - { at: 20s, delete: pod/web }
traffic:
  - { service: web, port: http, rate: ${RATE}/s, propagationDelay: 1s }
`,
  '_m.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: { app: web }
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{ containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
  - { name: http, port: 80, targetPort: 8080 }
`,
};

describe('request outcomes', () => {
  const run = runInline(files);
  const inputs = loadInline(files);
  const [r] = trafficReports(run.events, inputs, 40_000);

  it('classifies each span by the pod at that instant', () => {
    const started = SANDBOX; // image cached, sandbox 1 s
    expect(run.events.find((e) => e.type === 'container/started')!.at).toBe(started);
    const n = (ms: number): number => (ms * RATE) / 1000;
    expect(r!.counts).toEqual({
      // kube-proxy learns of the endpoint DELAY after the pod turned Ready at its start.
      noEndpoints: n(started + DELAY) + n(40_000 - (DELETE_AT + DRAIN + DELAY)),
      // Ready (no probe) but the app listens only STARTUP after its start: connection refused.
      notReady: n(started + STARTUP - (started + DELAY)),
      served: n(DELETE_AT - (started + STARTUP)),
      // SIGTERM at the deletion; the pod drains 10 s, accepting nothing, and kube-proxy keeps
      // sending it requests (its only serving endpoint) until DELAY after it exits; it is deleted
      // when it exits, so in that last DELAY the requests find it gone.
      terminating: n(DRAIN),
      // node-1's kubelet runs throughout.
      unreachable: 0,
      gone: n(DELAY),
    });
    expect(r!.windows.map((w) => [w.from, w.until, w.failures.map((f) => f.outcome)])).toEqual([
      [0, started + DELAY, ['noEndpoints']],
      [started + DELAY, started + STARTUP, ['notReady']],
      [DELETE_AT, DELETE_AT + DRAIN, ['terminating']],
      [DELETE_AT + DRAIN, DELETE_AT + DRAIN + DELAY, ['gone']],
      [DELETE_AT + DRAIN + DELAY, 40_000, ['noEndpoints']],
    ]);
  });

  it('has no endpoint on a port the Service does not have, and says why', () => {
    const spec = { ...inputs.scenario.traffic![0]!, port: 'grpc' };
    const x = analyseTraffic(run.events, spec, {
      seed: 1,
      endMs: 40_000,
      behaviourOf: (p, c) => inputs.behaviourOf(p, c),
    });
    expect(x.counts.noEndpoints).toBe(x.total);
    expect(x.notes).toEqual(['svc/web has no port grpc (ports: http)']);
  });
});
