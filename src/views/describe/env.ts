/**
 * Environment lines of a container in `kubectl describe`. Mirrors describe.go
 * describeContainerEnvVars, describeContainerEnvFrom and EnvValueRetriever, with
 * staging/src/k8s.io/kubectl/pkg/util/resource ExtractContainerResourceValue.
 */
import type { Container, EnvVar, Pod } from 'kubernetes-types/core/v1.js';
import { defaultedRequests } from '../qos.js';
import { parseQuantity } from '../quantity.js';
import type { PrefixWriter } from './prefixWriter.js';
import { LEVEL_2, LEVEL_3 } from './prefixWriter.js';

/**
 * EnvValueRetriever: kubectl converts the field path with its client-side scheme, which only knows
 * the generic metadata.name and metadata.namespace field selectors; every other field path
 * (status.podIP, metadata.labels[…], …) therefore prints an empty value.
 */
function fieldRefValue(pod: Pod | null, fieldPath: string): string {
  // A pod template has no resolver: the value is empty.
  if (pod === null) return '';
  if (fieldPath === 'metadata.name') return pod.metadata?.name ?? '';
  if (fieldPath === 'metadata.namespace') return pod.metadata?.namespace ?? '';
  return '';
}

const ceilDiv = (n: bigint, d: bigint): bigint =>
  n % d === 0n ? n / d : n / d + (n > 0n ? 1n : 0n);

/** ExtractContainerResourceValue: the quantity divided by the divisor (default 1), rounded up. */
function resourceFieldValue(container: Container, resource: string, divisor?: string): string {
  const [kind, name] = resource.split('.', 2) as [string, string | undefined];
  const list =
    kind === 'limits' ? (container.resources?.limits ?? {}) : defaultedRequests(container);
  if ((kind !== 'limits' && kind !== 'requests') || name === undefined) return '';
  if (name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage') return '';
  const value = parseQuantity(list[name] ?? '0')?.nanos ?? 0n;
  const div = parseQuantity(divisor ?? '0')?.nanos || 10n ** 9n;
  // cpu compares milli-values, the others whole units (Quantity.MilliValue / Value round up).
  const unit = name === 'cpu' ? 10n ** 6n : 10n ** 9n;
  const amount = ceilDiv(value, unit);
  const per = ceilDiv(div, unit);
  return per === 0n ? '' : String(ceilDiv(amount, per));
}

/** describeContainerEnvFrom. */
export function describeEnvFrom(w: PrefixWriter, container: Container): void {
  const envFrom = container.envFrom ?? [];
  w.write(LEVEL_2, `Environment Variables from:${envFrom.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of envFrom) {
    const [from, name, optional] =
      e.configMapRef != null
        ? ['ConfigMap', e.configMapRef.name ?? '', e.configMapRef.optional === true]
        : e.secretRef != null
          ? ['Secret', e.secretRef.name ?? '', e.secretRef.optional === true]
          : ['', '', false];
    const source = e.prefix ? `${from} with prefix '${e.prefix}'` : from;
    w.write(LEVEL_3, `${name}\t${source}\tOptional: ${optional}\n`);
  }
}

function describeEnvVar(w: PrefixWriter, pod: Pod | null, container: Container, e: EnvVar): void {
  const from = e.valueFrom;
  if (from == null) {
    (e.value ?? '').split('\n').forEach((line, i) => {
      w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`);
    });
  } else if (from.fieldRef != null) {
    const apiVersion = from.fieldRef.apiVersion || 'v1';
    const value = fieldRefValue(pod, from.fieldRef.fieldPath);
    w.write(LEVEL_3, `${e.name}:\t${value} (${apiVersion}:${from.fieldRef.fieldPath})\n`);
  } else if (from.resourceFieldRef != null) {
    const ref = from.resourceFieldRef;
    let value = resourceFieldValue(container, ref.resource, ref.divisor);
    if (value === '0' && (ref.resource === 'limits.cpu' || ref.resource === 'limits.memory')) {
      value = 'node allocatable';
    }
    w.write(LEVEL_3, `${e.name}:\t${value} (${ref.resource})\n`);
  } else if (from.secretKeyRef != null) {
    const ref = from.secretKeyRef;
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${ref.key}' in secret '${ref.name ?? ''}'>\t` +
        `Optional: ${ref.optional === true}\n`,
    );
  } else if (from.configMapKeyRef != null) {
    const ref = from.configMapKeyRef;
    w.write(
      LEVEL_3,
      `${e.name}:\t<set to the key '${ref.key}' of config map '${ref.name ?? ''}'>\t` +
        `Optional: ${ref.optional === true}\n`,
    );
  }
}

/** describeContainerEnvVars. */
export function describeEnv(w: PrefixWriter, pod: Pod | null, container: Container): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) describeEnvVar(w, pod, container, e);
}
