/**
 * Loops in scripts: waiting for a Service, unrolled `for` loops, endless `while` loops, and the
 * bounds that keep hostile loops cheap.
 */
import { describe, expect, test } from 'vitest';
import { BEHAVIOUR_LIMITS, parseShell } from '../../src/spec/behaviour/index.js';

const steps = (script: string) => parseShell(script).steps;

describe('waiting for a Service', () => {
  test('`until nslookup SVC; do …; sleep N; done` polls every N seconds', () => {
    expect(
      steps('until nslookup myservice; do echo waiting for myservice; sleep 2; done;'),
    ).toEqual([{ kind: 'waitForService', service: 'myservice', pollMs: 2000 }]);
  });

  test('a qualified name names the namespace; a loop without sleep polls every second', () => {
    expect(steps('until nslookup mydb.other.svc.cluster.local; do echo waiting; done')).toEqual([
      { kind: 'waitForService', service: 'mydb', namespace: 'other', pollMs: 1000 },
    ]);
    expect(
      steps('while ! nslookup mydb.prod > /dev/null 2>&1; do sleep 5; done; echo ready'),
    ).toEqual([
      { kind: 'waitForService', service: 'mydb', namespace: 'prod', pollMs: 5000 },
      { kind: 'echo', text: 'ready' },
    ]);
  });

  test('the service-account namespace file names the Pod’s own namespace', () => {
    const script =
      'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)' +
      '.svc.cluster.local; do echo waiting for myservice; sleep 2; done';
    expect(parseShell(script, { namespace: 'shop' }).steps).toEqual([
      { kind: 'waitForService', service: 'myservice', namespace: 'shop', pollMs: 2000 },
    ]);
  });
});

describe('for loops', () => {
  test('`for i in $(seq 1 N)` and the backtick form are unrolled N times', () => {
    const round = [
      { kind: 'touch', path: '/data/index.html' },
      { kind: 'sleep', ms: 1000 },
    ];
    expect(
      steps('for i in `seq 1 3`;do echo "<h1>$i</h1>" >> /data/index.html;sleep 1;done'),
    ).toEqual([...round, ...round, ...round]);
    expect(steps('for i in $(seq 2 3); do echo $i; done')).toEqual([
      { kind: 'echo', text: '2' },
      { kind: 'echo', text: '3' },
    ]);
  });

  test('a word list binds the variable to each word; bash alone expands {1..3}', () => {
    expect(steps('for f in a b; do touch /tmp/$f; done')).toEqual([
      { kind: 'touch', path: '/tmp/a' },
      { kind: 'touch', path: '/tmp/b' },
    ]);
    expect(parseShell('for i in {1..3}; do sleep $i; done', { shell: 'bash' }).steps).toEqual([
      { kind: 'sleep', ms: 1000 },
      { kind: 'sleep', ms: 2000 },
      { kind: 'sleep', ms: 3000 },
    ]);
  });

  test('`break` leaves the loop', () => {
    expect(steps('for i in 1 2 3; do echo $i; break; done; echo out')).toEqual([
      { kind: 'echo', text: '1' },
      { kind: 'echo', text: 'out' },
    ]);
  });

  test('beyond the step budget the remaining rounds become one sleep of the same length', () => {
    const r = parseShell('for i in $(seq 1 100000); do touch /tmp/$i; sleep 1; done; exit 7');
    // The last unrolled sleep (1 s) absorbs the remaining 95,000 s: time stays exact.
    expect(r.steps).toHaveLength(BEHAVIOUR_LIMITS.maxSteps + 1);
    expect(r.steps[r.steps.length - 2]).toEqual({ kind: 'sleep', ms: 95_001_000 });
    expect(r.steps[r.steps.length - 1]).toEqual({ kind: 'exit', code: 7 });
    expect(r.notes).toEqual([
      'podsim unrolled 5000 of 100000 rounds of "for i in $(seq 1 100000); do …; done"; ' +
        'the other 95000 are modelled as one sleep of 26h23m20s',
    ]);
  });

  test('deeply nested loops with huge counts stay bounded', () => {
    const script =
      'for a in $(seq 1 1000000); do for b in $(seq 1 1000000); do sleep 1; done; done';
    const r = parseShell(script);
    // 10^12 s of sleeping: the first 9,999 s stay as steps, the rest is one capped sleep.
    expect(r.steps).toHaveLength(BEHAVIOUR_LIMITS.maxSteps);
    expect(r.steps[r.steps.length - 1]).toEqual({ kind: 'sleep', ms: BEHAVIOUR_LIMITS.maxSleepMs });
    expect(r.notes).toContain('podsim capped a sleep of 999999000000000 ms at 10y');
  });
});

describe('endless loops', () => {
  test('`while true; do sleep N; done` runs forever', () => {
    expect(steps('while true; do sleep 5; done')).toEqual([{ kind: 'serve' }]);
    expect(steps('while :; do echo tick; sleep 1; done')).toEqual([{ kind: 'serve' }]);
    expect(steps('while sleep 5; do echo tick; done')).toEqual([{ kind: 'serve' }]);
  });

  test('a round that creates a file runs once before the loop settles', () => {
    expect(steps('while true; do date >> /tmp/log; sleep 5; done')).toEqual([
      { kind: 'touch', path: '/tmp/log' },
      { kind: 'sleep', ms: 5000 },
      { kind: 'serve' },
    ]);
  });

  test('a loop that removes and recreates a file is unrolled up to the step budget', () => {
    const r = parseShell('while true; do touch /tmp/h; sleep 5; rm /tmp/h; sleep 5; done');
    expect(r.steps.slice(0, 5)).toEqual([
      { kind: 'touch', path: '/tmp/h' },
      { kind: 'sleep', ms: 5000 },
      { kind: 'rm', path: '/tmp/h' },
      { kind: 'sleep', ms: 5000 },
      { kind: 'touch', path: '/tmp/h' },
    ]);
    expect(r.steps).toHaveLength(BEHAVIOUR_LIMITS.maxSteps + 1);
    expect(r.steps[r.steps.length - 1]).toEqual({ kind: 'serve' });
  });

  test('a loop over a condition podsim cannot evaluate is assumed to end at once', () => {
    expect(parseShell('while [ ! -f /tmp/ready ]; do sleep 1; done; echo go')).toEqual({
      steps: [{ kind: 'echo', text: 'go' }],
      trapsTerm: false,
      understood: false,
      notes: [
        'podsim does not model the condition of "while [ ! -f /tmp/ready ]; do …; done"; ' +
          'assumed the loop ends at once',
      ],
      onSigterm: { action: 'ignore' },
    });
  });
});
