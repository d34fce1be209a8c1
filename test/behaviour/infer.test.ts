/**
 * inferBehaviour: Kubernetes' command rule, the container's environment, the ports rule, and
 * the assumptions podsim makes about images and programs it does not know.
 */
import { describe, expect, test } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1.js';
import { inferBehaviour } from '../../src/spec/behaviour/index.js';

const app = { namespace: 'default', initContainer: false };
const init = { namespace: 'default', initContainer: true };

describe('the command line', () => {
  test('an image run without a command uses its ENTRYPOINT and CMD: busybox `sh` exits at once', () => {
    const b = inferBehaviour({ name: 'bb', image: 'busybox' }, app);
    expect(b.program).toEqual([]);
    expect(b.origin).toBe('catalogue');
    expect(inferBehaviour({ name: 'c', image: 'centos:7' }, app).program).toEqual([]);
  });

  test('args without command go to the ENTRYPOINT: redis gets redis-server put in front', () => {
    const b = inferBehaviour({ name: 'r', image: 'redis', args: ['--port', '7000'] }, app);
    expect(b.program).toEqual([{ kind: 'serve' }]);
    expect(b.ports).toEqual([7000]);
  });

  test('command drops the image CMD too, and args follow the command', () => {
    const b = inferBehaviour({ name: 'n', image: 'nginx', command: ['sleep'], args: ['10'] }, app);
    expect(b.program).toEqual([{ kind: 'sleep', ms: 10_000 }]);
  });

  test('the kubelet expands $(VAR) from the container env; $$(VAR) stays literal', () => {
    const c: Container = {
      name: 'a',
      image: 'busybox',
      env: [
        { name: 'DELAY', value: '7' },
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      ],
      command: ['sh', '-c', 'sleep $(DELAY); echo $(NS) $$(DELAY)'],
    };
    expect(inferBehaviour(c, { namespace: 'shop', initContainer: false }).program).toEqual([
      { kind: 'sleep', ms: 7000 },
      { kind: 'echo', text: 'shop $(DELAY)' },
    ]);
  });

  test('nginx without `daemon off;` forks away and its PID 1 exits 0 at once', () => {
    const b = inferBehaviour({ name: 'n', image: 'nginx', command: ['nginx'] }, app);
    expect(b.program).toEqual([]);
    expect(b.ports).toEqual([]);
    expect(b.notes.at(-1)).toBe(
      'container "n": nginx forks into the background unless run with -g \'daemon off;\' (the ' +
        "image's nginx.conf does not say it); its foreground process exits 0 at once, which ends " +
        'the container',
    );
  });

  test('an image with neither ENTRYPOINT nor CMD cannot start without a command', () => {
    const b = inferBehaviour({ name: 'l', image: 'k8s.gcr.io/liveness' }, app);
    expect(b.program).toEqual([{ kind: 'exit', code: 128 }]);
  });
});

describe('the environment', () => {
  const mysql = (env: Container['env'], envFrom?: Container['envFrom']) =>
    inferBehaviour({ name: 'db', image: 'mysql:8', env, envFrom }, app).program;
  const fails = [expect.objectContaining({ kind: 'echo' }), { kind: 'exit', code: 1 }];

  test('mysql starts with any root password option, even one from a Secret', () => {
    expect(mysql([{ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: 'yes' }])).toEqual([
      { kind: 'serve' },
    ]);
    const fromSecret = { secretKeyRef: { name: 'db', key: 'password' } };
    expect(mysql([{ name: 'MYSQL_ROOT_PASSWORD', valueFrom: fromSecret }])).toEqual([
      { kind: 'serve' },
    ]);
    expect(mysql(undefined, [{ secretRef: { name: 'db' } }])).toEqual([{ kind: 'serve' }]);
  });

  test('mysql exits 1 without one, or with an empty value', () => {
    expect(mysql([{ name: 'WEB_ROOT_PASSWORD', value: 'password' }])).toEqual(fails);
    expect(mysql([{ name: 'MYSQL_ROOT_PASSWORD', value: '' }])).toEqual(fails);
  });
});

