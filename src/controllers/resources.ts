/**
 * Resource arithmetic for scheduling and admission: a pod's effective request is what
 * k8s.io/component-helpers/resource PodRequests computes — the larger of (app containers +
 * sidecars) and, for each regular init container, (it + the sidecars started before it).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { parseQuantity } from '../spec/manifest/index.js';

export interface Amounts {
  cpuMilli: number;
  memoryBytes: number;
}

function requestsOf(c: Container): Amounts {
  const r = c.resources?.requests ?? {};
  const cpu = r.cpu === undefined ? undefined : parseQuantity(String(r.cpu));
  const mem = r.memory === undefined ? undefined : parseQuantity(String(r.memory));
  return {
    cpuMilli: cpu ? cpu.milli : 0,
    memoryBytes: mem ? mem.whole : 0,
  };
}

const add = (a: Amounts, b: Amounts): Amounts => ({
  cpuMilli: a.cpuMilli + b.cpuMilli,
  memoryBytes: a.memoryBytes + b.memoryBytes,
});
const max = (a: Amounts, b: Amounts): Amounts => ({
  cpuMilli: Math.max(a.cpuMilli, b.cpuMilli),
  memoryBytes: Math.max(a.memoryBytes, b.memoryBytes),
});

export function podRequests(pod: Pod): Amounts {
  let sidecars: Amounts = { cpuMilli: 0, memoryBytes: 0 };
  let initMax: Amounts = { cpuMilli: 0, memoryBytes: 0 };
  for (const c of pod.spec?.initContainers ?? []) {
    const r = requestsOf(c);
    if (c.restartPolicy === 'Always') sidecars = add(sidecars, r);
    else initMax = max(initMax, add(r, sidecars));
  }
  let app = sidecars;
  for (const c of pod.spec?.containers ?? []) app = add(app, requestsOf(c));
  return max(app, initMax);
}
