/**
 * Hand-written cases for the mutation tests: small runs whose every event follows from the
 * kubelet rules, so each corruption breaks exactly the rule it targets.
 */
import type { CaseFiles } from '../src/check/model.js';

/**
 * `web`: init-1 runs 2 s, then sidecar side-1 (ignores SIGTERM) and app-1 (ready and live while
 * /tmp/x exists; exits 1 s after SIGTERM). /tmp/x is removed at 20 s — readiness fails, liveness
 * kills app-1 after 3 failures and it restarts — and the pod is deleted with grace 5 s when given.
 */
export function webCase(opts: { deleteAt?: string; until?: string } = {}): CaseFiles {
  const actions = [
    '  - { at: 20s, exec: { pod: web, container: app-1, command: [rm, /tmp/x] } }',
    ...(opts.deleteAt ? [`  - { at: ${opts.deleteAt}, delete: pod/web, gracePeriod: 5 }`] : []),
  ];
  return {
    'scenario.yaml': [
      'apiVersion: podsim/v1alpha1',
      'kind: Scenario',
      'seed: 1',
      `until: ${opts.until ?? '120s'}`,
      'manifests: [pod.yaml]',
      'nodes: [{ name: node-1, images: [busybox:1.36] }]',
      'containers:',
      '  - { pod: web, container: init-1, program: [{ sleep: 2s }, { exit: 0 }] }',
      '  - { pod: web, container: side-1, program: [serve], onSigterm: ignore }',
      '  - pod: web',
      '    container: app-1',
      '    program: [{ touch: /tmp/x }, serve]',
      '    onSigterm: { exitAfter: 1s, code: 143 }',
      'actions:',
      ...actions,
    ].join('\n'),
    'pod.yaml': [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: web }',
      'spec:',
      '  terminationGracePeriodSeconds: 10',
      '  initContainers:',
      '    - { name: init-1, image: busybox:1.36, imagePullPolicy: IfNotPresent }',
      '    - name: side-1',
      '      image: busybox:1.36',
      '      imagePullPolicy: IfNotPresent',
      '      restartPolicy: Always',
      '  containers:',
      '    - name: app-1',
      '      image: busybox:1.36',
      '      imagePullPolicy: IfNotPresent',
      '      readinessProbe: { exec: { command: [cat, /tmp/x] }, periodSeconds: 2 }',
      '      livenessProbe:',
      '        exec: { command: [cat, /tmp/x] }',
      '        initialDelaySeconds: 5',
      '        periodSeconds: 3',
      '        failureThreshold: 3',
    ].join('\n'),
  };
}

/** `crash`: app-1 runs `sleep 5; exit 1` under restartPolicy Always — a CrashLoopBackOff. */
export function crashCase(pullPolicy: 'IfNotPresent' | 'Always' = 'IfNotPresent'): CaseFiles {
  return {
    'scenario.yaml': [
      'apiVersion: podsim/v1alpha1',
      'kind: Scenario',
      'seed: 1',
      'until: 200s',
      'manifests: [pod.yaml]',
      'nodes: [{ name: node-1, images: [busybox:1.36] }]',
      'containers:',
      '  - { pod: crash, container: app-1, program: [{ sleep: 5s }, { exit: 1 }] }',
    ].join('\n'),
    'pod.yaml': [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: crash }',
      'spec:',
      '  containers:',
      `    - { name: app-1, image: busybox:1.36, imagePullPolicy: ${pullPolicy} }`,
    ].join('\n'),
  };
}
