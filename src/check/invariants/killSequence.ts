/**
 * One container's kill (semantics §4.2 killContainer): the grace is the pod's
 * deletionGracePeriodSeconds once deletion was requested, else the probe's
 * terminationGracePeriodSeconds for a liveness/startup kill, else the pod's (step 1); then
 * Killing → preStop, bounded by the grace → SIGTERM once → SIGKILL when the remaining grace runs
 * out. The remaining grace is the kill's grace minus the whole seconds preStop took, and never
 * below 2 s; so SIGKILL comes no sooner than SIGTERM + that grace, and the container has stopped
 * by then. A preStop that overruns the whole grace gives grace + 2 s in all. A sidecar stopped
 * with its pod (deletion, KillPod) gets SIGTERM once every regular container and later sidecar has
 * exited, or when the grace left after preStop has passed; the whole seconds waited come off.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Invariant, Observation, Violation } from './types.js';
import { specNames, violations } from './types.js';
import type { SpecNames } from './types.js';
import { isPodKill } from '../../events/catalog.js';
import { instances } from './timeline.js';
import type { Instance } from './timeline.js';

const NAME = 'kill-sequence';
export const MIN_GRACE_MS = 2_000;

const wholeSeconds = (ms: number): number => Math.trunc(ms / 1000) * 1000;

/**
 * When kill `k` reaches StopContainer (its SIGTERM, or the skip of one sent before), and the stop
 * deadline after it. StopContainer comes when preStop returns (at the Killing without one). A
 * sidecar stopped with its pod (`turnAt` given: when the last container it waits for exited,
 * Infinity if one never did) then waits for its turn, at most the grace left after preStop; the
 * whole seconds it waited come off the grace too.
 */
export function killPlan(
  inst: Instance,
  k: Instance['kills'][number],
  turnAt?: number,
): { sigtermAt: number; deadline: number } {
  const waitFrom = preStopReturnedAt(inst, k);
  const left = k.graceMs - wholeSeconds(waitFrom - k.at);
  const sigtermAt =
    turnAt !== undefined && left > 0
      ? Math.min(waitFrom + left, Math.max(waitFrom, turnAt))
      : waitFrom;
  const grace = left > 0 ? left - wholeSeconds(sigtermAt - waitFrom) : left;
  return { sigtermAt, deadline: sigtermAt + Math.max(grace, MIN_GRACE_MS) };
}

/**
 * The preStop hook kill `k` ran, if any (a kill whose grace is 0 runs none): one after a later
 * kill of the instance (a deletion's, §30) is that kill's.
 */
function preStopOf(
  inst: Instance,
  k: Instance['kills'][number],
): Instance['hooks'][number] | undefined {
  const next = inst.kills.find((x) => x.i > k.i)?.i ?? Infinity;
  return inst.hooks.find((h) => h.hook === 'preStop' && h.i > k.i && h.i < next);
}

/** When the kill's preStop returned; the Killing itself when it has none. */
export function preStopReturnedAt(inst: Instance, k: Instance['kills'][number]): number {
  const preStop = preStopOf(inst, k);
  return preStop ? (preStop.finishedAt ?? preStop.endsAt) : k.at;
}

/**
 * newTerminationOrdering: a sidecar stopped with its pod waits for every app container and every
 * sidecar declared after it; never for a regular init container.
 */
export function sidecarWaitsOn(names: SpecNames, sidecar: string, other: string): boolean {
  return (
    names.apps.includes(other) || names.sidecars.indexOf(other) > names.sidecars.indexOf(sidecar)
  );
}

/**
 * For a sidecar stopped with its pod by kill `k`: when the containers it waits for (every regular
 * container and every later sidecar running at its Killing) had all exited; Infinity if one never
 * did.
 */
function turnOf(
  obs: Observation,
  inst: Instance,
  k: Instance['kills'][number],
  peers: Instance[],
): number | undefined {
  const names = specNames(obs.pods[k.i]!);
  if (!isPodKill(k.reason) || !names.sidecars.includes(inst.container)) return undefined;
  let turn = k.at;
  for (const other of peers) {
    const waitsOn = sidecarWaitsOn(names, inst.container, other.container);
    const ranAtKill =
      other.started !== null && other.started.i < k.i && (!other.exited || other.exited.i > k.i);
    if (waitsOn && ranAtKill) turn = Math.max(turn, other.exited?.at ?? Infinity);
  }
  return turn;
}

/** killContainer's grace for kill `k` (§4.2 step 1): pod-wide stops give sidecars the same. */
export function expectedGraceMs(
  obs: Observation,
  inst: Instance,
  k: Instance['kills'][number],
): number {
  const p = obs.pods[k.i]!;
  const pod = p.pod as Pod;
  const c: Container | undefined = [
    ...(pod.spec?.initContainers ?? []),
    ...(pod.spec?.containers ?? []),
  ].find((x) => x.name === inst.container);
  const probe =
    k.reason === 'liveness'
      ? c?.livenessProbe
      : k.reason === 'startup'
        ? c?.startupProbe
        : undefined;
  const seconds =
    pod.metadata?.deletionGracePeriodSeconds ??
    probe?.terminationGracePeriodSeconds ??
    pod.spec?.terminationGracePeriodSeconds ??
    30;
  return seconds * 1000;
}

/**
 * An instance is killed once, or twice when a deletion cancelled a probe or postStart kill under
 * way (§30): the deletion's kill replaces it, the first kill's SIGKILL is not sent, and containerd
 * does not send SIGTERM again (the second kill's StopContainer skips it).
 */
