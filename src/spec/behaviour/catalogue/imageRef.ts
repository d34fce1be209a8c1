/**
 * Image references as the container runtime reads them, reduced to what catalogue matching needs:
 * registry host, repository path, tag. `registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx:1.20.1`
 * is host `registry.cn-chengdu.aliyuncs.com`, path `liumuquan_app/nginx`, tag `1.20.1`.
 */

export interface ImageRef {
  /** Registry host, or undefined for Docker Hub. */
  host?: string;
  /** Repository path without Docker Hub's implicit `library/` prefix, lower-cased. */
  path: string;
  /** Tag (`latest` when none is given and there is no digest). */
  tag?: string;
  digest?: string;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The first component is a registry host when it contains a dot or a colon or is `localhost`:
 * that is the rule of the reference grammar the runtimes share (distribution/reference).
 */
function isHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

export function parseImageRef(image: string): ImageRef {
  let rest = image.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let host: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0 && isHost(rest.slice(0, slash))) {
    host = rest.slice(0, slash).toLowerCase();
    rest = rest.slice(slash + 1);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (host !== undefined && DOCKER_HUB_HOSTS.has(host)) host = undefined;
  let path = rest.toLowerCase();
  if (host === undefined && path.startsWith('library/')) path = path.slice('library/'.length);
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { host, path, tag, digest };
}

/** Whether a catalogue repository pattern (see CatalogueEntry.repositories) matches a reference. */
export function repositoryMatches(pattern: string, ref: ImageRef): boolean {
  const p = parseImageRef(pattern);
  if (p.host !== undefined) return p.host === ref.host && p.path === ref.path;
  if (p.path.startsWith('*/')) return ref.path.endsWith(p.path.slice(1));
  return p.path === ref.path;
}
