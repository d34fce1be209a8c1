/**
 * Readiness (semantics §5, generate.go): Ready True needs ContainersReady True (readiness gates only
 * narrow it further), and ContainersReady True needs every sidecar and app container running and
 * ready — a sidecar also started (§1.5: ready is only computed once started). Neither holds in a
 * terminal phase (PodCompleted / PodFailed).
 */
import type { Invariant, Observation, Violation } from './types.js';
import { specNames, violations } from './types.js';

const NAME = 'ready-conditions';

export const readyConditions: Invariant = {
  name: NAME,
  rule: 'semantics §5: Ready ⇒ ContainersReady ⇒ every sidecar and app container running and ready',
  check(obs: Observation): Violation[] {
    const v = violations(NAME);
    obs.events.forEach((ev, i) => {
      const p = obs.pods[i];
      if (!p) return;
      const status = p.pod.status ?? {};
      const cond = (t: string): string | undefined =>
        status.conditions?.find((c) => c.type === t)?.status;
      const ready = cond('Ready') === 'True';
      const containersReady = cond('ContainersReady') === 'True';
      if (ready && !containersReady)
        v.add(
          ev.seq,
          `Ready is True but ContainersReady is ${cond('ContainersReady')} after ${ev.type}`,
        );
      if (!containersReady) return;
      if (status.phase !== 'Running')
        v.add(ev.seq, `ContainersReady is True in phase ${status.phase} after ${ev.type}`);
      const names = specNames(p);
      const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
      for (const name of [...names.sidecars, ...names.apps]) {
        const s = all.find((c) => c.name === name);
        const rt = p.runtime.containers[name];
        const sidecar = names.sidecars.includes(name);
        if (!s || s.ready !== true || s.state?.running == null || (sidecar && s.started !== true))
          v.add(
            ev.seq,
            `ContainersReady is True but ${name} is not running and ready after ${ev.type}`,
          );
        else if (rt?.phase !== 'running')
          v.add(ev.seq, `ContainersReady is True but the runtime has ${name} ${rt?.phase}`);
      }
    });
    return v.list;
  },
};
