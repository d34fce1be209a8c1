/**
 * Pod volumes and container volume mounts. Mirrors ValidateVolumes, validateVolumeSource (for the
 * sources podsim models: emptyDir, hostPath, secret, configMap, persistentVolumeClaim),
 * validateKeyToPath, ValidateVolumeMounts, validateLocalDescendingPath and validatePathNoBacksteps
 * in pkg/apis/core/validation/validation.go. Other sources are counted (one source per volume)
 * but their contents are not checked.
 */
import type { Container, KeyToPath, Volume } from 'kubernetes-types/core/v1.js';
import { isDNS1123Label } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import { volumeSourceShapes } from './podShapes.js';
import { parseQuantityStrict } from './quantity.js';
import type { Report } from './report.js';

/** The child names validateVolumeSource reports "more than 1 volume type" at (typos included). */
const FORBIDDEN_PATH_NAME: Readonly<Record<string, string>> = {
  gcePersistentDisk: 'gcePersistentDisk',
  cephfs: 'cephFS',
  downwardAPI: 'downwarAPI',
};
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

/** validatePathNoBacksteps */
function noBacksteps(p: string, path: FieldPath, r: Report, at?: FieldPath): void {
  if (p.split('/').includes('..')) r.invalid(path, p, "must not contain '..'", at);
}

/** validateLocalDescendingPath */
function localDescending(p: string, path: FieldPath, r: Report, at?: FieldPath): void {
  if (p.startsWith('/')) r.invalid(path, p, 'must be a relative path', at);
  noBacksteps(p, path, r, at);
}

function validateMode(mode: number | undefined, path: FieldPath, r: Report): void {
  if (mode !== undefined && (mode < 0 || mode > 0o777)) r.invalid(path, mode, FILE_MODE_ERROR);
}

function validateItems(items: KeyToPath[] | undefined, path: FieldPath, r: Report): void {
  (items ?? []).forEach((kp, i) => {
    const p = child(path, 'items', i);
    if (!kp.key) r.required(child(p, 'key'));
    if (!kp.path) r.required(child(p, 'path'));
    // ValidateLocalNonReservedPath
    const kpPath = kp.path ?? '';
    localDescending(kpPath, child(p, 'path'), r);
    if (kpPath.startsWith('..') && !kpPath.startsWith('../')) {
      r.invalid(child(p, 'path'), kpPath, "must not start with '..'");
    }
    validateMode(kp.mode, child(p, 'mode'), r);
  });
}

function validateSource(v: Volume, path: FieldPath, r: Report): void {
  const holder = v as unknown as Record<string, unknown>;
  let n = 0;
  for (const [name] of volumeSourceShapes) {
    if (holder[name] === undefined) continue;
    if (n++ > 0) {
      const shown = FORBIDDEN_PATH_NAME[name] ?? name;
      r.forbidden(child(path, shown), 'may not specify more than 1 volume type');
      continue;
    }
    validateOneSource(v, name, child(path, name), r);
  }
  if (n === 0) r.required(path, 'must specify a volume type');
}

function validateOneSource(v: Volume, name: string, p: FieldPath, r: Report): void {
  switch (name) {
    case 'emptyDir': {
      const limit = v.emptyDir?.sizeLimit;
      if (limit === undefined) return;
      const parsed = parseQuantityStrict(limit);
      if ('error' in parsed) r.invalid(child(p, 'sizeLimit'), limit, parsed.error);
      else if (parsed.quantity.nano < 0n) {
        r.forbidden(child(p, 'sizeLimit'), 'SizeLimit field must be a valid resource quantity');
      }
      return;
    }
    case 'hostPath': {
      const hp = v.hostPath!;
      if (!hp.path) return r.required(child(p, 'path'));
      noBacksteps(hp.path, child(p, 'path'), r);
      if (hp.type !== undefined && !HOST_PATH_TYPES.includes(hp.type)) {
        r.notSupported(child(p, 'type'), hp.type, HOST_PATH_TYPES);
      }
      return;
    }
    case 'secret':
      if (!v.secret!.secretName) r.required(child(p, 'secretName'));
      validateMode(v.secret!.defaultMode, child(p, 'defaultMode'), r);
      return validateItems(v.secret!.items, p, r);
    case 'configMap':
      if (!v.configMap!.name) r.required(child(p, 'name'));
      validateMode(v.configMap!.defaultMode, child(p, 'defaultMode'), r);
      return validateItems(v.configMap!.items, p, r);
    case 'persistentVolumeClaim':
      if (!v.persistentVolumeClaim!.claimName) r.required(child(p, 'claimName'));
      return;
  }
}

/** ValidateVolumes: returns the names of the valid volumes (mounts of invalid ones are Not found). */
export function validateVolumes(
  volumes: Volume[] | undefined,
  path: FieldPath,
  r: Report,
): Set<string> {
  const names = new Set<string>();
  (volumes ?? []).forEach((v, i) => {
    const p = child(path, i);
    const before = r.count;
    validateSource(v, p, r);
    const name = v.name ?? '';
    if (!name) r.required(child(p, 'name'));
    else r.invalidEach(child(p, 'name'), name, isDNS1123Label(name));
    if (names.has(name)) r.duplicate(child(p, 'name'), name);
    if (r.count === before) names.add(name);
  });
  return names;
}

const MOUNT_PROPAGATION = ['Bidirectional', 'HostToContainer', 'None'];

/** ValidateVolumeMounts; subPath errors sit at `volumeMounts.subPath`, without the index, as upstream. */
export function validateVolumeMounts(
  c: Container,
  volumes: Set<string>,
  path: FieldPath,
  r: Report,
): void {
  const mountPoints = new Set<string>();
  (c.volumeMounts ?? []).forEach((m, i) => {
    const p = child(path, i);
    const name = m.name ?? '';
    const mountPath = m.mountPath ?? '';
    if (!name) r.required(child(p, 'name'));
    if (!volumes.has(name)) r.notFound(child(p, 'name'), name);
    if (!mountPath) r.required(child(p, 'mountPath'));
    if (mountPoints.has(mountPath)) r.invalid(child(p, 'mountPath'), mountPath, 'must be unique');
    mountPoints.add(mountPath);
    if (m.subPath) localDescending(m.subPath, child(path, 'subPath'), r, child(p, 'subPath'));
    if (m.subPathExpr) {
      if (m.subPath) {
        r.invalid(
          child(p, 'subPathExpr'),
          m.subPathExpr,
          'subPathExpr and subPath are mutually exclusive',
        );
      }
      localDescending(m.subPathExpr, child(path, 'subPathExpr'), r, child(p, 'subPathExpr'));
    }
    if (m.mountPropagation !== undefined) {
      const mp = child(path, 'mountPropagation');
      if (!MOUNT_PROPAGATION.includes(m.mountPropagation)) {
        r.notSupported(mp, m.mountPropagation, MOUNT_PROPAGATION);
      } else if (m.mountPropagation === 'Bidirectional') {
        const sc = c.securityContext as { privileged?: boolean } | null | undefined;
        if (sc?.privileged !== true) {
          r.forbidden(
            mp,
            'Bidirectional mount propagation is available only to privileged containers',
          );
        }
      }
    }
  });
}
