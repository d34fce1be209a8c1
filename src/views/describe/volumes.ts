/**
 * The Volumes section of `kubectl describe pod`. Mirrors describe.go describeVolumes and the
 * print…VolumeSource helpers of kubectl v1.31 (projected sources still print
 * `ConfigMapOptional:` / `SecretOptionalName:`; the `Sources:` layout came in v1.33).
 *
 * Covered: hostPath, emptyDir, secret, configMap, nfs, persistentVolumeClaim, downwardAPI,
 * projected and csi. Other (mostly cloud-provider) sources print `<unknown>`, which is what
 * kubectl prints for a source it has no printer for.
 */
import type { Volume } from 'kubernetes-types/core/v1.js';
import { goSort } from '../goSort.js';
import { goStringLess } from '../goText.js';
import { canonicalQuantity, parseQuantity } from '../quantity.js';
import { MAX_ANNOTATION_LEN, shorten } from './multiline.js';
import type { PrefixWriter } from './prefixWriter.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3 } from './prefixWriter.js';

/** fmt's %v of a *bool: `<nil>` when unset (v1.31 prints the pointer, kubectl#1694). */
const optionalPointer = (v: boolean | undefined): string => (v === undefined ? '<nil>' : String(v));

function describeSource(w: PrefixWriter, v: Volume): void {
  if (v.hostPath != null) {
    // The API server defaults hostPath.type to "" (HostPathUnset).
    w.write(
      LEVEL_2,
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n` +
        `    HostPathType:\t${v.hostPath.type ?? ''}\n`,
    );
  } else if (v.emptyDir != null) {
    const limit = v.emptyDir.sizeLimit;
    const q = limit === undefined ? undefined : parseQuantity(limit);
    const sizeLimit = q !== undefined && q.nanos > 0n ? canonicalQuantity(limit!) : '<unset>';
    w.write(
      LEVEL_2,
      `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n` +
        `    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`,
    );
  } else if (v.secret != null) {
    w.write(
      LEVEL_2,
      `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n` +
        `    Optional:\t${v.secret.optional === true}\n`,
    );
  } else if (v.configMap != null) {
    w.write(
      LEVEL_2,
      `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n` +
        `    Optional:\t${v.configMap.optional === true}\n`,
    );
  } else if (v.nfs != null) {
    w.write(
      LEVEL_2,
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n` +
        `    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`,
    );
  } else if (v.persistentVolumeClaim != null) {
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n` +
        `    ClaimName:\t${v.persistentVolumeClaim.claimName}\n` +
        `    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`,
    );
  } else if (v.downwardAPI != null) {
    w.write(
      LEVEL_2,
      'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n',
    );
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef != null) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef != null) {
        w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    }
  } else if (v.projected != null) {
    describeProjected(w, v);
  } else if (v.csi != null) {
    w.write(
      LEVEL_2,
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n` +
        `    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`,
    );
    describeCsiAttributes(w, v.csi.volumeAttributes ?? {});
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

function describeProjected(w: PrefixWriter, v: Volume): void {
  w.write(
    LEVEL_2,
    'Type:\tProjected (a volume that contains injected data from multiple sources)\n',
  );
  for (const source of v.projected!.sources ?? []) {
    if (source.secret != null) {
      w.write(
        LEVEL_2,
        `SecretName:\t${source.secret.name ?? ''}\n` +
          `    SecretOptionalName:\t${optionalPointer(source.secret.optional)}\n`,
      );
    } else if (source.downwardAPI != null) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap != null) {
      w.write(
        LEVEL_2,
        `ConfigMapName:\t${source.configMap.name ?? ''}\n` +
          `    ConfigMapOptional:\t${optionalPointer(source.configMap.optional)}\n`,
      );
    } else if (source.serviceAccountToken != null) {
      // SetDefaults_ServiceAccountTokenProjection: one hour.
      const seconds = source.serviceAccountToken.expirationSeconds ?? 3600;
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${seconds}\n`);
    }
  }
}

/** printCSIPersistentVolumeAttributesMultiline, including its doubled indentation. */
function describeCsiAttributes(
  w: PrefixWriter,
  attributes: Readonly<Record<string, string>>,
): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = goSort(Object.keys(attributes), goStringLess);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes[key]}`;
    w.write(LEVEL_2, `${shorten(line, MAX_ANNOTATION_LEN)}\n`);
  });
}

/** describeVolumes; a pod template's (space "  ") names move one space right. */
export function describeVolumes(
  w: PrefixWriter,
  volumes: readonly Volume[] | undefined,
  space = '',
): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const volume of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${volume.name}:\n`);
    describeSource(w, volume);
  }
}
