/**
 * Loading manifest documents as `kubectl apply -f` would submit them, and as the API server would
 * store them: each document (or each item of a `kind: List`, as kubectl flattens lists) is checked
 * for kind and apiVersion, decoded, defaulted and validated. Every error of every object is
 * collected; an object with any error is left out of `objects`, as the server would reject it.
 */
import { isDeepStrictEqual } from 'node:util';
import type { InputError } from '../errors.js';
import type { SourceDoc } from '../yamlSource.js';
import { admit, isManifestKind, KINDS, MANIFEST_KINDS } from './kinds.js';
import type { KindObjects, ManifestKind, ManifestOptions } from './kinds.js';
import { Report } from './report.js';
import { decode, isObject } from './shape.js';
import { checkKnownFields } from './strictFields.js';

type Position = { line: number; col: number };

/** One object as the API server would store it, with where it came from. */
export type LoadedObject = {
  [K in ManifestKind]: {
    kind: K;
    /** The object after API defaulting: plain JSON, no undefined-valued keys, no unknown fields. */
    object: KindObjects[K];
    /** The object as written (before defaulting), for traces that keep inputs as given. */
    raw: unknown;
    file: string;
    /** Where the object starts. */
    line: number;
    col: number;
    /** Line and column of a field of this object (or of its nearest written ancestor). */
    locate(path: ReadonlyArray<string | number>): Position;
  };
}[ManifestKind];

/** kube-apiserver's default --service-node-port-range. */
export const DEFAULT_NODE_PORT_RANGE: readonly [number, number] = [30000, 32767];
const SCENARIO_API_VERSION = 'podsim/v1alpha1';
/** Lists inside lists are flattened, to a sane depth. */
const MAX_LIST_DEPTH = 8;

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

export function loadManifestDocs(
  docs: SourceDoc[],
  options?: Partial<ManifestOptions>,
): { objects: LoadedObject[]; errors: InputError[] } {
  const opts: ManifestOptions = {
    nodePortRange: options?.nodePortRange ?? [
      DEFAULT_NODE_PORT_RANGE[0],
      DEFAULT_NODE_PORT_RANGE[1],
    ],
  };
  const objects: LoadedObject[] = [];
  const errors: InputError[] = [];
  const load = (
    doc: SourceDoc,
    value: unknown,
    base: Array<string | number>,
    depth: number,
  ): void => {
    if (value === null || value === undefined) return; // an empty document
    const r = new Report(doc.file, doc.locate, base);
    const obj = loadOne(value, r, opts, (items) => {
      if (depth >= MAX_LIST_DEPTH) {
        return r.add(['items'], `lists nested deeper than ${MAX_LIST_DEPTH} are not accepted`);
      }
      items.forEach((item, i) => load(doc, item, [...base, 'items', i], depth + 1));
    });
    errors.push(...r.errors);
    if (!obj) return;
    const at = (p: ReadonlyArray<string | number>): Position => doc.locate([...base, ...p]);
    const start = at([]);
    const loaded = {
      ...obj,
      raw: value,
      file: doc.file,
      line: start.line,
      col: start.col,
      locate: at,
    };
    objects.push(loaded as LoadedObject);
  };
  for (const doc of docs) load(doc, doc.value, [], 0);
  return samePodsOnce(objects, errors);
}

/**
 * A Pod given twice in one apply: `kubectl apply` creates it, then finds the second the same
 * ("unchanged"), or applies it as an update of the running pod (a new image restarts its
 * container; most other spec fields are refused as immutable). podsim keeps one copy of a repeat
 * and refuses a different second definition: it does not model a pod updated in place.
 */
function samePodsOnce(
  objects: LoadedObject[],
  errors: InputError[],
): { objects: LoadedObject[]; errors: InputError[] } {
  const first = new Map<string, LoadedObject>();
  const kept: LoadedObject[] = [];
  for (const o of objects) {
    const seen = o.kind === 'Pod' ? first.get(podName(o)) : undefined;
    if (seen === undefined) {
      if (o.kind === 'Pod') first.set(podName(o), o);
      kept.push(o);
      continue;
    }
    const e = redefinedPod(
      o,
      seen,
      (pod, at) =>
        `a second, different Pod "${pod}" (the first is at ${at}): podsim does not model updating a pod in place; give each pod once`,
    );
    if (e) errors.push(e);
  }
  return { objects: kept, errors };
}

/** `namespace/name` of a loaded object. */
export function podName(o: LoadedObject): string {
  return `${o.object.metadata?.namespace ?? 'default'}/${o.object.metadata?.name}`;
}

/**
 * The error for Pod `o` when `before` defines the same pod otherwise (located at `o`'s name;
 * `say` words it from the pod's name and where `before` is), or undefined when they are the
 * same. Field order does not matter: kubectl's three-way merge finds no change.
 */
export function redefinedPod(
  o: LoadedObject,
  before: LoadedObject | undefined,
  say: (pod: string, first: string) => string,
): InputError | undefined {
  if (before === undefined || isDeepStrictEqual(before.object, o.object)) return undefined;
  return {
    file: o.file,
    ...o.locate(['metadata', 'name']),
    path: 'metadata.name',
    message: say(podName(o), `${before.file}:${before.line}:${before.col}`),
  };
}

/** Checks kind and apiVersion, then decodes and admits one object; lists go to `onList`. */
function loadOne(
  value: unknown,
  r: Report,
  opts: ManifestOptions,
  onList: (items: unknown[]) => void,
): Pick<LoadedObject, 'kind' | 'object'> | undefined {
  if (!isObject(value)) {
    r.add(
      [],
      `not a Kubernetes manifest: the document is ${describe(value)}, not an object with apiVersion and kind`,
    );
    return undefined;
  }
  const { kind, apiVersion } = value;
  if ((kind === undefined || kind === null) && (apiVersion === undefined || apiVersion === null)) {
    r.add([], 'not a Kubernetes manifest: apiVersion and kind are not set');
    return undefined;
  }
  if (kind === undefined || kind === null || kind === '') return void r.required(['kind']);
  if (typeof kind !== 'string') return void r.typeError(['kind'], kind, 'a string');
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') {
    return void r.required(['apiVersion']);
  }
  if (typeof apiVersion !== 'string') {
    return void r.typeError(['apiVersion'], apiVersion, 'a string');
  }
  if (kind === 'Scenario') {
    // The scenario is read by its own loader; only its apiVersion is checked here.
    if (apiVersion !== SCENARIO_API_VERSION) {
      r.notSupported(['apiVersion'], apiVersion, [SCENARIO_API_VERSION]);
    }
    return undefined;
  }
  if (kind === 'List') {
    if (apiVersion !== 'v1') return void r.notSupported(['apiVersion'], apiVersion, ['v1']);
    const items = value.items;
    if (items === undefined || items === null) return undefined;
    if (!Array.isArray(items)) return void r.typeError(['items'], items, 'an array');
    onList(items);
    return undefined;
  }
  if (!isManifestKind(kind)) {
    return void r.invalid(['kind'], kind, `podsim supports ${MANIFEST_KINDS.join(', ')}`);
  }
  const handler = KINDS[kind];
  if (apiVersion !== handler.apiVersion) {
    return void r.notSupported(['apiVersion'], apiVersion, [handler.apiVersion]);
  }
  checkKnownFields(kind, value, r);
  const object = decode(value, handler.shape, [], r) as KindObjects[typeof kind];
  const ok = admit(kind, object, r, opts);
  return ok && r.count === 0
    ? ({ kind, object } as Pick<LoadedObject, 'kind' | 'object'>)
    : undefined;
}
