/**
 * Helpers for the manifest specifications: load YAML text as a file named `m.yaml` and read the
 * errors in `file:line:col: path: message` form.
 */
import { formatInputError } from '../../src/spec/errors.js';
import { loadManifestDocs } from '../../src/spec/manifest/index.js';
import type { LoadedObject, ManifestOptions } from '../../src/spec/manifest/index.js';
import { parseYamlFile } from '../../src/spec/yamlSource.js';

export interface Loaded {
  objects: LoadedObject[];
  errors: string[];
}

export function load(text: string, options?: Partial<ManifestOptions>, file = 'm.yaml'): Loaded {
  const parsed = parseYamlFile(text, file);
  const loaded = loadManifestDocs(parsed.docs, options);
  return {
    objects: loaded.objects,
    errors: [...parsed.errors, ...loaded.errors].map(formatInputError),
  };
}

/** The single object of a manifest that must load cleanly. */
export function loadOne(text: string): LoadedObject {
  const { objects, errors } = load(text);
  if (errors.length > 0) throw new Error(`unexpected errors:\n${errors.join('\n')}`);
  if (objects.length !== 1) throw new Error(`expected one object, got ${objects.length}`);
  return objects[0]!;
}

/** The errors of a manifest that must not load. */
export function errorsOf(text: string, options?: Partial<ManifestOptions>): string[] {
  const { objects, errors } = load(text, options);
  if (objects.length > 0) throw new Error('expected the object to be rejected');
  return errors;
}

/** A Pod manifest around the given container lines (indented for `spec.containers`). */
export function pod(specLines: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${specLines}`;
}