function checkKills(inst: Instance, obs: Observation, v: ReturnType<typeof violations>): void {
  const name = `${inst.container} instance ${inst.n}`;
  for (const [j, k] of inst.kills.entries()) {
    const grace = expectedGraceMs(obs, inst, k);
    if (k.graceMs !== grace)
      v.add(k.i, `${name} killed (${k.reason}) with grace ${k.graceMs} ms, expected ${grace} ms`);
    const next = inst.kills[j + 1];
    const preStop = preStopOf(inst, k);
    if (preStop && preStop.endsAt - k.at > k.graceMs)
      v.add(
        preStop.i,
        `${name} preStop may run ${preStop.endsAt - k.at} ms, beyond the grace ${k.graceMs} ms`,
      );
    if (!next) continue;
    const deleted = obs.pods[next.i]?.pod.metadata?.deletionTimestamp;
    if (isPodKill(k.reason) || next.reason !== 'deletion' || !deleted)
      v.add(
        next.i,
        `${name} killed (${next.reason}) while its ${k.reason} kill was under way: only a deletion cancels a probe or postStart kill`,
      );
    const term = inst.signals.find((s) => s.signal === 'SIGTERM' && s.i > k.i && s.i < next.i);
    const plan = killPlan(inst, k);
    if (term && term.at !== plan.sigtermAt)
      v.add(term.i, `${name} SIGTERM at ${term.at} ms, expected at ${plan.sigtermAt} ms`);
    if (next.at > plan.deadline)
      v.add(
        next.i,
        `${name} still running at ${next.at} ms, past its deadline ${plan.deadline} ms`,
      );
  }
}

function checkInstance(
  inst: Instance,
  obs: Observation,
  peers: Instance[],
  v: ReturnType<typeof violations>,
): void {
  const name = `${inst.container} instance ${inst.n}`;
  const terms = inst.signals.filter((s) => s.signal === 'SIGTERM');
  const kills = inst.signals.filter((s) => s.signal === 'SIGKILL');
  if (terms.length > 1) v.add(terms[1]!.i, `${name} got SIGTERM ${terms.length} times`);
  if (kills.length > 0 && terms.length === 0)
    v.add(kills[0]!.i, `${name} got SIGKILL without SIGTERM`);
  // The kill that ends the instance: the last one.
  const k = inst.kills[inst.kills.length - 1];
  if (!k) {
    if (terms[0]) v.add(terms[0].i, `${name} got SIGTERM without a Killing decision`);
    if (inst.skips[0]) v.add(inst.skips[0].i, `${name} skipped SIGTERM without a Killing decision`);
    return;
  }
  checkKills(inst, obs, v);
  const plan = killPlan(inst, k, turnOf(obs, inst, k, peers));
  // Its StopContainer: SIGTERM, or the skip of one an earlier kill sent.
  const sentBefore = terms[0] !== undefined && terms[0].i < k.i;
  const term = terms.find((s) => s.i > k.i);
  const skip = inst.skips.find((s) => s.i > k.i);
  const stop = sentBefore ? skip : term;
  if (sentBefore && term)
    v.add(
      term.i,
      `${name} SIGTERM again, though an earlier kill had sent it at ${terms[0]!.at} ms`,
    );
  if (!sentBefore && skip)
    v.add(skip.i, `${name} SIGTERM skipped at ${skip.at} ms, though none was sent before`);
  const exitedBeforeTerm = inst.exited !== null && inst.exited.at <= plan.sigtermAt && !stop;
  // A terminal pod is removed from the API at once when deleted (registry/core/pod/strategy.go:
  // grace 0 for phase Succeeded or Failed), and a pod failed by a regular init container under
  // Never is Failed while its sidecars are still being stopped: the kubelet finishes their kill
  // after that, which a trace of API objects does not show.
  const removed = inst.removed?.at ?? Infinity;
  if (stop && stop.at !== plan.sigtermAt)
    v.add(
      stop.i,
      `${name} ${stop === term ? 'SIGTERM' : 'skipped SIGTERM'} at ${stop.at} ms, expected at ${plan.sigtermAt} ms`,
    );
  if (!stop && !exitedBeforeTerm && Math.min(obs.untilMs ?? Infinity, removed) > plan.sigtermAt)
    v.add(k.i, `${name} was never sent SIGTERM after Killing`);
  const sigkill = kills[0];
  if (sigkill && (sigkill.i < k.i || sigkill.at < plan.deadline))
    v.add(
      sigkill.i,
      `${name} SIGKILL at ${sigkill.at} ms, before SIGTERM + grace = ${plan.deadline} ms`,
    );
  if (inst.exited && inst.exited.at > plan.deadline)
    v.add(
      inst.exited.i,
      `${name} stopped at ${inst.exited.at} ms, after its deadline ${plan.deadline} ms`,
    );
  if (!inst.exited && Math.min(obs.untilMs ?? 0, removed) > plan.deadline)
    v.add(
      k.i,
      `${name} still running at the end of the run, past its deadline ${plan.deadline} ms`,
    );
}

export const killSequence: Invariant = {
  name: NAME,
  rule: 'semantics §4.2: Killing → preStop (≤ grace) → one SIGTERM → SIGKILL ≥ SIGTERM + max(grace − preStop s, 2 s); stopped by then; a deletion replaces a probe or postStart kill (§30)',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    const byPod = new Map<string, Instance[]>();
    for (const list of instances(obs).values())
      for (const inst of list) {
        const peers = byPod.get(inst.object);
        if (peers) peers.push(inst);
        else byPod.set(inst.object, [inst]);
      }
    for (const peers of byPod.values())
      for (const inst of peers) checkInstance(inst, obs, peers, v);
    return v.list;
  },
};
