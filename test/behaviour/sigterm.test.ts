/**
 * What PID 1 does with the runtime's stop signal. A process without a handler ignores it (the
 * kernel protects a PID namespace's init), a shell trap runs only once its foreground command
 * is done, and catalogue servers shut down in their own way.
 */
import { describe, expect, test } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1.js';
import { inferBehaviour, parseShell } from '../../src/spec/behaviour/index.js';

const ctx = { namespace: 'default', initContainer: false };
const sh = (script: string): Container => ({
  name: 'app',
  image: 'busybox',
  command: ['/bin/sh', '-c', script],
});
const onSigterm = (c: Container) => inferBehaviour(c, ctx).onSigterm;
const lastNote = (c: Container) => inferBehaviour(c, ctx).notes.at(-1);

describe('no handler', () => {
  test('a shell without a trap ignores SIGTERM, and the note says why', () => {
    expect(onSigterm(sh('sleep 30; exit 3'))).toEqual({ action: 'ignore' });
    expect(lastNote(sh('sleep 30; exit 3'))).toBe(
      'container "app": PID 1 (sh) has no SIGTERM handler, and the kernel does not deliver such ' +
        "a signal to a PID namespace's init process, so only SIGKILL at the end of the grace " +
        'period stops it',
    );
  });

  test('`sleep` as the container command (or exec’d by the shell) ignores it too', () => {
    expect(onSigterm({ name: 'app', image: 'busybox', command: ['sleep', '3600'] })).toEqual({
      action: 'ignore',
    });
    expect(lastNote(sh('echo hi; sleep 3600'))).toContain('PID 1 (sleep) has no SIGTERM handler');
  });
});

describe('shell traps', () => {
  test('parseShell reports a TERM trap', () => {
    expect(parseShell("trap 'exit 0' TERM; sleep 1").trapsTerm).toBe(true);
    expect(parseShell('trap "exit" SIGTERM INT; sleep 1').trapsTerm).toBe(true);
    expect(parseShell("trap 'exit 0' INT; sleep 1").trapsTerm).toBe(false);
    expect(parseShell("trap '' TERM; sleep 1").trapsTerm).toBe(false);
  });

  test('with `sleep N & wait`, the trap runs at once and exits with its code', () => {
    expect(onSigterm(sh("trap 'exit 0' TERM; sleep 3600 & wait"))).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 0,
    });
    // A bare `exit` keeps the status of the interrupted `wait`: 128 + 15.
    expect(onSigterm(sh("trap 'exit' TERM; sleep infinity & wait"))).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 143,
    });
  });

  test('during a foreground sleep the trap waits for it: at most one round of the loop', () => {
    const c = sh("trap 'exit 0' TERM; while true; do sleep 1; done");
    expect(onSigterm(c)).toEqual({ action: 'exit', afterMs: 1000, code: 0 });
    expect(lastNote(c)).toBe(
      'container "app": "trap exit 0 TERM" runs only after the foreground command finishes; ' +
        'podsim assumed the worst case, an exit 0 1s after SIGTERM',
    );
  });

  test('a handler that sleeps delays the exit; one that does not exit changes nothing', () => {
    expect(onSigterm(sh("trap 'sleep 2; exit 5' TERM; sleep 3600 & wait"))).toEqual({
      action: 'exit',
      afterMs: 2000,
      code: 5,
    });
    expect(onSigterm(sh("trap 'echo bye' TERM; sleep 3600"))).toEqual({ action: 'ignore' });
  });

  test('a handler podsim cannot follow is assumed to exit 143 at once', () => {
    expect(onSigterm(sh('trap cleanup TERM; sleep 3600 & wait'))).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 143,
    });
  });
});

describe('servers', () => {
  test('`exec nginx` replaces the shell, so nginx gets SIGTERM and exits 0', () => {
    expect(onSigterm(sh("echo start; exec nginx -g 'daemon off;'"))).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 0,
    });
  });

  test('a server started before other statements stays a child: only the shell gets SIGTERM', () => {
    const b = inferBehaviour(sh("nginx -g 'daemon off;'; echo never"), ctx);
    expect(b.onSigterm).toEqual({ action: 'ignore' });
    expect(b.notes).toContain(
      'container "app": nginx runs as a child of the shell, which stays PID 1: SIGTERM reaches ' +
        'only the shell',
    );
  });

  test('catalogue reactions: redis saves and exits 0, mysql flushes for 2 s, tomcat exits 143', () => {
    const env = [{ name: 'MYSQL_RANDOM_ROOT_PASSWORD', value: 'yes' }];
    expect(onSigterm({ name: 'r', image: 'redis:7' })).toEqual({
      action: 'exit',
      afterMs: 100,
      code: 0,
    });
    expect(onSigterm({ name: 'm', image: 'mysql:8.0', env })).toEqual({
      action: 'exit',
      afterMs: 2000,
      code: 0,
    });
    expect(onSigterm({ name: 't', image: 'tomcat:9' })).toEqual({
      action: 'exit',
      afterMs: 1000,
      code: 143,
    });
    expect(onSigterm({ name: 'h', image: 'httpd:2.4' })).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 0,
    });
  });

  test('an unknown program is assumed to exit 143 at once, and the note says so', () => {
    const b = inferBehaviour(
      { name: 'api', image: 'example.com/team/api:1', command: ['/app/api'] },
      ctx,
    );
    expect(b.onSigterm).toEqual({ action: 'exit', afterMs: 0, code: 143 });
    expect(b.notes.at(-1)).toBe('container "api": podsim assumed api exits 143 at once on SIGTERM');
  });
});

describe('parseShell', () => {
  test('reports the reaction of PID 1 at the script’s last step', () => {
    expect(parseShell('sleep 30; exit 3').onSigterm).toEqual({ action: 'ignore' });
    expect(parseShell("trap 'exit 0' TERM; sleep 3600 & wait").onSigterm).toEqual({
      action: 'exit',
      afterMs: 0,
      code: 0,
    });
  });

  test('recognises an image’s own programs when told the image', () => {
    const r = parseShell('exec /server', { image: 'k8s.gcr.io/liveness' });
    expect(r).toEqual({
      steps: [{ kind: 'serve' }],
      trapsTerm: false,
      understood: true,
      notes: [],
      onSigterm: { action: 'exit', afterMs: 0, code: 2 },
    });
    expect(parseShell('exec /server').understood).toBe(false);
  });
});
