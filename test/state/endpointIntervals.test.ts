/**
 * noReadyEndpointIntervals: the intervals [from, until) during which a Service existed with no
 * ready endpoint, where ready = serving (pod Ready) && !terminating (no deletionTimestamp), as the
 * EndpointSlice controller writes it (kubelet-semantics.md §4.3).
 */
import { describe, expect, it } from 'vitest';
import { noReadyEndpointIntervals } from '../../src/state/endpointIntervals.js';
import { examplePath, runFiles } from '../helpers/run.js';
import { runInline } from '../helpers/inline.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: app, image: "nginx:1.20.1", ports: [{containerPort: 80}]}
`;
const service = (name: string): string =>
  `{apiVersion: v1, kind: Service, metadata: {name: ${name}}, spec: {selector: {app: web}, ports: [{port: 80}]}}`;

// One pod behind Service `web`; `late` is created once the pod is Ready. The pod is deleted at
// 30 s, the Service `web` deleted at 40 s and created again at 50 s.
const run = runInline({
  'scenario.yaml': `apiVersion: podsim/v1alpha1
kind: Scenario
until: 1m
manifests: [pod.yaml]
nodes: [{name: node-1, images: ["nginx:1.20.1"]}]
actions:
  - {at: 0s, apply: [${service('web')}]}
  - {at: 5s, apply: [${service('late')}]}
  - {at: 30s, delete: pod/web}
  - {at: 40s, delete: service/web}
  - {at: 50s, apply: [${service('web')}]}
`,
  '_pod.yaml': POD,
});

describe('noReadyEndpointIntervals', () => {
  it('opens when the Service is created with no ready pod, and closes when the pod becomes Ready', () => {
    // The image is cached: sandbox 1 s, then the container starts at 1 s; with no readiness probe
    // the pod is Ready as soon as it runs. Deleted at 30 s, its endpoint is terminating (ready =
    // false) at once although nginx is still serving, so a second interval opens at 30 s. Deleting
    // the Service closes it at 40 s; the Service created again at 50 s selects no pod until the
    // end (1 m).
    expect(noReadyEndpointIntervals(run.events, 'web')).toEqual([
      { from: 0, until: 1_000 },
      { from: 30_000, until: 40_000 },
      { from: 50_000, until: null },
    ]);
    expect(noReadyEndpointIntervals(run.events, 'default/web')).toEqual(
      noReadyEndpointIntervals(run.events, 'web'),
    );
  });

  it('starts counting only when the Service exists', () => {
    // `late` is created at 5 s, when the pod has been Ready for 4 s: no interval before 30 s.
    expect(noReadyEndpointIntervals(run.events, 'late')).toEqual([{ from: 30_000, until: null }]);
    expect(noReadyEndpointIntervals(run.events, 'nope')).toEqual([]);
    expect(noReadyEndpointIntervals(run.events, 'other/web')).toEqual([]);
  });

  it('finds no outage in a rolling update: maxUnavailable keeps 3 of 4 replicas ready', () => {
    // traces/rolling-update: the only gap is at start-up, until the readiness probe (period 2 s,
    // ticks from the worker start at 0 s) passes at 2 s; the update at 60 s and the undo at 2 m
    // never take the ready count below desired 4 − maxUnavailable 1 = 3.
    const ru = runFiles([examplePath('rolling-update')]);
    expect(noReadyEndpointIntervals(ru.events, 'web')).toEqual([{ from: 0, until: 2_000 }]);
  });
});
