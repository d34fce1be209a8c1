/**
 * parseShell: the statements of a `sh -c` script and the program steps they amount to, run as a
 * container's PID 1. Nothing is executed; every case below is read, not run.
 */
import { describe, expect, test } from 'vitest';
import { parseShell } from '../../src/spec/behaviour/index.js';

const steps = (script: string) => parseShell(script).steps;

describe('separators and statuses', () => {
  test('`;`, newlines and `&&` run statements in order', () => {
    expect(steps('sleep 1; sleep 2\nsleep 3 && exit 4')).toEqual([
      { kind: 'sleep', ms: 1000 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'sleep', ms: 3000 },
      { kind: 'exit', code: 4 },
    ]);
  });

  test('`||` runs its right side only after a failure', () => {
    expect(steps('true || echo skipped; false || echo recovered')).toEqual([
      { kind: 'echo', text: 'recovered' },
    ]);
  });

  test('a script that runs off its end exits with the last status: 0, or 1 after `false`', () => {
    expect(steps('echo done')).toEqual([{ kind: 'echo', text: 'done' }]);
    expect(steps('echo done; false')).toEqual([
      { kind: 'echo', text: 'done' },
      { kind: 'exit', code: 1 },
    ]);
  });

  test('`set -e` stops at the first failing command', () => {
    expect(steps('set -e; false; echo never')).toEqual([{ kind: 'exit', code: 1 }]);
  });

  test('exit statuses are 8 bits wide', () => {
    expect(steps('exit 300')).toEqual([{ kind: 'exit', code: 44 }]);
    expect(steps('exit -1')).toEqual([{ kind: 'exit', code: 255 }]);
  });

  test('`exit` in a subshell or child shell only ends that shell', () => {
    expect(steps('( exit 3 ); echo $?')).toEqual([{ kind: 'echo', text: '3' }]);
    expect(steps('sh -c "sleep 2; exit 4"; echo after $?')).toEqual([
      { kind: 'sleep', ms: 2000 },
      { kind: 'echo', text: 'after 4' },
    ]);
  });
});

describe('sleep', () => {
  test('takes seconds, decimals, s/m/h/d suffixes, and adds up several operands', () => {
    expect(steps('sleep 30; sleep 1m; sleep 0.5; sleep 2s 3; sleep 1h')).toEqual([
      { kind: 'sleep', ms: 30_000 },
      { kind: 'sleep', ms: 60_000 },
      { kind: 'sleep', ms: 500 },
      { kind: 'sleep', ms: 5000 },
      { kind: 'sleep', ms: 3_600_000 },
    ]);
  });

  test('`sleep infinity` never ends', () => {
    expect(steps('echo start; sleep infinity; echo unreachable')).toEqual([
      { kind: 'echo', text: 'start' },
      { kind: 'serve' },
    ]);
  });

  test('a sleep beyond 10 years is capped at 10 years, with a note', () => {
    const r = parseShell('sleep 99999999999');
    expect(r.steps).toEqual([{ kind: 'sleep', ms: 315_360_000_000 }]);
    expect(r.notes).toEqual(['podsim capped a sleep of 99999999999000 ms at 10y']);
  });

  test('a malformed duration makes sleep fail at once, as the real one does', () => {
    const r = parseShell('sleep abc');
    expect(r.steps).toEqual([{ kind: 'exit', code: 1 }]);
    expect(r.notes).toEqual([
      '"sleep abc" is not a valid duration: sleep fails at once with exit status 1',
    ]);
  });

  test('variables assigned in the script are expanded', () => {
    expect(steps('T=5; sleep $T; echo slept ${T}')).toEqual([
      { kind: 'sleep', ms: 5000 },
      { kind: 'echo', text: 'slept 5' },
    ]);
  });
});

