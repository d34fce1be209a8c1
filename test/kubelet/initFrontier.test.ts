/**
 * computeInitContainerActions (kuberuntime_container.go) walks the init containers back from the
 * last one the runtime knows: that one decides whether the next starts (or, the last one, whether
 * the pod has initialized), and every sidecar before it that exited is restarted. SyncPod step 6
 * skips a sidecar whose restart fails (its back-off) and goes on with the rest of the list.
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 40s
nodes: [{name: node-1, images: ["busybox:1.36"]}]
`;

const startsOf = (r: ReturnType<typeof runInline>, container: string): number[] =>
  r.events
    .filter((e) => e.type === 'container/started' && e.payload.container === container)
    .map((e) => e.at);

/** A pod with these init containers (YAML list items) and one long-running app container. */
const run = (inits: string, scenario = SCENARIO): ReturnType<typeof runInline> =>
  runInline({
    'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
${inits}  containers:
  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 3600"]}
`,
    's.yaml': scenario,
  });
const sidecar = (name: string, script: string): string =>
  `  - {name: ${name}, image: "busybox:1.36", restartPolicy: Always, command: [sh, -c, "${script}"]}\n`;
const init = (name: string, script: string): string =>
  `  - {name: ${name}, image: "busybox:1.36", command: [sh, -c, "${script}"]}\n`;

describe('an init container sequence with a sidecar in restart back-off', () => {
  it('restarts a later sidecar while an earlier one waits out its back-off', () => {
    const r = run(
      sidecar('side-1', 'sleep 2; exit 1') +
        sidecar('side-2', 'sleep 6; exit 1') +
        init('init-3', 'sleep 3600'),
    );
    // side-1 exits at 3 s, 5 s and 17 s; its restarts wait 10 s, then 20 s.
    expect(startsOf(r, 'side-1')).toEqual([1_000, 3_000, 15_000, 37_000]);
    // side-2 exits at 7 s with no back-off yet: the sync at 7 s finds side-1 in back-off (a
    // BackOff event), skips it and restarts side-2 at once, not at 15 s with side-1.
    const backOffs = r.events.flatMap((e) =>
      e.type === 'container/backOff' && e.at === 7_000 ? [e.payload.container] : [],
    );
    expect(backOffs).toEqual(['side-1']);
    expect(startsOf(r, 'side-2')).toEqual([1_000, 7_000, 23_000]);
    expect(startsOf(r, 'init-3')).toEqual([1_000]);
    expect(startsOf(r, 'app')).toEqual([]);
  });

  it('starts the app containers once the last init container exited 0, the sidecar still in back-off', () => {
    const r = run(sidecar('side-1', 'sleep 1; exit 1') + init('init-2', 'sleep 5'));
    // side-1 exits at 2 s (restarted at once), 3 s and 14 s (back-offs of 10 s, then 20 s).
    expect(startsOf(r, 'side-1')).toEqual([1_000, 2_000, 13_000, 34_000]);
    // init-2, the last init container, exits 0 at 6 s: the pod has initialized as far as
    // computeInitContainerActions goes, and app starts in that sync.
    expect(startsOf(r, 'app')).toEqual([6_000]);
    // Initialized is True once a regular container has started (status/generate.go), but
    // printPod keeps the first unfinished init container's reason while app runs without one:
    // Init:CrashLoopBackOff from 3 s to 13 s, though app started at 6 s.
    expect(r.statuses('web')).toEqual([
      'Pending',
      'Init:0/2',
      'Init:1/2',
      'Init:Error',
      'Init:1/2',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'Running',
      'Init:Error',
      'Init:CrashLoopBackOff',
      'Running',
      'Init:Error',
    ]);
  });
});

describe('an init container sequence with a sidecar that has not started yet', () => {
  it('restarts a later sidecar while an earlier one waits for its startup probe', () => {
    const r = run(
      `  - name: side-1
    image: "busybox:1.36"
    restartPolicy: Always
    command: [sh, -c, "sleep 5; exit 1"]
    startupProbe: {exec: {command: [check]}, periodSeconds: 1, failureThreshold: 30}
` +
        sidecar('side-2', 'sleep 3; exit 1') +
        init('init-3', 'sleep 3600'),
      `${SCENARIO}containers:
- container: side-1
  exec:
  - {command: check, exitCode: [{from: 0s, code: 1}, {from: 3s, code: 0}]}
`,
    );
    const startups = r.events.flatMap((e) =>
      e.type === 'probe/result' && e.payload.probe === 'startup'
        ? [[e.at, e.payload.result] as const]
        : [],
    );
    // side-1 counts as started 3 s after each start; it exits 5 s after it.
    expect(startsOf(r, 'side-1')).toEqual([1_000, 6_000, 21_000]);
    expect(startups.filter(([, result]) => result === 'success').map(([at]) => at)).toEqual([
      4_000, 9_000, 24_000,
    ]);
    // side-2 exits at 7 s, while side-1's second instance waits for its startup probe: side-1
    // is before the last init container the runtime knows, so it does not hold side-2 back.
    expect(startsOf(r, 'side-2')).toEqual([4_000, 7_000, 20_000]);
  });
});
