/**
 * Restarts: restartCount counts previous instances (semantics §2.4) — it never decreases, moves by
 * one per restart and equals instances − 1 once a new instance starts; restartPolicy decides who is
 * restarted (§2.1 ShouldContainerBeRestarted: Never ⇒ no restart, OnFailure ⇒ none after exit 0;
 * sidecars always restart, §2.2); and a container killed for liveness/startup is restarted unless
 * the policy is Never (kuberuntime_manager.go computePodActions: `restart :=
 * shouldRestartOnFailure(pod)` puts it in ContainersToStart whatever its exit code).
 */
import type { Invariant, Observation, Violation } from './types.js';
import { containerOf, podObjects, specNames, violations } from './types.js';
import { instances } from './timeline.js';

export const restartCount: Invariant = {
  name: 'restart-count',
  rule: 'semantics §2.4: restartCount = previous instances; monotonic, +1 per restart',
  check(obs: Observation): Violation[] {
    const v = violations('restart-count');
    const last = new Map<string, number>();
    const created = new Map<string, number>();
    obs.events.forEach((ev, i) => {
      const p = obs.pods[i];
      if (!p) return;
      const c = containerOf(ev);
      if (ev.type === 'container/created' && c)
        created.set(`${p.key}|${c}`, (created.get(`${p.key}|${c}`) ?? 0) + 1);
      const statuses = [
        ...(p.pod.status?.initContainerStatuses ?? []),
        ...(p.pod.status?.containerStatuses ?? []),
      ];
      for (const s of statuses) {
        const key = `${p.key}|${s.name}`;
        const before = last.get(key);
        if (before !== undefined && s.restartCount < before)
          v.add(ev.seq, `${s.name} restartCount fell from ${before} to ${s.restartCount}`);
        if (before !== undefined && s.restartCount > before + 1)
          v.add(ev.seq, `${s.name} restartCount jumped from ${before} to ${s.restartCount}`);
        last.set(key, s.restartCount);
        const isStart = ev.type === 'container/started' || ev.type === 'container/startFailed';
        const n = created.get(key) ?? 0;
        if (isStart && c === s.name && s.restartCount !== n - 1)
          v.add(ev.seq, `${s.name} started as instance ${n} but restartCount is ${s.restartCount}`);
      }
    });
    return v.list;
  },
};

export const restartPolicy: Invariant = {
  name: 'restart-policy',
  rule: 'semantics §2.1/§2.2: Never ⇒ no restart; OnFailure ⇒ no restart after exit 0 (sidecars always restart)',
  check(obs: Observation): Violation[] {
    const v = violations('restart-policy');
    const timelines = instances(obs);
    for (const object of podObjects(obs)) {
      const p = obs.pods.find((s, i) => s && obs.events[i]!.object === object);
      if (!p) continue;
      const policy = p.pod.spec?.restartPolicy ?? 'Always';
      const names = specNames(p);
      for (const c of [...names.regularInit, ...names.apps]) {
        const list = timelines.get(`${object}|${c}`) ?? [];
        for (const [k, inst] of list.entries()) {
          const next = list[k + 1];
          if (!next) continue;
          if (policy === 'Never')
            v.add(next.created.i, `${c} restarted (instance ${next.n}) under restartPolicy Never`);
          const probeKilled = inst.kills.some(
            (x) => x.reason === 'liveness' || x.reason === 'startup',
          );
          if (policy === 'OnFailure' && inst.exited?.exitCode === 0 && !probeKilled)
            v.add(next.created.i, `${c} restarted after exiting 0 under restartPolicy OnFailure`);
        }
      }
    }
    return v.list;
  },
};

/** Long enough for any sync that is blocked (a kill's grace, hooks, pulls) to come round. */
const RESTART_WINDOW_MS = 120_000;

export const probeKillRestart: Invariant = {
  name: 'probe-kill-restart',
  rule: 'computePodActions: a liveness/startup kill restarts the container unless restartPolicy is Never (sidecars always, unless the pod is killed)',
  check(obs: Observation): Violation[] {
    const v = violations('probe-kill-restart');
    for (const list of instances(obs).values()) {
      for (const inst of list) {
        const kill = inst.kills.find((x) => x.reason === 'liveness' || x.reason === 'startup');
        const exit = inst.exited;
        if (!kill || !exit) continue;
        const p = obs.pods[exit.i]!;
        const sidecar = specNames(p).sidecars.includes(inst.container);
        if ((p.pod.spec?.restartPolicy ?? 'Always') === 'Never' && !sidecar) continue;
        if (obs.untilMs === undefined || obs.untilMs - exit.at < RESTART_WINDOW_MS) continue;
        const later = obs.events.slice(exit.i + 1);
        // A deletion after the kill stops restarts (§2.1: deletionTimestamp ⇒ never restart).
        const deleted = obs.events
          .slice(kill.i)
          .some((e) => e.object === inst.object && e.type === 'pod/deletionRequested');
        if (deleted) continue;
        // computePodActions' KillPod: once no regular container runs or will start again, the pod
        // is killed and its sidecars are not restarted (it then terminates).
        const killedPod =
          sidecar && later.some((e) => e.object === inst.object && e.type === 'pod/terminated');
        if (killedPod) continue;
        const attempted = later.some(
          (e) =>
            e.object === inst.object &&
            containerOf(e) === inst.container &&
            /^(image\/|container\/(created|backOff|createFailed))/.test(e.type),
        );
        if (!attempted)
          v.add(
            exit.i,
            `${inst.container} was killed for ${kill.reason} (exit ${exit.exitCode}) and never restarted under restartPolicy ${p.pod.spec?.restartPolicy}`,
          );
      }
    }
    return v.list;
  },
};
