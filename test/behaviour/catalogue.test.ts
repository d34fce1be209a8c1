/**
 * The image catalogue: which images podsim recognises, and what each entry records.
 */
import { describe, expect, test } from 'vitest';
import {
  IMAGE_CATALOGUE,
  catalogueEntryFor,
  parseImageRef,
} from '../../src/spec/behaviour/index.js';
import { isLegacyTomcatTag } from '../../src/spec/behaviour/catalogue/index.js';

const nameOf = (image: string) => catalogueEntryFor(image)?.name;

describe('image references', () => {
  test('split into registry host, repository path and tag as the runtime reads them', () => {
    expect(parseImageRef('registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx:1.20.1')).toEqual({
      host: 'registry.cn-chengdu.aliyuncs.com',
      path: 'liumuquan_app/nginx',
      tag: '1.20.1',
      digest: undefined,
    });
    expect(parseImageRef('docker.io/library/busybox')).toEqual({
      host: undefined,
      path: 'busybox',
      tag: 'latest',
      digest: undefined,
    });
    expect(parseImageRef('localhost:5000/redis@sha256:abc')).toEqual({
      host: 'localhost:5000',
      path: 'redis',
      tag: undefined,
      digest: 'sha256:abc',
    });
  });
});

describe('matching', () => {
  test('ignores registry host and tag: mirrors and demo images built on nginx are nginx', () => {
    expect(nameOf('nginx')).toBe('nginx');
    expect(nameOf('nginx:1.20.2')).toBe('nginx');
    expect(nameOf('registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx:1.20.1')).toBe('nginx');
    expect(nameOf('docker.io/library/nginx@sha256:0123')).toBe('nginx');
    expect(nameOf('soscscs/myapp:v1')).toBe('myapp');
  });

  test('recognises the base images and data stores of the tutorials', () => {
    expect(nameOf('busybox')).toBe('busybox');
    expect(nameOf('k8s.gcr.io/busybox')).toBe('busybox');
    expect(nameOf('busybox:1.28')).toBe('busybox');
    expect(nameOf('centos:7.9.2009')).toBe('centos');
    expect(nameOf('redis')).toBe('redis');
    expect(nameOf('mysql')).toBe('mysql');
    expect(nameOf('httpd:2.4')).toBe('httpd');
  });

  test('the Kubernetes docs images match only on their own registries', () => {
    expect(nameOf('k8s.gcr.io/liveness')).toBe('liveness');
    expect(nameOf('registry.k8s.io/liveness')).toBe('liveness');
    expect(nameOf('k8s.gcr.io/goproxy:0.1')).toBe('goproxy');
    expect(nameOf('someone/liveness')).toBeUndefined();
  });

  test('unknown or empty images have no entry', () => {
    expect(catalogueEntryFor('example.com/team/api:1.2')).toBeUndefined();
    expect(catalogueEntryFor('')).toBeUndefined();
  });
});

describe('tomcat versions', () => {
  test('images built before the default webapps moved to webapps.dist keep ROOT', () => {
    expect(
      ['7.0.94-alpine', '8.0', '8.0.53-jre8', '8.5.49', '9.0.29', '6'].map(isLegacyTomcatTag),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['7', '7.0.99', '8.5.100-jre8', '9.0', '9.0.30', '10.1', 'latest', 'jre8'].map(
        isLegacyTomcatTag,
      ),
    ).toEqual([false, false, false, false, false, false, false, false]);
  });

  test('so tomcat:7.0.94-alpine answers / and tomcat:8.5.100-jre8 does not', () => {
    expect(catalogueEntryFor('tomcat:7.0.94-alpine')?.routes).toEqual([
      { path: '/', status: [{ fromMs: 0, code: 200 }] },
    ]);
    expect(catalogueEntryFor('tomcat:8.5.100-jre8')?.routes).toEqual([]);
    expect(catalogueEntryFor('tomcat@sha256:0123')?.routes).toEqual([]);
  });
});

describe('entries', () => {
  test('document the images the tutorials use, in a fixed order', () => {
    expect(IMAGE_CATALOGUE.map((e) => e.name)).toEqual([
      'nginx',
      'myapp',
      'httpd',
      'tomcat',
      'tomcat',
      'redis',
      'mysql',
      'busybox',
      'centos',
      'debian',
      'alpine',
      'liveness',
      'goproxy',
    ]);
  });

  test.each(IMAGE_CATALOGUE.map((e) => [e.name, e.description, e] as const))(
    '%s: %s',
    (_name, _description, e) => {
      expect(e.repositories.length).toBeGreaterThan(0);
      expect(e.sources.length).toBeGreaterThan(0);
      expect(e.description.length).toBeLessThanOrEqual(100);
      expect(e.ports.every((p) => Number.isInteger(p) && p > 0 && p < 65536)).toBe(true);
      expect(e.startupMs).toBeGreaterThanOrEqual(0);
      expect(e.memoryBytes).toBeGreaterThan(0);
      // Every entry can be found from one of its own patterns.
      const sample = e.repositories[0]!.replace('*/', 'mirror/');
      const tag = e.tags ? ':7.0.94' : '';
      expect(catalogueEntryFor(`${sample}${tag}`)?.name).toBe(e.name);
    },
  );

  test('record the entrypoints and commands of the official images', () => {
    const argv = (image: string) => {
      const e = catalogueEntryFor(image)!;
      return [...e.entrypoint, ...e.cmd];
    };
    expect(argv('nginx')).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(argv('busybox')).toEqual(['sh']);
    expect(argv('centos')).toEqual(['/bin/bash']);
    expect(argv('redis')).toEqual(['docker-entrypoint.sh', 'redis-server']);
    expect(argv('mysql')).toEqual(['docker-entrypoint.sh', 'mysqld']);
    expect(argv('tomcat')).toEqual(['catalina.sh', 'run']);
    expect(argv('httpd')).toEqual(['httpd-foreground']);
    expect(argv('k8s.gcr.io/liveness')).toEqual([]);
    expect(argv('k8s.gcr.io/goproxy:0.1')).toEqual(['/goproxy']);
  });
});
