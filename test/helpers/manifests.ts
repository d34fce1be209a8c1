/** Manifest pieces the kubelet tests share, as YAML text. */

/**
 * A container (a `containers:` list item, two-space indent) running nginx whose liveness probe
 * fails at every attempt: an httpGet of a path nginx does not serve, every 5 s, failureThreshold 1.
 * `delaySeconds` sets initialDelaySeconds, `probeGraceSeconds` the probe's
 * terminationGracePeriodSeconds.
 */
export function failingLiveness(
  name: string,
  opts: { delaySeconds?: number; probeGraceSeconds?: number } = {},
): string {
  const delay =
    opts.delaySeconds === undefined ? '' : `      initialDelaySeconds: ${opts.delaySeconds}\n`;
  const grace =
    opts.probeGraceSeconds === undefined
      ? ''
      : `      terminationGracePeriodSeconds: ${opts.probeGraceSeconds}\n`;
  return `  - name: ${name}
    image: "nginx:1.25"
    livenessProbe:
      httpGet: {path: /nope, port: 80}
${delay}      periodSeconds: 5
      failureThreshold: 1
${grace}`;
}

/**
 * Deployment `web` (pods labelled app: web) of one busybox container `c` running
 * `/bin/sh -c script`; `spec` lines go into the Deployment's spec, `container` lines into the
 * container (probes, say).
 */
export function busyboxDeployment(opts: {
  replicas: number;
  script: string;
  spec?: string[];
  container?: string[];
}): string {
  const lines = (ls: string[] | undefined, indent: string): string =>
    (ls ?? []).map((l) => `${indent}${l}\n`).join('');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${opts.replicas}
${lines(opts.spec, '  ')}  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: c
        image: registry.k8s.io/busybox
        args: [/bin/sh, -c, "${opts.script}"]
${lines(opts.container, '        ')}`;
}

/** A scenario of the manifests in d.yaml on one node, n1, with busybox cached, until `until`. */
export const busyboxScenario = (until: string): string =>
  `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: ${until}\nmanifests: [d.yaml]\nnodes: [{name: n1, images: [registry.k8s.io/busybox]}]\n`;
