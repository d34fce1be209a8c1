/**
 * Helpers of pkg/controller/deployment/util/deployment_util.go and controller_utils.go:
 * the pod-template-hash (ComputeHash), fenceposts (ResolveFenceposts, MaxSurge, MaxUnavailable),
 * EqualIgnoreHash / FindNewReplicaSet, revisions, and NewRSNewReplicas.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { canonicalJson } from '../trace/canonical.js';
import type { ObjectState } from '../state/model.js';
import { specReplicas } from '../state/workloads.js';
import { NAME_ALPHABET } from './podControl.js';
import { compareText } from '../model/order.js';
import { INT32_MAX } from '../spec/manifest/shape.js';

export const HASH_LABEL = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** 32-bit FNV-1a over bytes. */
function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * controller.ComputeHash: FNV-32a of the template, then of collisionCount as 8 little-endian bytes
 * (when set), printed in decimal and mapped digit by digit through rand.SafeEncodeString
 * (`alphanums[int(b) % 27]` over the digit's byte). Upstream hashes `dump.ForHash(template)`, a
 * spew dump of the Go struct (type names, nil pointers, sorted map keys); podsim hashes the
 * template's canonical JSON instead, so hashes have the same shape and change exactly when the
 * template changes, but do not equal a real cluster's.
 */
export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return [...String(h)].map((c) => NAME_ALPHABET[c.charCodeAt(0) % NAME_ALPHABET.length]).join('');
}

/**
 * The name of the ReplicaSet the Deployment's current template gets (deployment/sync.go
 * getNewReplicaSet: `<name>-<pod-template-hash>`), and that hash.
 */
export function newReplicaSetName(d: Deployment): { name: string; hash: string } {
  const hash = computeHash(d.spec!.template as PodTemplateSpec, d.status?.collisionCount);
  return { name: `${d.metadata!.name}-${hash}`, hash };
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaled(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const pct = Number(v.replace(/%$/, ''));
  const x = (pct * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** ResolveFenceposts: surge rounded up, unavailable down; both 0 → unavailable 1. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const desired = d.spec?.replicas ?? 1;
  const surge = scaled(ru.maxSurge, desired, true);
  let unavailable = scaled(ru.maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const isRolling = (d: Deployment): boolean => d.spec?.strategy?.type !== 'Recreate';

export function maxSurge(d: Deployment): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

/**
 * deployment_util.go HasProgressDeadline: spec.progressDeadlineSeconds, unless it is math.MaxInt32
 * ("no deadline": the controller then keeps no Progressing condition at all).
 */
export function progressDeadline(d: Deployment): number | undefined {
  const s = d.spec?.progressDeadlineSeconds;
  return s === undefined || s === INT32_MAX ? undefined : s;
}

export function maxUnavailable(d: Deployment): number {
  const desired = d.spec?.replicas ?? 1;
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

/** withoutHash of each template object seen (state's objects are immutable values). */
const withoutHashOf = new WeakMap<object, string>();

function withoutHash(t: PodTemplateSpec | undefined): string {
  if (t === undefined) return withoutHashUncached(t);
  let h = withoutHashOf.get(t);
  if (h === undefined) withoutHashOf.set(t, (h = withoutHashUncached(t)));
  return h;
}

/** The template's canonical text without the hash label (canonicalJson builds its own tree). */
function withoutHashUncached(t: PodTemplateSpec | undefined): string {
  const labels = { ...(t?.metadata?.labels ?? {}) };
  delete labels[HASH_LABEL];
  return canonicalJson({ ...(t ?? {}), metadata: { ...(t?.metadata ?? {}), labels } });
}

/** EqualIgnoreHash of the ReplicaSet's and the Deployment's templates. */
export function templateMatches(rs: ObjectState, d: Deployment): boolean {
  const t = (rs.object.spec as { template?: PodTemplateSpec } | undefined)?.template;
  return withoutHash(t) === withoutHash(d.spec?.template);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(rsList: ObjectState[], d: Deployment): ObjectState | undefined {
  return [...rsList].sort(byCreation).find((rs) => templateMatches(rs, d));
}

/** ReplicaSetsByCreationTimestamp: creation time, then name. */
export function byCreation(a: ObjectState, b: ObjectState): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  const na = String((a.object.metadata as { name?: string }).name);
  const nb = String((b.object.metadata as { name?: string }).name);
  return compareText(na, nb);
}

export function revisionOf(o: ObjectState): number {
  const a = (o.object.metadata as { annotations?: Record<string, string> }).annotations;
  const n = Number(a?.[REVISION] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export const replicaSum = (rsList: ObjectState[]): number =>
  rsList.reduce((n, rs) => n + specReplicas(rs), 0);

/** NewRSNewReplicas. */
export function newRSNewReplicas(
  d: Deployment,
  allRSs: ObjectState[],
  newReplicas: number,
): number {
  const desired = d.spec?.replicas ?? 1;
  if (!isRolling(d)) return desired;
  const maxTotal = desired + maxSurge(d);
  const current = replicaSum(allRSs);
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, desired - newReplicas);
}
