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

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const TOKEN_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

type Obj = Record<string, unknown>;

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
    for (const c of (spec[list] as Obj[] | undefined) ?? []) {
      const mounts = (c.volumeMounts as Obj[] | undefined) ?? [];
      if (!mounts.some((m) => m.mountPath === TOKEN_MOUNT))
        c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: TOKEN_MOUNT }];
    }
  }
}

function tokenVolume(name: string): Obj {
  return {
    name,
    projected: {
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
    },
  };
}
