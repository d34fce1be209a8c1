/**
 * What the API server's default admission plugins add to a Pod on create, so podsim's pods look
 * like a real cluster's in `-o yaml` and `describe`:
 * - Priority (plugin/pkg/admission/priority): priority 0, preemptionPolicy PreemptLowerPriority;
 * - ServiceAccount (plugin/pkg/admission/serviceaccount): serviceAccountName "default" and the
 *   projected `kube-api-access-<5>` token volume mounted read-only in every container;
 * - DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): not-ready and
 *   unreachable NoExecute tolerations for 300 s.
 */
import { drawInt } from './rng.js';
import { copyOwn } from '../model/cloneJson.js';
import { deepFreeze } from '../model/deepFreeze.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

type Obj = Record<string, unknown>;

/**
 * Writes the admission defaults into `pod.spec`, which must be the caller's own object; the
 * containers given the token mount are replaced by copies, so lists and containers may be shared.
 */
export function admitPod(pod: Obj & { spec: Obj; metadata: Obj }, seed: number, key: string): void {
  const spec = pod.spec;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.serviceAccountName ??= (spec.serviceAccount as string | undefined) ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const tolerations = ((spec.tolerations as Obj[] | undefined) ?? []).slice();
  for (const taint of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (
      !tolerations.some(
        (t) => t.key === taint && (t.effect === undefined || t.effect === 'NoExecute'),
      )
    ) {
      tolerations.push({
        key: taint,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      });
    }
  }
  spec.tolerations = tolerations;
  if (spec.automountServiceAccountToken === false) return;
  let suffix = '';
  const drawKey = `token-volume/${key}`;
  for (let i = 0; i < 5; i++) suffix += ALPHABET[drawInt(seed, drawKey, 0, ALPHABET.length - 1, i)];
  const name = `kube-api-access-${suffix}`;
  spec.volumes = [...((spec.volumes as Obj[] | undefined) ?? []), tokenVolume(name)];
  for (const list of ['initContainers', 'containers'] as const) {
    const containers = spec[list] as Obj[] | undefined;
    if (containers === undefined) continue;
    // Copies of the containers that get the mount: the others, and everything below a container,
    // may be shared with the template the pod was made from.
    spec[list] = containers.map((c) => {
      const mounts = (c.volumeMounts as Obj[] | undefined) ?? [];
      if (mounts.some((m) => m.mountPath === TOKEN_MOUNT)) return c;
      const copy = copyOwn(c);
      copy.volumeMounts = [...mounts, { name, readOnly: true, mountPath: TOKEN_MOUNT }];
      return copy;
    });
  }
}

function tokenVolume(name: string): Obj {
  return { name, projected: TOKEN_PROJECTION };
}

/**
 * The projected sources of the service-account volume, the same for every pod: shared (and frozen,
 * so no writer can reach another pod's copy) instead of ten small objects per pod.
 */
const TOKEN_PROJECTION: Obj = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    {
      downwardAPI: {
        items: [
          {
            path: 'namespace',
            fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
          },
        ],
      },
    },
  ],
});
