/**
 * Bad input to the trace, check, traffic, rollout and node commands: each exits 2 with one line
 * that names the file (and line, where there is one) and what is expected — never a stack trace,
 * never a page of YAML errors, never a silent default. And the help and the README name every
 * option each command takes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, MAIN_HELP } from '../../src/cli/help.js';
import { cli } from '../helpers/run.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'podsim-inputs-'));
const TRACE = 'traces/node-lost/trace.jsonl'; // until 8m
const SCENARIO = 'traces/node-lost/scenario.yaml';
const adir = join(dir, 'adir');
mkdirSync(adir);
const empty = join(dir, 'empty.json');
writeFileSync(empty, '');

/** Runs the command and checks the shape every usage/input error has. */
async function fails(argv: string[]): Promise<string> {
  const r = await cli(argv);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  const lines = r.err.trim().split('\n');
  // One error, plus the "nothing was run" line of input errors.
  expect(lines.length).toBeLessThanOrEqual(2);
  return lines[0]!;
}

describe('a trace where input files are expected', () => {
  const isTrace = `${TRACE}:1:1: is a podsim trace, not a manifest or scenario`;

  it('run TRACE says so in one line instead of one YAML error per token', async () => {
    expect(await fails(['run', TRACE])).toContain(isTrace);
  });

  it('check, fork --set and traffic with a trace among input files say so too', async () => {
    expect(await fails(['check', TRACE, '--assert', 'no SIGKILL'])).toContain(isTrace);
    expect(await fails(['fork', TRACE, '--at', '60s', '--set', TRACE])).toContain(isTrace);
    expect(await fails(['traffic', TRACE, SCENARIO])).toContain(isTrace);
    expect(await fails(['get', 'pods', SCENARIO, TRACE])).toContain(isTrace);
  });

  it('a scenario naming a trace in manifests: is located at the entry', async () => {
    const s = join(dir, 's.yaml');
    writeFileSync(
      s,
      `apiVersion: podsim/v1alpha1\nkind: Scenario\nmanifests: [${join(process.cwd(), TRACE)}]\n`,
    );
    expect(await fails(['run', s])).toMatch(
      new RegExp(`^${s}:3:13: manifests\\[0\\]: .*trace.jsonl is a podsim trace`),
    );
  });
});

describe('a resource name that is an Object.prototype key', () => {
  it.each([
    [['get', 'constructor', TRACE], 'get: only pods, nodes, deploy, rs, rc, svc, endpoints'],
    [
      ['describe', 'constructor', 'x', TRACE],
      'describe: only pod, node, deployment, rs, rc and svc',
    ],
    [['describe', 'toString', 'x', TRACE], 'describe: only pod, node, deployment, rs, rc and svc'],
  ])('%j is a usage error, not a resource', async (argv, msg) => {
    expect(await fails(argv)).toContain(msg);
  });
});

