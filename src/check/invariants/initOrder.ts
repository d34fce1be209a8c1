/**
 * Init containers (semantics §2.2, §5): regular init containers run one at a time in spec order,
 * each only after the previous one exited 0; a container declared right after a sidecar is started
 * only once that sidecar is running and started (computeInitContainerActions looks at the last
 * init container the runtime knows; earlier sidecars may be in back-off by then); no app container
 * starts before every regular init
 * container has exited 0; init containers never run again once an app container was created; and
 * the Initialized condition is True only once every regular init container has exited 0. A start
 * is judged when the kubelet decided it (its first image step), as a pull may come in between.
 */
import type { PodState } from '../../state/model.js';
import type { Invariant, Observation, Violation } from './types.js';
import { podBefore, podObjects, specNames, violations } from './types.js';
import { instances } from './timeline.js';
import type { Instance } from './timeline.js';

const NAME = 'init-order';

function sidecarStarted(p: PodState | undefined, name: string): boolean {
  const s = p?.pod.status?.initContainerStatuses?.find((c) => c.name === name);
  return s?.state?.running != null && s.started === true;
}

function checkPod(obs: Observation, object: string, v: ReturnType<typeof violations>): void {
  const first = obs.pods.find((p, i) => p && obs.events[i]!.object === object);
  if (!first) return;
  const names = specNames(first);
  const inits = (first.pod.spec?.initContainers ?? []).map((c) => c.name);
  const timelines = instances(obs);
  const list = (c: string): Instance[] => timelines.get(`${object}|${c}`) ?? [];
  const exitedZeroAt = (c: string): number =>
    list(c).find((x) => x.exited?.exitCode === 0)?.exited?.i ?? Infinity;
  const appCreatedAt = Math.min(...names.apps.map((a) => list(a)[0]?.created.i ?? Infinity));

  for (const c of [...inits, ...names.apps]) {
    const isApp = names.apps.includes(c);
    for (const inst of list(c)) {
      if (names.regularInit.includes(c) && inst.created.i > appCreatedAt)
        v.add(inst.created.i, `init container ${c} ran again after an app container was created`);
    }
    const firstInst = list(c)[0];
    if (!firstInst) continue;
    const decided = firstInst.attempts[0]?.i ?? firstInst.created.i;
    const before = isApp ? inits : inits.slice(0, inits.indexOf(c));
    const prior = podBefore(obs, object, decided);
    for (const b of before) {
      if (names.regularInit.includes(b) && exitedZeroAt(b) > decided)
        v.add(decided, `${c} started before init container ${b} exited 0`);
    }
    // Only the init container just before counts: an earlier sidecar was running and started
    // when its own successor started, and may have exited since (it restarts on its own).
    const b = before[before.length - 1];
    const initializing = !isApp || decided <= appCreatedAt;
    if (b !== undefined && names.sidecars.includes(b) && initializing && !sidecarStarted(prior, b))
      v.add(decided, `${c} started while sidecar ${b} was not running and started`);
  }
  obs.events.forEach((ev, i) => {
    if (ev.object !== object) return;
    const cond = obs.pods[i]?.pod.status?.conditions?.find((k) => k.type === 'Initialized');
    if (cond?.status !== 'True') return;
    const missing = names.regularInit.filter((n) => exitedZeroAt(n) > i);
    if (missing.length > 0)
      v.add(
        ev.seq,
        `Initialized is True after ${ev.type} but ${missing.join(', ')} never exited 0`,
      );
  });
}

export const initOrder: Invariant = {
  name: NAME,
  rule: 'semantics §2.2/§5: init containers in order, each after the previous exited 0 (sidecars: started); apps after all; Initialized only then',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    for (const object of podObjects(obs)) checkPod(obs, object, v);
    return v.list;
  },
};