describe('files', () => {
  test('touch, mkdir -p, rm -rf/-f, and output redirections create or remove paths', () => {
    expect(
      steps(
        'touch /tmp/a; mkdir -p /data/x; rm -rf /tmp/a; rm -f /b; rm /c; echo ok > /d; echo ok >> /e',
      ),
    ).toEqual([
      { kind: 'touch', path: '/tmp/a' },
      { kind: 'touch', path: '/data/x' },
      { kind: 'rm', path: '/tmp/a' },
      { kind: 'rm', path: '/b' },
      { kind: 'rm', path: '/c' },
      { kind: 'touch', path: '/d' },
      { kind: 'touch', path: '/e' },
    ]);
  });

  test('mv removes its source and creates its target; cp creates its target', () => {
    expect(steps('mv /usr/share/nginx/html/index.html /tmp/; cp /a /b')).toEqual([
      { kind: 'rm', path: '/usr/share/nginx/html/index.html' },
      { kind: 'touch', path: '/tmp/index.html' },
      { kind: 'touch', path: '/b' },
    ]);
  });

  test('relative paths resolve against the working directory set by cd', () => {
    expect(steps('cd /tmp && touch healthy; rm ../tmp/./healthy')).toEqual([
      { kind: 'touch', path: '/tmp/healthy' },
      { kind: 'rm', path: '/tmp/healthy' },
    ]);
  });

  test('`rm -rf DIR/*` empties the directory but keeps it', () => {
    expect(steps('rm -rf /usr/share/nginx/html/*')).toEqual([
      { kind: 'rm', path: '/usr/share/nginx/html' },
      { kind: 'touch', path: '/usr/share/nginx/html' },
    ]);
  });

  test('chmod, chown, date, true and `:` take no time and change nothing', () => {
    const r = parseShell('chmod 644 /x -R; chown 1:1 /x; date; true; :');
    expect(r).toEqual({
      steps: [],
      trapsTerm: false,
      understood: true,
      notes: [],
      onSigterm: { action: 'ignore' },
    });
  });
});

describe('echo', () => {
  test('prints to the log; a redirected echo only writes its file', () => {
    expect(steps('echo -n The app is running!; echo hi > /dev/null; echo x >/tmp/f')).toEqual([
      { kind: 'echo', text: 'The app is running!' },
      { kind: 'touch', path: '/tmp/f' },
    ]);
  });

  test('quotes are removed and a here-document body is skipped', () => {
    expect(steps('echo \'a  b\' "c"\ncat <<EOF > /tmp/f\nhello\nEOF\nsleep 1')).toEqual([
      { kind: 'echo', text: 'a  b c' },
      { kind: 'touch', path: '/tmp/f' },
      { kind: 'sleep', ms: 1000 },
    ]);
  });
});

describe('commands podsim does not model', () => {
  test('are assumed to take no time and succeed, and the steps go on', () => {
    expect(parseShell('foo --bar; sleep 1')).toEqual({
      steps: [{ kind: 'sleep', ms: 1000 }],
      trapsTerm: false,
      understood: false,
      notes: ['podsim does not model "foo --bar"; assumed it takes no time and succeeds'],
      onSigterm: { action: 'ignore' },
    });
  });

  test('as the last statement, are assumed to be the long-running server the script starts', () => {
    expect(parseShell('echo starting; node server.js')).toEqual({
      steps: [{ kind: 'echo', text: 'starting' }, { kind: 'serve' }],
      trapsTerm: false,
      understood: false,
      notes: [
        'podsim does not model "node server.js"; assumed it runs until stopped (a long-running ' +
          'server), listening on the declared containerPorts and answering gRPC health checks',
      ],
      // The shell execs its last command, so the assumed server is PID 1.
      onSigterm: { action: 'exit', afterMs: 0, code: 143 },
    });
  });

  test('well-known short-lived tools are never taken for servers', () => {
    expect(parseShell('sleep 1; cat /etc/hostname').steps).toEqual([{ kind: 'sleep', ms: 1000 }]);
  });

  test('`if` with an unknown condition assumes it succeeded', () => {
    const r = parseShell('if [ -f /x ]; then echo yes; else echo no; fi');
    expect(r.steps).toEqual([{ kind: 'echo', text: 'yes' }]);
    expect(r.notes).toEqual([
      'podsim does not model "[ -f /x ]"; assumed it takes no time and succeeds',
    ]);
  });
});

describe('background jobs', () => {
  test('`wait` waits for the longest job still running', () => {
    expect(steps('sleep 10 & sleep 3; wait; echo done')).toEqual([
      { kind: 'sleep', ms: 3000 },
      { kind: 'sleep', ms: 7000 },
      { kind: 'echo', text: 'done' },
    ]);
  });

  test('a job the shell does not wait for ends with the container', () => {
    expect(steps("nginx -g 'daemon off;' & sleep 1")).toEqual([{ kind: 'sleep', ms: 1000 }]);
  });

  test('`break` and `continue` outside a loop do nothing', () => {
    expect(steps('break; continue; echo still here')).toEqual([
      { kind: 'echo', text: 'still here' },
    ]);
  });
});
