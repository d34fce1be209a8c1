/**
 * Every STATUS the tutorials list is reachable from some input, spelled as kubectl spells it
 * (issue: "Every status the tutorials list is reachable").
 */
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';

const scenario = (body: string): string =>
  `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 3m\n${body}`;

describe('statuses', () => {
  it('Pending → ContainerCreating → Running for a plain pod', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2"}\n',
    });
    expect(r.statuses('web')).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });

  it('Init:0/2 → Init:1/2 → PodInitializing → Running, and Completed / Error for finished containers', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: init}
spec:
  initContainers:
  - {name: a, image: busybox:1.28, command: [sh, -c, "sleep 5"]}
  - {name: b, image: busybox:1.28, command: [sh, -c, "sleep 5"]}
  containers:
  - {name: app, image: busybox:1.28, command: [sh, -c, "sleep 20; exit 0"]}
  restartPolicy: Never
`,
    });
    expect(r.statuses('init')).toEqual([
      'Pending',
      'Init:0/2',
      'Init:1/2',
      'PodInitializing',
      'Running',
      'Completed',
    ]);
  });

  it('Init:Error then Init:CrashLoopBackOff when an init container fails under restartPolicy Always', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: badinit}
spec:
  initContainers:
  - {name: a, image: busybox:1.28, command: [sh, -c, "sleep 2; exit 1"]}
  containers:
  - {name: app, image: busybox:1.28}
`,
    });
    const s = r.statuses('badinit');
    expect(s.slice(0, 3)).toEqual(['Pending', 'Init:0/1', 'Init:Error']);
    expect(s).toContain('Init:CrashLoopBackOff');
  });

  it('Error and CrashLoopBackOff for a crashing container; OOMKilled when memory exceeds the limit', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: oom}
spec:
  containers:
  - name: app
    image: nginx:1.20.2
    resources: {limits: {memory: 128Mi}}
`,
      's.yaml': scenario(`containers:
  - container: app
    memory: [{at: 0s, size: 20Mi}, {at: 30s, size: 200Mi}]
`),
    });
    const s = r.statuses('oom');
    expect(s.slice(0, 4)).toEqual(['Pending', 'ContainerCreating', 'Running', 'OOMKilled']);
    expect(s).toContain('CrashLoopBackOff');
    const term = r.events.find((e) => e.type === 'container/exited')!;
    expect(term.payload).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('ErrImagePull ↔ ImagePullBackOff for an image the registry does not have', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: nope}\nspec:\n  containers:\n  - {name: app, image: "nginx:nope"}\n',
      's.yaml': scenario('registry:\n  images:\n    "nginx:nope": {missing: true}\n'),
    });
    const s = r.statuses('nope');
    expect(s.slice(0, 4)).toEqual([
      'Pending',
      'ContainerCreating',
      'ErrImagePull',
      'ImagePullBackOff',
    ]);
    expect(s.filter((x) => x === 'ErrImagePull').length).toBeGreaterThan(1);
  });

  it('InvalidImageName for a reference that cannot be parsed', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: bad}\nspec:\n  containers:\n  - {name: app, image: "Nginx:Latest"}\n',
    });
    expect(r.statuses('bad')).toEqual(['Pending', 'ContainerCreating', 'InvalidImageName']);
  });

  it('ErrImageNeverPull when the policy is Never and the node lacks the image', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: never}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2", imagePullPolicy: Never}\n',
    });
    expect(r.statuses('never')).toEqual(['Pending', 'ContainerCreating', 'ErrImageNeverPull']);
  });

  it('RegistryUnavailable during a registry outage, then Running once it ends', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: outage}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2"}\n',
      's.yaml': scenario('registry:\n  outages: [{from: 0s, until: 40s}]\n'),
    });
    const s = r.statuses('outage');
    expect(s.slice(0, 3)).toEqual(['Pending', 'ContainerCreating', 'RegistryUnavailable']);
    expect(s).toContain('ImagePullBackOff');
    expect(s[s.length - 1]).toBe('Running');
  });

  it('ImageInspectError for a corrupt image already on the node', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: corrupt}\nspec:\n  containers:\n  - {name: app, image: "broken:1"}\n',
      's.yaml': scenario(
        'nodes: [{name: n1, images: ["broken:1"]}]\nregistry:\n  images:\n    "broken:1": {corrupt: true}\n',
      ),
    });
    expect(r.statuses('corrupt')).toEqual(['Pending', 'ContainerCreating', 'ImageInspectError']);
  });

  it('CreateContainerConfigError while a referenced ConfigMap key is missing, Running once it exists', () => {
    const r = runInline({
      'p.yaml': `apiVersion: v1
kind: Pod
metadata: {name: cfg}
spec:
  containers:
  - name: app
    image: nginx:1.20.2
    env:
    - name: MODE
      valueFrom: {configMapKeyRef: {name: settings, key: mode}}
`,
      's.yaml': scenario(`actions:
  - at: 60s
    apply:
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
      data: {mode: fast}
`),
    });
    expect(r.statuses('cfg')).toEqual([
      'Pending',
      'ContainerCreating',
      'CreateContainerConfigError',
      'Running',
    ]);
    const failed = r.state.pods.get('default/cfg')!.events.find((e) => e.reason === 'Failed')!;
    expect(failed.message).toBe('Error: configmap "settings" not found');
    expect(failed.count).toBeGreaterThan(1);
  });

  it('CreateContainerError and RunContainerError from runtime faults in the scenario', () => {
    const create = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2"}\n',
      's.yaml': scenario(
        'containers:\n  - container: app\n    faults: {createError: "context deadline exceeded"}\n',
      ),
    });
    expect(create.statuses('c')).toEqual(['Pending', 'ContainerCreating', 'CreateContainerError']);
    const run = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: r}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2"}\n',
      's.yaml': scenario(
        `containers:\n  - container: app\n    faults: {runError: 'exec: "foo": executable file not found in $PATH'}\n`,
      ),
    });
    const s = run.statuses('r');
    expect(s).toContain('RunContainerError');
    expect(s).toContain('CrashLoopBackOff');
  });

  it('Pending with PodScheduled=False (Unschedulable) and a FailedScheduling event when nothing fits', () => {
    const r = runInline({
      'p.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  containers:\n  - {name: app, image: "nginx:1.20.2", resources: {requests: {cpu: "8"}}}\n',
    });
    expect(r.statuses('big')).toEqual(['Pending']);
    const p = r.state.pods.get('default/big')!;
    expect(p.pod.status!.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }),
    ]);
    expect(p.events[0]).toMatchObject({
      reason: 'FailedScheduling',
      message:
        '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
  });
});
