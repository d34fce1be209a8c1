/**
 * ConfigMap, Secret and Namespace. Mirrors ValidateConfigMap, ValidateSecret and ValidateNamespace
 * in pkg/apis/core/validation/validation.go, SetDefaults_Secret and SetDefaults_Namespace in
 * pkg/apis/core/v1/defaults.go, and the v1 → internal Secret conversion that merges `stringData`
 * into `data` (pkg/apis/core/v1/conversion.go: stringData wins over data).
 *
 * `data` of a Secret and `binaryData` of a ConfigMap are []byte in Go: the JSON decoder rejects a
 * value that is not base64, which podsim reports at the entry.
 */
import type { ConfigMap, Namespace, Secret } from 'kubernetes-types/core/v1.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import { validateFinalizers, validateObjectMeta } from './meta.js';
import { isConfigMapKey, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { child, key } from './path.js';
import type { FieldPath } from './path.js';
import type { Report } from './report.js';
import { setOwn } from './shape.js';

/** core.MaxSecretSize: the total size of a ConfigMap's or Secret's data. */
const MAX_SIZE = 1024 * 1024;
const REDACTED = '<secret contents redacted>';

/** Decoded byte length of each base64 value, reporting those Go would not decode. */
function decodedSizes(
  values: Readonly<Record<string, string>> | undefined,
  path: FieldPath,
  r: Report,
  redact: boolean,
): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(values ?? {})) {
    const d = decodeBase64(v);
    if ('bytes' in d) out.set(k, d.bytes);
    else {
      const shown = redact ? REDACTED : v;
      r.invalid(child(path, key(k)), shown, `illegal base64 data at input byte ${d.errorAt}`);
      out.set(k, new Uint8Array());
    }
  }
  return out;
}

export function validateConfigMap(cm: ConfigMap, r: Report): void {
  validateObjectMeta(cm.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    r.invalidEach(child(['data'], key(k)), k, isConfigMapKey(k));
    total += Buffer.byteLength(v);
  }
  const binary = decodedSizes(cm.binaryData, ['binaryData'], r, false);
  for (const k of Object.keys(cm.binaryData ?? {})) {
    const p = child(['binaryData'], key(k));
    r.invalidEach(p, k, isConfigMapKey(k));
    total += binary.get(k)?.length ?? 0;
    if (Object.hasOwn(cm.data ?? {}, k)) {
      r.invalid(p, k, 'duplicate key in both data and binaryData');
    }
  }
  if (total > MAX_SIZE) r.add([], `Too long: must have at most ${MAX_SIZE} bytes`);
}

export function defaultSecret(s: Secret): void {
  s.type ||= 'Opaque';
}

/**
 * The v1 → internal conversion's merge of stringData into data (stringData wins). Done once the
 * Secret is known valid, so validation can still point at the field each key was written in.
 */
export function mergeStringData(s: Secret): void {
  if (!s.stringData) return;
  const data: Record<string, string> = { ...(s.data ?? {}) };
  for (const [k, v] of Object.entries(s.stringData)) setOwn(data, k, encodeBase64(v));
  s.data = data;
  delete s.stringData;
}

export function validateSecret(s: Secret, r: Report): void {
  validateObjectMeta(s.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  const dataPath: FieldPath = ['data'];
  const bytes = decodedSizes(s.data, dataPath, r, true);
  for (const [k, v] of Object.entries(s.stringData ?? {})) bytes.set(k, Buffer.from(v, 'utf8'));
  let total = 0;
  for (const [k, b] of bytes) {
    // Reported under data (where the merge puts it), located where it was written.
    const at = Object.hasOwn(s.stringData ?? {}, k) ? ['stringData', k] : undefined;
    r.invalidEach(child(dataPath, key(k)), k, isConfigMapKey(k), at);
    total += b.length;
  }
  if (total > MAX_SIZE) r.add(dataPath, `Too long: must have at most ${MAX_SIZE} bytes`);
  validateSecretType(s, bytes, r);
}

/**
 * Why `json.Unmarshal(text, &map[string]interface{}{})` fails, in encoding/json's words for the
 * common cases (empty input, a bad first character, a value that is not an object).
 */
function goJSONObjectError(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const first = text.trimStart()[0];
    if (first === undefined) return 'unexpected end of JSON input';
    if (!'{["-0123456789tfn'.includes(first)) {
      return `invalid character '${first}' looking for beginning of value`;
    }
    return `invalid JSON: ${(e as Error).message}`;
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  const kind = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}

function validateSecretType(s: Secret, data: Map<string, Uint8Array>, r: Report): void {
  const dataKey = (k: string): FieldPath => ['data', key(k)];
  /** Where key `k` was written: in stringData, in data, or (missing) the Secret's type. */
  const where = (k: string): FieldPath | undefined => {
    if (Object.hasOwn(s.stringData ?? {}, k)) return ['stringData', k];
    return Object.hasOwn(s.data ?? {}, k) ? undefined : ['type'];
  };
  const jsonKey = (k: string): void => {
    const b = data.get(k);
    if (!b) return r.required(dataKey(k), undefined, where(k));
    const problem = goJSONObjectError(Buffer.from(b).toString('utf8'));
    if (problem) r.invalid(dataKey(k), REDACTED, problem, where(k));
  };
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        r.required(['metadata', 'annotations', key('kubernetes.io/service-account.name')]);
      }
      return;
    case 'kubernetes.io/dockercfg':
      return jsonKey('.dockercfg');
    case 'kubernetes.io/dockerconfigjson':
      return jsonKey('.dockerconfigjson');
    case 'kubernetes.io/basic-auth':
      // Upstream builds these paths as field.NewPath("data[%s]").Key(...), literally.
      if (!data.has('username') && !data.has('password')) {
        r.required(['data[%s]', key('username')], undefined, ['type']);
        r.required(['data[%s]', key('password')], undefined, ['type']);
      }
      return;
    case 'kubernetes.io/ssh-auth':
      if ((data.get('ssh-privatekey')?.length ?? 0) === 0) {
        r.required(['data[%s]', key('ssh-privatekey')], undefined, ['type']);
      }
      return;
    case 'kubernetes.io/tls':
      if (!data.has('tls.crt')) r.required(dataKey('tls.crt'), undefined, where('tls.crt'));
      if (!data.has('tls.key')) r.required(dataKey('tls.key'), undefined, where('tls.key'));
      return;
  }
}

/** SetDefaults_Namespace: the kubernetes.io/metadata.name label carries the name. */
export function defaultNamespace(ns: Namespace): void {
  const meta = (ns.metadata ??= {});
  if (meta.name) meta.labels = { ...(meta.labels ?? {}), 'kubernetes.io/metadata.name': meta.name };
}

export function validateNamespace(ns: Namespace, r: Report): void {
  validateObjectMeta(ns.metadata ?? {}, false, nameIsDNSLabel, r, nameIsDNSLabel);
  validateFinalizers(ns.spec?.finalizers, ['spec', 'finalizers'], r);
}
