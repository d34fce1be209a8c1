/**
 * Graceful pod deletion (semantics §4.3, §4.2, §2.1): once deletion is requested nothing is
 * (re)started; every container running then is stopped with the deletion grace period
 * (deletionGracePeriodSeconds overrides the rest), gets SIGTERM at most once, and has stopped by
 * deletion + grace + 2 s (the 2 s minimum after an overrunning preStop, or for a sidecar whose
 * ordering wait used up the grace; such a wait ends up to the fraction of a second its preStop
 * took beyond whole seconds later). Sidecars get SIGTERM after the regular containers have
 * stopped, in reverse declaration order, unless the grace has run out. With every container stopped the pod becomes
 * terminal and is removed from the API. The deletion cancels the sync under way (§30): an image
 * pull, a postStart hook, a probe or postStart kill end at once and every running container is
 * stopped with the deletion's grace. A pod worker creating the sandbox, or in a pod-wide kill
 * (KillPod inside SyncPod), acts on the deletion when that returns, so the clock starts then.
 */
import type { Invariant, Observation, Violation } from './types.js';
import { podObjects, specNames, violations } from './types.js';
import { isPodKill } from '../../events/catalog.js';
import { deletionOf, instances } from './timeline.js';
import type { Instance } from './timeline.js';
import { MIN_GRACE_MS, preStopReturnedAt, sidecarWaitsOn } from './killSequence.js';

const NAME = 'graceful-deletion';

/**
 * When an instance was told to stop by the deletion's kill (its SIGTERM, or the skip of one an
 * earlier kill sent), if it was. A SIGTERM of a probe kill at the deletion's instant, before the
 * deletion's kill, is not that kill's.
 */
function toldAt(inst: Instance, after: number): number | null {
  const k = inst.kills.find((x) => x.i > after);
  if (!k) return null;
  const term = inst.signals.find((s) => s.signal === 'SIGTERM' && s.i > k.i);
  const skip = inst.skips.find((s) => s.i > k.i);
  if (!term || !skip) return (term ?? skip)?.at ?? null;
  return Math.min(term.at, skip.at);
}

/**
 * A sidecar whose preStop took a fraction of a second more than whole seconds waits for its turn
 * that fraction longer (waitForTurn is bounded by the grace left in whole seconds).
 */
function preStopFraction(inst: Instance, after: number): number {
  const k = inst.kills.find((x) => x.i > after);
  return k ? (preStopReturnedAt(inst, k) - k.at) % 1000 : 0;
}

function checkPod(obs: Observation, object: string, v: ReturnType<typeof violations>): void {
  const del = deletionOf(obs, object);
  if (!del || del.graceSeconds === 0) return;
  const p = obs.pods[del.i]!;
  const names = specNames(p);
  const graceMs = del.graceSeconds * 1000;
  const all = [...instances(obs).entries()].filter(([k]) => k.startsWith(`${object}|`));
  const running: Instance[] = [];
  for (const [, list] of all) {
    for (const inst of list) {
      if (inst.created.i > del.i)
        v.add(inst.created.i, `${inst.container} created after deletion was requested`);
      else if (inst.started && (!inst.exited || inst.exited.i > del.i)) running.push(inst);
    }
  }
  // The pod worker acts on the deletion once the sandbox is created, or once a pod-wide kill
  // under way has stopped every container (SyncPod kills synchronously, semantics §2.3). Other
  // steps are cancelled (§30).
  const podKilled = (r: Instance): boolean =>
    r.kills.some((k) => k.i < del.i && isPodKill(k.reason));
  const blockedUntil = running.filter(podKilled).map((r) => r.exited?.at ?? Infinity);
  const busy = p.runtime.busy;
  const from = Math.max(del.at, busy?.op === 'sandbox' ? busy.until : del.at, ...blockedUntil);
  for (const inst of running) {
    const sidecar = names.sidecars.includes(inst.container);
    const limit = from + graceMs + MIN_GRACE_MS + (sidecar ? preStopFraction(inst, del.i) : 0);
    const name = `${inst.container} instance ${inst.n}`;
    const terms = inst.signals.filter((s) => s.signal === 'SIGTERM' && s.i > del.i);
    if (terms.length > 1)
      v.add(terms[1]!.i, `${name} got SIGTERM ${terms.length} times after deletion`);
    // A pod-wide kill already under way keeps its own grace (kill-sequence checks it).
    const killedBefore = podKilled(inst);
    if (inst.exited && inst.exited.at > limit && !killedBefore)
      v.add(
        inst.exited.i,
        `${name} stopped at ${inst.exited.at} ms, after deletion + grace + 2 s = ${limit} ms`,
      );
    if (!inst.exited && (obs.untilMs ?? 0) > limit && !killedBefore)
      v.add(
        del.i,
        `${name} still running at the end of the run, past deletion + grace + 2 s = ${limit} ms`,
      );
    if (!sidecar) continue;
    // Sidecars wait for the app containers and for sidecars declared after them (§4.3;
    // newTerminationOrdering gives them no wait on a regular init container).
    const told = toldAt(inst, del.i);
    for (const other of running) {
      if (!sidecarWaitsOn(names, inst.container, other.container)) continue;
      const otherExit = other.exited?.at ?? Infinity;
      if (told !== null && told < otherExit && told < from + graceMs)
        v.add(
          inst.exited?.i ?? del.i,
          `sidecar ${inst.container} told to stop at ${told} ms, before ${other.container} stopped`,
        );
    }
  }
  const lastExit = Math.max(del.at, ...running.map((r) => r.exited?.at ?? Infinity));
  if (Number.isFinite(lastExit)) {
    const gone = obs.events.findIndex((e) => e.object === object && e.type === 'pod/deleted');
    if (gone < 0)
      v.add(del.i, `every container stopped by ${lastExit} ms but the pod was never removed`);
    else if (obs.events[gone]!.at < lastExit)
      v.add(gone, `pod removed before its containers stopped`);
  }
}

export const gracefulDeletion: Invariant = {
  name: NAME,
  rule: 'semantics §4.3: after deletion nothing starts; one SIGTERM each; all stopped by deletion + grace + 2 s; sidecars last',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    for (const object of podObjects(obs)) checkPod(obs, object, v);
    return v.list;
  },
};
