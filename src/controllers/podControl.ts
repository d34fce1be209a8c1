/**
 * What a replica controller sends the API server: pods from its template (controller_utils.go
 * GetPodFromTemplate: the template's labels, annotations and finalizers, generateName
 * `<owner>-`, a controller ownerReference) and pod deletions with the pod's own grace period.
 */
import type { Pod, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import * as E from '../events/catalog.js';
import type { KubeEventNote, Draft } from '../events/createEvent.js';
import type { DecideContext } from '../engine/context.js';
import { drawInt, drawUuid } from '../engine/rng.js';
import { admitPod } from '../engine/admission.js';
import { isPodTerminal } from './activePods.js';
import { formatRfc3339 } from '../model/time.js';
import { qosClass } from '../views/index.js';
import { defaultPodSpec } from '../spec/manifest/index.js';
import type { ClusterState, ObjectState, PodState } from '../state/model.js';
import { podKey, podObject } from '../state/model.js';
import { copyOwn } from '../model/cloneJson.js';
import { withKeys } from '../model/withKeys.js';

/** utilrand's alphabet: no vowels, no 0/1/3 (staging/src/k8s.io/apimachinery/pkg/util/rand). */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
/** names.go: maxNameLength 63 − randomLength 5. */
const MAX_GENERATED_BASE = 58;

const API_VERSION: Record<string, string> = {
  ReplicaSet: 'apps/v1',
  ReplicationController: 'v1',
  Deployment: 'apps/v1',
};

/** metav1.NewControllerRef. */
export function controllerRef(o: ObjectState): Record<string, unknown> {
  const md = o.object.metadata as { name: string; uid: string };
  return {
    apiVersion: API_VERSION[o.kind] ?? 'v1',
    kind: o.kind,
    name: md.name,
    uid: md.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * The generateName of the pods a controller named `owner` creates: controller_utils.go getPodsPrefix,
 * cut to 58 characters as names.SimpleNameGenerator does.
 */
export function generateNameOf(owner: string): string {
  return `${owner}-`.slice(0, MAX_GENERATED_BASE);
}

/**
 * names.SimpleNameGenerator: base (cut to 58) + 5 characters of utilrand.String, drawn from the
 * seeded stream `pod-name/<ns>/<owner>` at the owner's creation counter. A name taken by a live pod
 * is drawn again (the API server retries generateName collisions, RetryGenerateName).
 */
export function generatePodName(
  state: ClusterState,
  seed: number,
  o: ObjectState,
  index: number,
  taken: ReadonlySet<string>,
): string {
  const md = o.object.metadata as { name: string; namespace?: string };
  const ns = md.namespace ?? 'default';
  const base = generateNameOf(md.name);
  for (let attempt = 0; ; attempt++) {
    const key = `pod-name/${ns}/${md.name}${attempt === 0 ? '' : `#${attempt}`}`;
    let suffix = '';
    for (let i = 0; i < 5; i++)
      suffix += NAME_ALPHABET[drawInt(seed, key, 0, NAME_ALPHABET.length - 1, index * 5 + i)];
    const name = base + suffix;
    if (!taken.has(name) && !state.pods.has(podKey(ns, name))) return name;
  }
}

type KubeObject = { kind?: string; metadata?: { name?: string; namespace?: string } } & Record<
  string,
  unknown
>;

/**
 * Pod as the API server stores it on create: uid, creationTimestamp, Pending status with QoS class.
 * The pod, its metadata and spec are new objects (admission writes them, and the containers it
 * mounts the token into); what lies below is shared with `obj`, as state is only ever changed by
 * copies (a 10,000-replica ReplicaSet's pods share their template's probes, ports and resources).
 */
export function createdPod(ctx: DecideContext, obj: KubeObject): Record<string, unknown> {
  const pod = copyOwn(obj) as Record<string, unknown> & {
    metadata: Record<string, unknown>;
    spec: Record<string, unknown>;
  };
  pod.spec = copyOwn(pod.spec ?? {});
  const ns = String(pod.metadata.namespace ?? 'default');
  const name = String(pod.metadata.name);
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  // uid and creationTimestamp are new to the metadata: see withKeys.
  pod.metadata = withKeys(pod.metadata, {
    namespace: ns,
    uid: drawUuid(ctx.seed, `pod-uid/${ns}/${name}@${ctx.now}`),
    creationTimestamp: formatRfc3339(ctx.state.epochMs + ctx.now),
  });
  admitPod(pod as Parameters<typeof admitPod>[0], ctx.seed, `${ns}/${name}@${ctx.now}`);
  pod.status = { phase: 'Pending', qosClass: qosClass(pod as unknown as Pod) };
  return pod;
}

/**
 * The template's spec with the API server's Pod defaults, once per template object (a
 * ReplicaSet's every pod starts from the same one; createdPod copies what admission writes).
 */
function specOf(template: PodTemplateSpec): PodSpec {
  let spec = defaultedSpecs.get(template);
  if (spec === undefined) {
    spec = defaultPodSpec(template.spec ?? { containers: [] }, { isTemplate: false });
    defaultedSpecs.set(template, spec);
  }
  return spec;
}

const defaultedSpecs = new WeakMap<PodTemplateSpec, PodSpec>();

/** The `pod/created` draft for the `index`-th pod of this controller. */
export function createPodFromTemplate(
  ctx: DecideContext,
  o: ObjectState,
  template: PodTemplateSpec,
  name: string,
  from: string,
): Draft {
  const md = o.object.metadata as { name: string; namespace?: string };
  const ns = md.namespace ?? 'default';
  const meta: Record<string, unknown> = {
    name,
    generateName: generateNameOf(md.name),
    namespace: ns,
  };
  const t = template.metadata ?? {};
  if (t.labels && Object.keys(t.labels).length > 0) meta.labels = { ...t.labels };
  if (t.annotations && Object.keys(t.annotations).length > 0)
    meta.annotations = { ...t.annotations };
  if (t.finalizers && t.finalizers.length > 0) meta.finalizers = [...t.finalizers];
  meta.ownerReferences = [controllerRef(o)];
  const pod = createdPod(ctx, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta,
    spec: specOf(template),
  });
  const note: KubeEventNote = {
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: `Created pod: ${name}`,
    from,
    object: o.key,
  };
  return E.podCreated(podObject(podKey(ns, name)), { pod }, [note]);
}

/**
 * A pod deletion with the pod's default grace period; registry/core/pod/strategy.go deletes
 * unscheduled and terminal pods at once (grace 0). `note` is recorded with the request.
 */
export function deletePodDrafts(
  p: PodState,
  graceSeconds: number | undefined,
  note?: KubeEventNote,
): Draft[] {
  const obj = podObject(p.key);
  const pod = p.pod as Pod;
  const notes = note ? [note] : [];
  if (!p.runtime.node || isPodTerminal(pod))
    return [E.podDeletionRequested(obj, { gracePeriodSeconds: 0 }, notes), E.podDeleted(obj, {})];
  if (pod.metadata!.deletionTimestamp) return []; // a later delete may only shorten; not modelled
  const grace = graceSeconds ?? pod.spec!.terminationGracePeriodSeconds ?? 30;
  return [E.podDeletionRequested(obj, { gracePeriodSeconds: grace }, notes)];
}
