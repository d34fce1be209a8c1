import { describe, expect, it } from 'vitest';
import { defaultPullPolicy, normaliseImage } from '../../src/spec/manifest/index.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('normaliseImage (distribution/reference ParseNormalizedNamed + parsers.ParseImageName)', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx', 'latest', 'docker.io/library/nginx:latest'],
    ['nginx:1.20.1', 'docker.io/library/nginx', '1.20.1', 'docker.io/library/nginx:1.20.1'],
    ['soscscs/myapp:v1', 'docker.io/soscscs/myapp', 'v1', 'docker.io/soscscs/myapp:v1'],
    ['k8s.gcr.io/goproxy:0.1', 'k8s.gcr.io/goproxy', '0.1', 'k8s.gcr.io/goproxy:0.1'],
    [
      'registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx',
      'registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx',
      'latest',
      'registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx:latest',
    ],
    [
      'localhost:5000/team/app:dev',
      'localhost:5000/team/app',
      'dev',
      'localhost:5000/team/app:dev',
    ],
    [
      'index.docker.io/library/redis:7',
      'docker.io/library/redis',
      '7',
      'docker.io/library/redis:7',
    ],
    ['localhost/app', 'localhost/app', 'latest', 'localhost/app:latest'],
  ])('%s → %s', (ref, name, tag, full) => {
    expect(normaliseImage(ref)).toEqual({ ok: true, name, tag, full });
  });

  it('keeps a digest, with no default tag when only a digest is given', () => {
    expect(normaliseImage(`nginx@${DIGEST}`)).toEqual({
      ok: true,
      name: 'docker.io/library/nginx',
      digest: DIGEST,
      full: `docker.io/library/nginx@${DIGEST}`,
    });
    expect(normaliseImage(`nginx:1.25@${DIGEST}`)).toEqual({
      ok: true,
      name: 'docker.io/library/nginx',
      tag: '1.25',
      digest: DIGEST,
      full: `docker.io/library/nginx:1.25@${DIGEST}`,
    });
  });

  it.each([
    ['Nginx', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['nginx:', 'invalid reference format'],
    ['nginx:1.0 ', 'invalid reference format'],
    ['', 'repository name must have at least one component'],
    [
      'a'.repeat(64),
      `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    ],
    ['nginx@sha256:abcd', 'invalid reference format'],
    [`nginx@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [`a/${'b'.repeat(260)}`, 'repository name must not be more than 255 characters'],
  ])('rejects %j: %s', (ref, error) => {
    expect(normaliseImage(ref)).toEqual({ ok: false, error });
  });
});

describe('defaultPullPolicy (SetDefaults_Container)', () => {
  it('is Always for latest or no tag, IfNotPresent otherwise and for references that do not parse', () => {
    expect(defaultPullPolicy('busybox')).toBe('Always');
    expect(defaultPullPolicy('busybox:latest')).toBe('Always');
    expect(defaultPullPolicy(`busybox:latest@${DIGEST}`)).toBe('Always');
    expect(defaultPullPolicy(`busybox@${DIGEST}`)).toBe('IfNotPresent');
    expect(defaultPullPolicy('busybox:1.28')).toBe('IfNotPresent');
    expect(defaultPullPolicy('Busybox')).toBe('IfNotPresent');
  });
});
