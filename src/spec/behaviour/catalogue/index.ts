/**
 * The image catalogue: what podsim assumes about well-known images, and how an image reference
 * finds its entry. Matching ignores the registry host (mirrors such as
 * `registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx` are assumed to hold the image they are
 * named after) unless the pattern names one; the first matching entry wins, so entries limited
 * to some tags come before the general entry of the same repository.
 */
import { parseImageRef, repositoryMatches } from './imageRef.js';
import type { CatalogueEntry } from './types.js';
import { ALPINE, BUSYBOX, CENTOS, DEBIAN, GOPROXY, LIVENESS } from './base.js';
import { MYSQL, REDIS } from './data.js';
import { HTTPD, MYAPP, NGINX, TOMCAT, TOMCAT_LEGACY } from './web.js';

export type { CatalogueEntry, CatalogueExec, RequiredEnv, ServerFamily } from './types.js';
export { parseImageRef } from './imageRef.js';
export type { ImageRef } from './imageRef.js';
export { isLegacyTomcatTag } from './web.js';

export const IMAGE_CATALOGUE: ReadonlyArray<CatalogueEntry> = Object.freeze([
  NGINX,
  MYAPP,
  HTTPD,
  TOMCAT_LEGACY,
  TOMCAT,
  REDIS,
  MYSQL,
  BUSYBOX,
  CENTOS,
  DEBIAN,
  ALPINE,
  LIVENESS,
  GOPROXY,
]);

/** The catalogue entry describing `image`, or undefined when podsim knows nothing about it. */
export function catalogueEntryFor(image: string): CatalogueEntry | undefined {
  if (typeof image !== 'string' || image.trim() === '') return undefined;
  const ref = parseImageRef(image);
  for (const entry of IMAGE_CATALOGUE) {
    if (!entry.repositories.some((p) => repositoryMatches(p, ref))) continue;
    // A pinned digest without a tag says nothing about the version: take the general entry.
    if (entry.tags && (ref.tag === undefined || !entry.tags.matches(ref.tag))) continue;
    return entry;
  }
  return undefined;
}

/** Catalogue entries whose binaries include `program` (a path or a file name). */
export function entriesForBinary(program: string): CatalogueEntry[] {
  const base = program.slice(program.lastIndexOf('/') + 1);
  return IMAGE_CATALOGUE.filter((e) =>
    e.binaries.some((b) => b === program || b.slice(b.lastIndexOf('/') + 1) === base),
  );
}
