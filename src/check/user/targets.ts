/**
 * Whether an assertion's `pod/NAME` or `svc/NAME` can name anything the inputs create: a typo
 * would otherwise pass every run (no pod matches, so nothing can fail) or fail every run for a
 * reason that is not about the pods. Pods are the inputs' Pods by name and the pods of their
 * workloads (`<owner>-<suffix>`: a Deployment's through its ReplicaSet, `<deployment>-<hash>-…`);
 * Services are matched by namespace and name. Every version the manifests and apply actions give
 * counts: what a check's runs draw changes behaviour only, never the objects.
 */
import type { RunInputs } from '../../spec/loadRun.js';
import type { Assertion } from './assertions.js';

interface Meta {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'ReplicationController']);

function objectsOf(inputs: RunInputs): Meta[] {
  return [
    ...inputs.initial.map((o) => o.object as Meta),
    ...inputs.scenario.actions.flatMap((a) => (a.kind === 'apply' ? (a.objects as Meta[]) : [])),
  ];
}

/** Why an assertion names nothing of the inputs, or undefined when it can match. */
export function unmatchedTarget(a: Assertion, inputs: RunInputs): string | undefined {
  const objects = objectsOf(inputs);
  if (a.kind === 'endpoints') {
    const [ns, name] = a.service.includes('/') ? a.service.split('/') : ['default', a.service];
    const services = objects
      .filter((o) => o.kind === 'Service')
      .map((o) => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`);
    if (services.includes(`${ns}/${name}`)) return undefined;
    return `no Service "${name}" in namespace "${ns}" in the inputs (Services: ${[...new Set(services)].join(', ') || 'none'})`;
  }
  if (a.pod === undefined || a.pod === '*') return undefined;
  const prefix = a.pod.endsWith('*');
  const stem = prefix ? a.pod.slice(0, -1) : a.pod;
  const pods = objects.filter((o) => o.kind === 'Pod').map((o) => o.metadata?.name ?? '');
  const owners = objects
    .filter((o) => WORKLOADS.has(o.kind ?? ''))
    .map((o) => `${o.metadata?.name ?? ''}-`);
  const matches =
    pods.some((p) => (prefix ? p.startsWith(stem) : p === stem)) ||
    // A generated name is <owner>-<suffix>: the pattern must agree with the owner's part.
    owners.some((o) => (prefix ? o.startsWith(stem) || stem.startsWith(o) : stem.startsWith(o)));
  if (matches) return undefined;
  const known = [...new Set([...pods, ...owners.map((o) => `${o}…`)])];
  return `no pod of the inputs is named ${a.pod} (pods: ${known.join(', ') || 'none'}); a prefix ends in *`;
}