describe('--at after the end of a trace', () => {
  // The trace records 8m: a later instant would print its last state with ages counted to T.
  const msg = `--at 9m is after the end of the trace ${TRACE} (8m)`;
  it.each([
    [['get', 'nodes', TRACE, '--at', '9m']],
    [['get', 'pods', TRACE, '--at', '9m']],
    [['get', 'deploy', TRACE, '--at', '9m']],
    [['describe', 'node', 'node-2', TRACE, '--at', '9m']],
    [['describe', 'pod', 'x', TRACE, '--at', '9m']],
    [['replay', TRACE, '--at', '9m']],
    [['explain', TRACE, '--at', '9m']],
  ])('%j is refused', async (argv) => {
    expect(await fails(argv)).toContain(msg);
  });

  it('the end itself is fine', async () => {
    const r = await cli(['get', 'nodes', TRACE, '--at', '8m']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('node-2   NotReady');
  });
});

describe('options that a command does not support are refused, not ignored', () => {
  it.each(['deploy', 'rs', 'rc', 'svc', 'endpoints', 'endpointslices'])(
    'get %s -o yaml',
    async (what) => {
      expect(await fails(['get', what, TRACE, '-o', 'yaml'])).toBe(
        `podsim: get ${what}: -o yaml is not supported (the table only)`,
      );
    },
  );

  it('traffic and rollout status take no --at', async () => {
    expect(await fails(['traffic', TRACE, '--at', '10s'])).toMatch(/Unknown option '--at'/);
    expect(await fails(['rollout', 'status', TRACE, 'deployment/web', '--at', '1s'])).toMatch(
      /Unknown option '--at'/,
    );
  });
});

describe('files that are not what they should be', () => {
  it('a directory', async () => {
    expect(await fails(['run', adir])).toBe(
      `${adir}:1:1: cannot read file: is a directory, not a file`,
    );
    expect(await fails(['traffic', adir])).toBe(
      `${adir}:1:1: cannot read file: is a directory, not a file`,
    );
    expect(await fails(['check', '--merge', adir])).toBe(
      `podsim: ${adir}: cannot read file: is a directory, not a file`,
    );
  });

  it('an empty or foreign file given to check --merge', async () => {
    expect(await fails(['check', '--merge', empty])).toMatch(
      new RegExp(
        `^podsim: ${empty}: not a podsim check shard file \\(written by --shard i/N --out\\)`,
      ),
    );
    expect(await fails(['check', '--merge', TRACE])).toMatch(/not a podsim check shard file/);
  });

  it('a scenario where a trace is expected', async () => {
    expect(await fails(['fork', SCENARIO, '--at', '60s'])).toBe(
      `podsim: fork: ${SCENARIO} is not a podsim trace (podsim run FILE... --trace OUT)`,
    );
  });

  it('rollout status: a missing deployment, a bad reference, another verb', async () => {
    expect(await fails(['rollout', 'status', TRACE, 'deployment/nope'])).toBe(
      `podsim: rollout: no deployment/nope in ${TRACE}`,
    );
    expect(await fails(['rollout', 'status', TRACE])).toMatch(/name one deployment/);
    expect(await fails(['rollout', 'history', TRACE, 'deployment/web'])).toMatch(
      /only 'status' is supported/,
    );
  });

  it('check --shard out of range', async () => {
    expect(
      await fails([
        'check',
        'traces/liveness-exec/check-startup.yaml',
        '--assert',
        'no SIGKILL',
        '--shard',
        '3/2',
        '--out',
        join(dir, 'x.json'),
      ]),
    ).toBe('podsim: --shard "3/2": expected i/N with 0 <= i < N, e.g. --shard 0/4');
  });
});

describe('help', () => {
  it('podsim help help prints the overview', async () => {
    const r = await cli(['help', 'help']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${MAIN_HELP}\n`);
  });

  // Every option each command's parser accepts (src/cli/*Command.ts).
  const OPTIONS: Record<string, string[]> = {
    run: ['--until', '--seed', '--trace', '--force', '--time', '--events'],
    get: ['--at', '-o'],
    describe: ['--at'],
    replay: ['--at', '-o', '--verify'],
    fork: ['--at', '--set', '--until', '--trace', '--force', '--time', '--events'],
    explain: ['--at'],
    timeline: ['-o', '--diff'],
    export: ['--format', '-o'],
    check: [
      '--assert',
      '--runs',
      '--seed',
      '--jobs',
      '--shard',
      '--out',
      '--merge',
      '--counterexample',
      '--force',
    ],
    traffic: ['-o'],
  };
  const readme = readFileSync('README.md', 'utf8');
  const reference = readme.slice(readme.indexOf('## CLI reference'));
  const usage = (text: string, cmd: string): string =>
    text
      .split('\n')
      .filter((l) => l.trimStart().startsWith(`podsim ${cmd} `))
      .join('\n');

  it.each(Object.entries(OPTIONS))(
    '%s: every option is in podsim help CMD, podsim --help and the README',
    (cmd, opts) => {
      for (const o of opts) {
        expect(COMMAND_HELP[cmd], `help ${cmd}: ${o}`).toContain(o);
        expect(usage(MAIN_HELP, cmd), `--help: ${cmd} ${o}`).toContain(o);
        expect(usage(reference, cmd), `README: ${cmd} ${o}`).toContain(o);
      }
    },
  );

  it('lists every resource get takes', () => {
    for (const r of ['pods', 'nodes', 'deploy', 'rs', 'rc', 'svc', 'endpoints', 'endpointslices'])
      expect(COMMAND_HELP.get).toContain(r);
  });
});

describe('output files that cannot be written', () => {
  // Each used to end in "podsim: internal error" with a stack trace (exit 70).
  const missing = join(dir, 'no-such-dir');
  const noDir = (f: string): string =>
    `podsim: cannot write ${join(missing, f)}: the directory ${missing} does not exist`;
  const CHECK = ['check', 'traces/liveness-exec/check-startup.yaml', '--assert', 'no SIGKILL'];

  it('run --trace and fork --trace into a missing directory', async () => {
    expect(await fails(['run', SCENARIO, '--trace', join(missing, 't.jsonl')])).toBe(
      noDir('t.jsonl'),
    );
    // The YAML form is written whole at the end: refused before the run.
    expect(await fails(['run', SCENARIO, '--trace', join(missing, 't.yaml')])).toBe(
      noDir('t.yaml'),
    );
    expect(await fails(['fork', TRACE, '--at', '60s', '--trace', join(missing, 'f.jsonl')])).toBe(
      noDir('f.jsonl'),
    );
  });

  it('an existing output file is replaced only with --force, said before any work', async () => {
    const kept = join(dir, 'kept.txt');
    writeFileSync(kept, 'mine\n');
    const exists = (flag: string): string =>
      `podsim: ${flag} ${kept}: the file exists; pass --force to replace it`;
    expect(await fails(['run', SCENARIO, '--trace', kept])).toBe(exists('--trace'));
    expect(await fails(['fork', TRACE, '--at', '60s', '--trace', kept])).toBe(exists('--trace'));
    expect(await fails([...CHECK, '--shard', '0/2', '--out', kept])).toBe(exists('--out'));
    expect(await fails(['timeline', TRACE, '-o', kept])).toBe(exists('-o'));
    expect(await fails(['export', TRACE, '--format', 'perfetto', '-o', kept])).toBe(exists('-o'));
    expect(readFileSync(kept, 'utf8')).toBe('mine\n');
  });

  it('run --trace onto a directory', async () => {
    expect(await fails(['run', SCENARIO, '--trace', adir, '--force'])).toBe(
      `podsim: cannot write ${adir}: it is a directory`,
    );
    // Without --force too: a directory is not a file --force could replace.
    expect(await fails(['run', SCENARIO, '--trace', adir])).toBe(
      `podsim: cannot write ${adir}: it is a directory`,
    );
    expect(await fails(['fork', TRACE, '--at', '60s', '--trace', adir])).toBe(
      `podsim: cannot write ${adir}: it is a directory`,
    );
    expect(await fails([...CHECK, '--shard', '0/2', '--out', adir])).toBe(
      `podsim: cannot write ${adir}: it is a directory`,
    );
  });

  it('check --counterexample and --shard --out, said before any run', async () => {
    expect(await fails([...CHECK, '--counterexample', join(missing, 'c.jsonl')])).toBe(
      noDir('c.jsonl'),
    );
    expect(await fails([...CHECK, '--shard', '0/2', '--out', join(missing, 's.json')])).toBe(
      noDir('s.json'),
    );
  });

  it('timeline and export', async () => {
    expect(await fails(['timeline', TRACE, '-o', join(missing, 't.html')])).toBe(
      `podsim: timeline: cannot write ${join(missing, 't.html')}: the directory ${missing} does not exist`,
    );
    expect(await fails(['export', TRACE, '--format', 'perfetto', '-o', adir])).toBe(
      `podsim: export: cannot write ${adir}: it is a directory`,
    );
  });
});

describe('empty and unreadable inputs', () => {
  const blank = join(dir, 'blank.yaml');
  writeFileSync(blank, '# nothing here yet\n---\n');
  const none = `${blank}:1:1: no Kubernetes object or Scenario in the file (it is empty or holds only comments)`;

  it('an empty file is refused as kubectl apply refuses it, not run as an empty cluster', async () => {
    expect(await fails(['run', blank])).toBe(none);
    expect(await fails(['get', 'pods', blank])).toBe(none);
    // A fork with an empty --set file used to go on with no change.
    expect(await fails(['fork', TRACE, '--at', '60s', '--set', blank])).toBe(none);
  });

  it('a file it may not read says so in words', async () => {
    // Run as root, chmod cannot make a file unreadable: the error is injected.
    let err = '';
    const code = await main(['run', 'secret.yaml'], {
      out: () => undefined,
      err: (s) => void (err += s),
      readFile: () => {
        throw Object.assign(new Error("EACCES: permission denied, open 'secret.yaml'"), {
          code: 'EACCES',
        });
      },
      exists: () => true,
      isTTY: false,
    });
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('secret.yaml:1:1: cannot read file: permission denied');
  });
});
