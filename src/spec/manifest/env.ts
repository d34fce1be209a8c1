/**
 * Container environment. Mirrors ValidateEnv, validateEnvVarValueFrom, validateObjectFieldSelector,
 * validateContainerResourceFieldSelector, ValidateEnvFrom, validateConfigMapKeySelector and
 * validateSecretKeySelector in pkg/apis/core/validation/validation.go, and
 * ConvertDownwardAPIFieldLabel in pkg/apis/core/pods/helpers.go.
 */
import type { EnvFromSource, EnvVar, ObjectFieldSelector } from 'kubernetes-types/core/v1.js';
import { isConfigMapKey, isEnvVarName, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';

/** validEnvDownwardAPIFieldPathExpressions, sorted as sets.List prints them. */
const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** Labels ConvertDownwardAPIFieldLabel accepts for pods (v1). */
const CONVERTIBLE = new Set([
  'metadata.annotations',
  'metadata.labels',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.restartPolicy',
  'spec.serviceAccountName',
  'spec.schedulerName',
  'status.phase',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
]);
const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → ['metadata.labels', 'app']. */
function splitSubscript(fp: string): [string, string] | undefined {
  if (!fp.endsWith("']")) return undefined;
  const s = fp.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

function validateFieldRef(ref: ObjectFieldSelector, path: FieldPath, r: Report): void {
  if (!ref.apiVersion) return r.required(child(path, 'apiVersion'));
  if (!ref.fieldPath) return r.required(child(path, 'fieldPath'));
  const fp = ref.fieldPath;
  const fpPath = child(path, 'fieldPath');
  if (ref.apiVersion !== 'v1') {
    return r.invalid(
      fpPath,
      fp,
      `error converting fieldPath: unsupported pod version: ${ref.apiVersion}`,
    );
  }
  const sub = splitSubscript(fp);
  if (sub) {
    const [base, subscript] = sub;
    if (base === 'metadata.annotations') {
      const k = subscript.toLowerCase();
      r.invalidEach(path, k, isQualifiedName(k));
    } else if (base === 'metadata.labels') {
      r.invalidEach(path, subscript, isQualifiedName(subscript));
    } else {
      const msg = `error converting fieldPath: field label does not support subscript: ${fp}`;
      r.invalid(fpPath, fp, msg);
    }
    return;
  }
  const label = fp === 'spec.host' ? 'spec.nodeName' : fp;
  if (!CONVERTIBLE.has(label)) {
    return r.invalid(fpPath, fp, `error converting fieldPath: field label not supported: ${fp}`);
  }
  if (!ENV_FIELD_PATHS.includes(label)) r.notSupported(fpPath, label, ENV_FIELD_PATHS);
}

function validateKeySelector(
  sel: { name?: string; key?: string },
  path: FieldPath,
  r: Report,
): void {
  // The name is checked as a DNS subdomain even when empty, so a missing name gets the regex message.
  r.invalidEach(child(path, 'name'), sel.name ?? '', nameIsDNSSubdomain(sel.name ?? ''));
  if (!sel.key) r.required(child(path, 'key'));
  else r.invalidEach(child(path, 'key'), sel.key, isConfigMapKey(sel.key));
}

function validateValueFrom(ev: EnvVar, path: FieldPath, r: Report): void {
  const from = ev.valueFrom;
  if (!from) return;
  let n = 0;
  if (from.fieldRef) {
    n++;
    validateFieldRef(from.fieldRef, child(path, 'fieldRef'), r);
  }
  if (from.resourceFieldRef) {
    n++;
    const res = from.resourceFieldRef.resource ?? '';
    const p = child(path, 'resourceFieldRef', 'resource');
    if (!res) r.required(p);
    else if (!RESOURCE_FIELDS.includes(res) && !/^(requests|limits)\.hugepages-/.test(res)) {
      r.notSupported(p, res, RESOURCE_FIELDS);
    }
  }
  for (const f of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const sel = from[f];
    if (!sel) continue;
    n++;
    validateKeySelector(sel, child(path, f), r);
  }
  if (n === 0) {
    r.invalid(
      path,
      '',
      'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    );
  } else if (ev.value) {
    r.invalid(path, '', 'may not be specified when `value` is not empty');
  } else if (n > 1) {
    r.invalid(path, '', 'may not have more than one field specified at a time');
  }
}

export function validateEnv(env: EnvVar[] | undefined, path: FieldPath, r: Report): void {
  (env ?? []).forEach((ev, i) => {
    const p = child(path, i);
    if (!ev.name) r.required(child(p, 'name'));
    else r.invalidEach(child(p, 'name'), ev.name, isEnvVarName(ev.name));
    validateValueFrom(ev, child(p, 'valueFrom'), r);
  });
}

export function validateEnvFrom(
  sources: EnvFromSource[] | undefined,
  path: FieldPath,
  r: Report,
): void {
  (sources ?? []).forEach((src, i) => {
    const p = child(path, i);
    if (src.prefix) r.invalidEach(child(p, 'prefix'), src.prefix, isEnvVarName(src.prefix));
    let n = 0;
    for (const f of ['configMapRef', 'secretRef'] as const) {
      const ref = src[f];
      if (!ref) continue;
      n++;
      const np = child(p, f, 'name');
      if (!ref.name) r.required(np);
      else r.invalidEach(np, ref.name, nameIsDNSSubdomain(ref.name, true));
    }
    // Reported at envFrom itself (fldPath, not the index) upstream; located at the entry.
    if (n === 0) r.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`', p);
    else if (n > 1) r.invalid(path, '', 'may not have more than one field specified at a time', p);
  });
}
