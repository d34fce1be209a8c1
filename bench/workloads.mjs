// Inputs for the benchmark ladder, built as the files a user would write.
import { loadRun } from '../dist/index.js';

const inline = (files) =>
  loadRun(Object.keys(files), { readFile: (p) => files[p], resolve: (_a, b) => b });

/** `pods` pods over `nodes` nodes with readiness + liveness probes every 10 s; `crashEvery` of them crash-loop. */
export function cluster({ pods, nodes = 100, until = '1h', crashEvery = 0 }) {
  const nodeLines = Array.from(
    { length: nodes },
    (_, i) =>
      `  - { name: node-${i}, cpu: "64", memory: 256Gi, pods: ${Math.ceil((pods / nodes) * 2) + 10}, images: [nginx:1.20.2, busybox:1.36] }`,
  ).join('\n');
  let manifests = '';
  for (let i = 0; i < pods; i++) {
    const crash = crashEvery > 0 && i % crashEvery === 0;
    manifests += crash
      ? `---\napiVersion: v1\nkind: Pod\nmetadata: {name: crash-${i}}\nspec:\n  containers:\n  - {name: app, image: "busybox:1.36", command: [sh, -c, "sleep 30; exit 1"]}\n`
      : `---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-${i}, labels: {app: web}}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.20.2\n    ports: [{containerPort: 80}]\n    readinessProbe: {httpGet: {path: /index.html, port: 80}, periodSeconds: 10}\n    livenessProbe: {tcpSocket: {port: 80}, periodSeconds: 10}\n`;
  }
  return inline({
    'scenario.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: ${until}\nnodes:\n${nodeLines}\n`,
    'pods.yaml': manifests,
  });
}

/** The Kubernetes docs' liveness-exec pod, 1 h. */
export function livenessExec() {
  return inline({
    'scenario.yaml':
      'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1h\nnodes: [{name: node-1, images: [registry.k8s.io/busybox]}]\n',
    'pod.yaml': `apiVersion: v1
kind: Pod
metadata: {name: liveness-exec}
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/busybox
    args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe: {exec: {command: [cat, /tmp/healthy]}, initialDelaySeconds: 5, periodSeconds: 5}
`,
  });
}

/** One Deployment of `replicas` nginx pods (readiness probe every 5 s) over `nodes` nodes that have the image. */
export function deployment({ replicas, nodes = 100, until = '10m' }) {
  const nodeLines = Array.from(
    { length: nodes },
    (_, i) =>
      `  - { name: node-${i}, cpu: "64", memory: 256Gi, pods: ${Math.ceil((replicas / nodes) * 2) + 10}, images: [nginx:1.20.2] }`,
  ).join('\n');
  return inline({
    'scenario.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: ${until}\nnodes:\n${nodeLines}\n`,
    'deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.20.2
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {path: /index.html, port: 80}, periodSeconds: 5}
`,
  });
}
