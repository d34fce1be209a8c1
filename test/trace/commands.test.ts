/**
 * What every trace command shares: it is documented in `podsim --help` and `podsim help COMMAND`,
 * and a missing file, a file that is not a trace, or a bad argument is one line on stderr with
 * exit code 2 — never a stack trace.
 */
import { describe, expect, it } from 'vitest';
import { COMMAND_HELP, MAIN_HELP } from '../../src/cli/help.js';
import { cli, examplePath } from '../helpers/run.js';
import { goldenTrace } from './traceHelpers.js';

const COMMANDS = ['replay', 'when', 'explain', 'diff', 'timeline', 'export'];
const TRACE = goldenTrace('sleep-exit-never');
const SCENARIO = examplePath('sleep-exit-never');

describe('help for the trace commands', () => {
  it.each(COMMANDS)('podsim help %s prints its text, and --help lists it', async (cmd) => {
    expect(MAIN_HELP).toContain(`\n  podsim ${cmd} `);
    expect(await cli(['help', cmd])).toEqual({ code: 0, out: `${COMMAND_HELP[cmd]}\n`, err: '' });
    expect((await cli([cmd, '--help'])).out).toBe(`${COMMAND_HELP[cmd]}\n`);
  });
});

describe('refusals are one line and exit 2', () => {
  it.each([
    [['replay', 'nope.jsonl'], 'podsim: replay: nope.jsonl: no such file'],
    [['when', 'nope.jsonl', 'SIGKILL'], 'podsim: when: nope.jsonl: no such file'],
    [['explain', 'nope.jsonl', '3'], 'podsim: explain: nope.jsonl: no such file'],
    [
      ['when', SCENARIO, 'SIGKILL'],
      `podsim: when: ${SCENARIO} is not a podsim trace (write one with: podsim run FILE... --trace OUT)`,
    ],
    [
      ['explain', SCENARIO, '3'],
      `podsim: explain: ${SCENARIO} is not a podsim trace (write one with: podsim run FILE... --trace OUT)`,
    ],
    [
      ['replay', TRACE, '--verify', '--at', '1m'],
      'podsim: replay --verify compares the whole run: drop --at and -o',
    ],
    [
      ['replay', TRACE, '--at', 'soon'],
      'podsim: --at "soon": expected a duration such as 90s, 5m or 1h30m (at most 2562047h)',
    ],
    [['explain', TRACE, 'x7'], `podsim: explain: "x7" is not an event of ${TRACE} (seq 0 to 11)`],
    [['timeline', TRACE], 'podsim: timeline: give the output file with -o FILE.html'],
    [
      ['timeline', TRACE, '--colour', 'red', '-o', 'x.html'],
      "podsim: Unknown option '--colour'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--colour\"",
    ],
    [['diff', TRACE, 'nope.yaml'], 'nope.yaml:1:1: cannot read file: no such file'],
  ])('podsim %j', async (argv, line) => {
    const r = await cli(argv);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(line);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });
});
