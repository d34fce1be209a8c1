/**
 * What the tutorials' probes and hooks depend on, beyond program and ports: HTTP answers over
 * time, exec results, the image filesystem, start-up delays and the notes explaining them.
 */
import { describe, expect, test } from 'vitest';
import { inferBehaviour } from '../../src/spec/behaviour/index.js';

const ctx = { namespace: 'default', initContainer: false };

describe('liveness-http: the Kubernetes docs liveness server', () => {
  const b = inferBehaviour(
    { name: 'liveness', image: 'k8s.gcr.io/liveness', args: ['/server'] },
    ctx,
  );

  test('/healthz answers 200 for the first 10 s, then 500 (server.go: duration > 10 s)', () => {
    expect(b.http).toEqual({
      routes: [
        {
          path: '/healthz',
          status: [
            { fromMs: 0, code: 200 },
            { fromMs: 10_001, code: 500 },
          ],
        },
        { path: '/started', status: [{ fromMs: 0, code: 200 }] },
      ],
    });
  });

  test('listens at once, inferred from its args, with the Go runtime exit code on SIGTERM', () => {
    expect(b.startupMs).toBe(0);
    expect(b.origin).toBe('command');
    expect(b.notes).toEqual([
      'container "liveness": podsim assumed image "k8s.gcr.io/liveness" is "liveness": ' +
        'Kubernetes docs liveness server (/server): /healthz is 200 for 10 s, then 500',
      'container "liveness": podsim assumed liveness exits 2 at once on SIGTERM',
    ]);
  });
});

describe('myserver-liveness-exec-redis: redis-cli quit as the liveness command', () => {
  const b = inferBehaviour(
    { name: 'redis', image: 'redis', ports: [{ containerPort: 6379 }] },
    { namespace: 'myserver', initContainer: false },
  );

  test('redis-cli quit fails until redis-server listens (50 ms), then succeeds', () => {
    expect(b.startupMs).toBe(50);
    expect(b.exec.find((e) => e.command === '/usr/local/bin/redis-cli quit')).toEqual({
      command: '/usr/local/bin/redis-cli quit',
      exitCode: [
        { fromMs: 0, code: 1 },
        { fromMs: 50, code: 0 },
      ],
      durationMs: 5,
      output: 'OK',
    });
    expect(b.exec.map((e) => e.command)).toEqual([
      'redis-cli ping',
      '/usr/local/bin/redis-cli ping',
      'redis-cli quit',
      '/usr/local/bin/redis-cli quit',
    ]);
  });
});

describe('myserver-lifecycle-hooks: tomcat:7.0.94-alpine', () => {
  const b = inferBehaviour(
    {
      name: 'tomcat',
      image: 'tomcat:7.0.94-alpine',
      ports: [{ name: 'http', containerPort: 8080 }],
    },
    ctx,
  );

  test('ships the ROOT webapp, so the postStart hook can write ROOT/index.html and / answers', () => {
    expect(b.files).toContain('/usr/local/tomcat/webapps/ROOT');
    expect(b.http).toEqual({
      docroot: '/usr/local/tomcat/webapps/ROOT',
      routes: [{ path: '/', status: [{ fromMs: 0, code: 200 }] }],
    });
  });

  test('serves 8080 after catalina.sh run starts up (3 s)', () => {
    expect(b.startupMs).toBe(3000);
    expect(b.hooks).toEqual({});
  });
});

describe('tomcat_deploy_svc: tomcat 8.5.100 from a registry mirror', () => {
  test('has an empty webapps directory (examples moved to webapps.dist), so / is a 404', () => {
    const b = inferBehaviour(
      {
        name: 'tomcat',
        image: 'registry.cn-chengdu.aliyuncs.com/liumuquan_app/tomcat:8.5.100-jre8',
      },
      ctx,
    );
    expect(b.files).toEqual([
      '/usr/local/tomcat/webapps',
      '/usr/local/tomcat/webapps.dist/ROOT',
      '/usr/local/tomcat/webapps.dist/ROOT/index.jsp',
    ]);
    expect(b.http).toEqual({ docroot: '/usr/local/tomcat/webapps/ROOT', routes: [] });
  });
});

describe('pod2: nginx and mysql with requests and limits', () => {
  const env = [{ name: 'MYSQL_ROOT_PASSWORD', value: 'abc123' }];

  test('mysql initialises its data directory first and listens after 15 s', () => {
    const b = inferBehaviour({ name: 'db', image: 'mysql', env }, ctx);
    expect(b.startupMs).toBe(15_000);
    expect(b.memory).toEqual([{ atMs: 0, bytes: 400 * 1024 * 1024 }]);
  });

  test('without a root password option the entrypoint prints its error and exits 1', () => {
    const b = inferBehaviour({ name: 'db', image: 'mysql' }, ctx);
    expect(b.program).toEqual([
      {
        kind: 'echo',
        text:
          '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
          '    You need to specify one of the following as an environment variable:\n' +
          '    - MYSQL_ROOT_PASSWORD\n' +
          '    - MYSQL_ALLOW_EMPTY_PASSWORD\n' +
          '    - MYSQL_RANDOM_ROOT_PASSWORD',
      },
      { kind: 'exit', code: 1 },
    ]);
    expect(b.ports).toEqual([]);
  });
});

describe('pod1 and tcpsocket: ports that nothing listens on', () => {
  test('pod1 replaces nginx with `echo SUCCESS`: nothing listens and the image files remain', () => {
    const b = inferBehaviour({ name: 'nginx', image: 'nginx', command: ['echo', 'SUCCESS'] }, ctx);
    expect(b.ports).toEqual([]);
    expect(b.files).toContain('/usr/share/nginx/html/index.html');
    expect(b.origin).toBe('command');
  });

  test('tcpsocket probes 8080 on a myapp container, which listens on 80 only', () => {
    const b = inferBehaviour({ name: 'nginx', image: 'soscscs/myapp:v1' }, ctx);
    expect(b.ports).toEqual([80]);
    expect(b.http.docroot).toBe('/usr/share/nginx/html');
  });

  test('test-liveness-exec runs a script in an nginx image: nginx files, no nginx listening', () => {
    const b = inferBehaviour(
      {
        name: 'liveness',
        image: 'registry.cn-chengdu.aliyuncs.com/liumuquan_app/nginx',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -rf /tmp/healthy; sleep 50'],
      },
      ctx,
    );
    expect(b.ports).toEqual([]);
    expect(b.http).toEqual({ routes: [] });
    expect(b.files).toContain('/usr/share/nginx/html/index.html');
  });
});
