/**
 * Image references, normalised the way the kubelet and the API server's defaulting see them.
 * Mirrors github.com/distribution/reference (normalize.go ParseNormalizedNamed, regexp.go,
 * reference.go Parse) as used by pkg/util/parsers/parsers.go ParseImageName, which adds the
 * default tag `latest` when neither a tag nor a digest is given.
 *
 * `nginx` → `docker.io/library/nginx:latest`; `soscscs/myapp:v1` → `docker.io/soscscs/myapp:v1`;
 * `registry.example.com:5000/team/app@sha256:…` keeps its registry and digest.
 */
import { memoByText } from '../../model/memoByText.js';

export type NormalisedImage =
  | {
      readonly ok: true;
      /** Registry and repository, e.g. `docker.io/library/nginx`. */
      readonly name: string;
      /** The tag, `latest` when the reference had neither tag nor digest. */
      readonly tag?: string;
      readonly digest?: string;
      /** `name[:tag][@digest]`, e.g. `docker.io/library/nginx:latest`. */
      readonly full: string;
    }
  | { readonly ok: false; readonly error: string };

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const host = `(?:${domainNameComponent}(?:\\.${domainNameComponent})*|${ipv6address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const tagPat = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const referenceRe = new RegExp(
  `^((?:${domainAndPort}/)?${remoteName})(?::(${tagPat}))?(?:@(${digestPat}))?$`,
);
const anchoredIdentifierRe = /^[a-f0-9]{64}$/;

/** Hex lengths of the digest algorithms go-digest can verify. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** splitDockerDomain (normalize.go). */
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) {
    remainder = OFFICIAL_REPO_PREFIX + remainder;
  }
  return [domain, remainder];
}

function checkDigest(digest: string): string | undefined {
  const [algorithm, hex] = digest.split(':') as [string, string];
  const want = DIGEST_HEX_LENGTH[algorithm];
  if (want === undefined || !Object.hasOwn(DIGEST_HEX_LENGTH, algorithm)) {
    return 'unsupported digest algorithm';
  }
  if (hex.length !== want) return 'invalid checksum digest length';
  if (!/^[a-f0-9]+$/.test(hex)) return 'invalid checksum digest format';
  return undefined;
}

/** Parses and normalises an image reference; errors use distribution/reference's wording. */
export const normaliseImage = memoByText(parseImageRef);

function parseImageRef(ref: string): NormalisedImage {
  if (anchoredIdentifierRe.test(ref)) {
    return {
      ok: false,
      error: `invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`,
    };
  }
  const [domain, remainder] = splitDockerDomain(ref);
  const tagSep = remainder.indexOf(':');
  const repo = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (repo.toLowerCase() !== repo) {
    return {
      ok: false,
      error: `invalid reference format: repository name (${repo}) must be lowercase`,
    };
  }
  const full = `${domain}/${remainder}`;
  const m = referenceRe.exec(full);
  if (!m) {
    if (ref === '') return { ok: false, error: 'repository name must have at least one component' };
    if (referenceRe.test(full.toLowerCase())) {
      return { ok: false, error: 'repository name must be lowercase' };
    }
    return { ok: false, error: 'invalid reference format' };
  }
  const name = m[1]!;
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: 'repository name must not be more than 255 characters' };
  }
  const digest = m[3];
  if (digest !== undefined) {
    const bad = checkDigest(digest);
    if (bad) return { ok: false, error: bad };
  }
  // parsers.ParseImageName: with neither tag nor digest, the tag is "latest".
  const tag = m[2] ?? (digest === undefined ? 'latest' : undefined);
  return {
    ok: true,
    name,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest !== undefined ? { digest } : {}),
    full: `${name}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`,
  };
}

/**
 * The imagePullPolicy the API server defaults (pkg/apis/core/v1/defaults.go SetDefaults_Container):
 * Always when the parsed tag is `latest` (including no tag and no digest), otherwise IfNotPresent;
 * an unparsable reference also gets IfNotPresent (the parse error is ignored there).
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const parsed = normaliseImage(image);
  return parsed.ok && parsed.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
