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