describe('ports', () => {
  test('a catalogue server listens on its ports and on declared ports it may be configured for', () => {
    const b = inferBehaviour({ name: 'n', image: 'nginx', ports: [{ containerPort: 8080 }] }, app);
    expect(b.ports).toEqual([80, 8080]);
    expect(b.notes).toContain(
      'container "n": declares containerPort 8080, which its server does not listen on by ' +
        'default; podsim assumed it listens (a mounted configuration may change the port)',
    );
  });

  test('a script that starts no server listens on nothing, whatever the manifest declares', () => {
    const c = {
      name: 'b',
      image: 'busybox',
      command: ['sh', '-c', 'sleep 3600'],
      ports: [{ containerPort: 80 }],
    };
    const b = inferBehaviour(c, app);
    expect(b.ports).toEqual([]);
    expect(b.notes).toContain(
      'container "b": declares containerPort 80, but its command starts no server: podsim ' +
        'models the port as closed (containerPorts are informational)',
    );
  });

  test('declared ports of a command podsim does not understand are assumed to listen', () => {
    const c = {
      name: 'b',
      image: 'busybox',
      command: ['sh', '-c', 'frob --x; sleep 60'],
      ports: [{ containerPort: 9000 }],
    };
    expect(inferBehaviour(c, app).ports).toEqual([9000]);
  });

  test('UDP ports never count as listening TCP ports', () => {
    const c = {
      name: 'd',
      image: 'example.com/dns',
      ports: [{ containerPort: 53, protocol: 'UDP' }],
    };
    expect(inferBehaviour(c, app).ports).toEqual([]);
  });
});

describe('unknown images and programs', () => {
  test('an unknown image without a command is assumed to serve its declared ports until stopped', () => {
    const c = { name: 'api', image: 'example.com/team/api:1.2', ports: [{ containerPort: 8080 }] };
    const assumed =
      'container "api": podsim knows nothing about image "example.com/team/api:1.2" and the ' +
      'container sets no command; assumed its entrypoint runs until stopped (a long-running ' +
      'server) on the declared containerPorts, and exits 143 at once on SIGTERM';
    expect(inferBehaviour(c, app)).toEqual({
      program: [{ kind: 'serve' }],
      onSigterm: { action: 'exit', afterMs: 0, code: 143 },
      startupMs: 0,
      ports: [8080],
      http: { routes: [] },
      grpcServing: true,
      files: [],
      exec: [],
      memory: [],
      hooks: {},
      origin: 'default',
      notes: [assumed],
      // A rule replacing all of these makes the assumption moot (merge.ts drops it).
      noteFields: [{ note: assumed, fields: ['program', 'onSigterm', 'ports', 'grpcServing'] }],
    });
  });

  test('as an init container it is assumed to finish at once, as init containers must', () => {
    const b = inferBehaviour({ name: 'migrate', image: 'example.com/team/migrate' }, init);
    expect(b.program).toEqual([]);
    expect(b.ports).toEqual([]);
    const cmd = inferBehaviour(
      { name: 'm', image: 'busybox', command: ['/app/migrate', '--up'] },
      init,
    );
    expect(cmd.program).toEqual([]);
  });

  test('a sidecar (init container with restartPolicy Always) is a long-running server', () => {
    const c = { name: 'proxy', image: 'example.com/proxy', restartPolicy: 'Always' };
    expect(inferBehaviour(c, init).program).toEqual([{ kind: 'serve' }]);
  });

  test('args for an unknown image are assumed to be the whole command line', () => {
    const b = inferBehaviour(
      { name: 'x', image: 'example.com/x', args: ['/bin/sh', '-c', 'sleep 5'] },
      app,
    );
    expect(b.program).toEqual([{ kind: 'sleep', ms: 5000 }]);
    expect(b.notes[0]).toBe(
      'container "x": podsim does not know the ENTRYPOINT of image "example.com/x"; assumed it ' +
        'has none, so args run as the command',
    );
  });
});
