/**
 * The run's notes (what podsim assumed about a container, exec probe commands it cannot answer)
 * cover the pods a Deployment, ReplicaSet or ReplicationController will create, not only bare
 * Pods: a template's containers are read with exactly the behaviour rules that match every pod
 * the controller names (`<name>-` for a ReplicaSet or ReplicationController,
 * `<name>-<pod-template-hash>-` for a Deployment).
 */
import { describe, expect, it } from 'vitest';
import { loadInline, runInline } from '../helpers/inline.js';

const CONTAINER = `      containers:
      - name: pg
        image: postgres:16
        command: [sh, -c, "my-daemon --serve"]
        livenessProbe: {exec: {command: [pg_isready, -U, postgres]}, periodSeconds: 5, failureThreshold: 1}
`;

const workload = (kind: string): string => {
  const apiVersion = kind === 'ReplicationController' ? 'v1' : 'apps/v1';
  const selector = kind === 'ReplicationController' ? '{app: db}' : '{matchLabels: {app: db}}';
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: db, namespace: default}
spec:
  replicas: 2
  selector: ${selector}
  template:
    metadata: {labels: {app: db}}
    spec:
${CONTAINER}`;
};

const SCENARIO = `apiVersion: podsim/v1alpha1
kind: Scenario
until: 30s
nodes: [{name: node-1, images: ["postgres:16"]}]
`;

const withRule = (pod: string): string => `${SCENARIO}containers:
- pod: ${JSON.stringify(pod)}
  container: pg
  exec:
  - {command: pg_isready -U postgres, exitCode: 2, output: "no response"}
`;

const PROBE_NOTE =
  'container "pg": podsim cannot model its livenessProbe command ["pg_isready","-U","postgres"]: every attempt succeeds unless the scenario gives results (containers[].exec, command: "pg_isready -U postgres")';
const COMMAND_NOTE = /^container "pg": podsim does not model "my-daemon --serve"/;

const files = (kind: string, scenario = SCENARIO): Record<string, string> => ({
  'w.yaml': workload(kind),
  's.yaml': scenario,
});

/** The names of the pods the run created. */
const podNames = (f: Record<string, string>): string[] => [
  ...new Set(
    runInline(f)
      .events.filter((e) => e.type === 'pod/created')
      .map((e) => e.object.split('/').pop()!),
  ),
];

describe('run notes for workload templates', () => {
  it.each(['Deployment', 'ReplicaSet', 'ReplicationController'])(
    "a %s's containers get the notes a bare Pod's would",
    (kind) => {
      const notes = loadInline(files(kind)).notes;
      expect(notes).toContain(PROBE_NOTE);
      expect(notes.filter((n) => COMMAND_NOTE.test(n))).toHaveLength(1);
    },
  );

  it('a rule matching every pod of the template silences them', () => {
    for (const kind of ['ReplicaSet', 'ReplicationController']) {
      const notes = loadInline(files(kind, withRule('db-*'))).notes;
      expect(notes).not.toContain(PROBE_NOTE);
    }
  });

  it("a Deployment's rule may name its pods' ReplicaSet prefix, pod-template-hash and all", () => {
    const names = podNames(files('Deployment'));
    expect(names).toHaveLength(2);
    const prefix = names[0]!.slice(0, -5);
    expect(prefix).toMatch(/^db-[a-z0-9]+-$/);
    const scenario = withRule(`${prefix}*`);
    expect(loadInline(files('Deployment', scenario)).notes).not.toContain(PROBE_NOTE);
    // And the rule does apply to the pods: the probe fails with the scenario's output.
    const unhealthy = runInline(files('Deployment', scenario))
      .events.flatMap((e) => e.notes ?? [])
      .filter((n) => n.reason === 'Unhealthy');
    expect(unhealthy.length).toBeGreaterThan(0);
    expect(unhealthy[0]!.message).toBe('Liveness probe failed: no response');
  });

  it('a rule naming only some of the pods leaves the notes for the others', () => {
    const names = podNames(files('ReplicaSet'));
    const notes = loadInline(files('ReplicaSet', withRule(names[0]!))).notes;
    expect(notes).toContain(PROBE_NOTE);
    // A prefix longer than the generated one matches only some names too.
    expect(loadInline(files('ReplicaSet', withRule('db-a*'))).notes).toContain(PROBE_NOTE);
  });

  it("the stand-in does not change what the controllers' pods read", () => {
    // Loading (which reads the template's stand-in) and running give the events a run gives.
    const f = files('Deployment', withRule('db-*'));
    const a = runInline(f).events;
    loadInline(f);
    expect(runInline(f).events).toEqual(a);
  });
});
