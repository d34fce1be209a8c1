/**
 * The podsim command line: argument parsing, files and exit codes. Every command is a function of
 * (argv, io) so tests run it in-process; bin/podsim.js binds it to the real process.
 */
import { InputErrors, formatInputError } from '../spec/errors.js';
import { TraceError } from '../trace/reader.js';
import { RunLimitError } from '../engine/simulation.js';
import { WriteError } from '../trace/writer.js';
import { VERSION } from '../version.js';
import { COMMAND_HELP, MAIN_HELP } from './help.js';
import { EXIT, UsageError } from './io.js';
import type { CliIO } from './io.js';
import { runCommand } from './runCommand.js';
import { getCommand, describeCommand } from './viewCommands.js';
import { replayCommand } from './replayCommand.js';
import { forkCommand } from './forkCommand.js';
import { whenCommand } from './whenCommand.js';
import { explainCommand } from './explainCommand.js';
import { diffCommand } from './diffCommand.js';
import { exportCommand, timelineCommand } from './artifactCommands.js';
import { checkCommand } from './checkCommand.js';
import { trafficCommand } from './trafficCommand.js';
import { rolloutCommand } from './rolloutCommand.js';

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === undefined || cmd === '--help' || cmd === '-h') {
      io.out(`${MAIN_HELP}\n`);
      return cmd === undefined ? EXIT.usage : EXIT.ok;
    }
    if (cmd === '--version' || cmd === 'version') {
      io.out(`podsim ${VERSION}\n`);
      return EXIT.ok;
    }
    if (cmd === 'help') {
      const topic = rest[0];
      if (topic === undefined || topic === 'help') io.out(`${MAIN_HELP}\n`);
      else if (COMMAND_HELP[topic]) io.out(`${COMMAND_HELP[topic]}\n`);
      else
        throw new UsageError(
          `unknown command "${topic}"; commands: ${Object.keys(COMMAND_HELP).join(', ')}`,
        );
      return EXIT.ok;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      const help = COMMAND_HELP[cmd];
      if (!help) throw new UsageError(`unknown command "${cmd}"; run 'podsim --help'`);
      io.out(`${help}\n`);
      return EXIT.ok;
    }
    switch (cmd) {
      case 'run':
        return await runCommand(rest, io);
      case 'get':
        return getCommand(rest, io);
      case 'describe':
        return describeCommand(rest, io);
      case 'replay':
        return replayCommand(rest, io);
      case 'fork':
        return forkCommand(rest, io);
      case 'when':
        return whenCommand(rest, io);
      case 'explain':
        return explainCommand(rest, io);
      case 'diff':
        return diffCommand(rest, io);
      case 'timeline':
        return timelineCommand(rest, io);
      case 'export':
        return exportCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'traffic':
        return trafficCommand(rest, io);
      case 'rollout':
        return rolloutCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${cmd}"; run 'podsim --help'`);
    }
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: CliIO): number {
  if (e instanceof InputErrors) {
    for (const x of e.errors) io.err(`${formatInputError(x)}\n`);
    for (const hint of new Set(e.errors.map((x) => x.hint)))
      if (hint !== undefined) io.err(`podsim: hint: ${hint}\n`);
    io.err(
      `podsim: ${e.errors.length} error${e.errors.length === 1 ? '' : 's'} in the input; nothing was run\n`,
    );
    return EXIT.usage;
  }
  if (e instanceof UsageError) {
    io.err(`podsim: ${e.message}\n`);
    return EXIT.usage;
  }
  if (e instanceof WriteError) {
    io.err(`podsim: ${e.message}\n`);
    return EXIT.usage;
  }
  if (e instanceof TraceError || e instanceof RunLimitError) {
    io.err(`podsim: ${e.message}\n`);
    return EXIT.usage;
  }
  if (isParseArgsError(e)) {
    io.err(`podsim: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  throw e;
}

function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
