/**
 * The state of one modelled run: the program steps produced so far, virtual elapsed time, the
 * shell's variables and working directory, traps, background jobs, and the servers started.
 * Emission enforces the step and work caps: past them, time and endings stay exact while
 * filesystem effects are dropped (with one note), so hostile scripts stay cheap.
 */
import type { SigtermReaction, Step } from '../../../model/behaviour.js';
import type { Millis } from '../../../model/time.js';
import type { CatalogueEntry } from '../catalogue/index.js';
import { BEHAVIOUR_LIMITS, capSleep, humanDuration } from '../limits.js';

const MORE_NOTES = 'podsim made further assumptions about this command that are not listed';

export interface RunContext {
  /** The container image's catalogue entry, if any. */
  image?: CatalogueEntry;
  /** The pod's namespace, when known (for the service-account namespace file). */
  namespace?: string;
  /** Environment variables whose values podsim knows. */
  env: ReadonlyMap<string, string>;
  /** Names of all environment variables set (known value or not), and whether envFrom adds more. */
  envNames: ReadonlySet<string>;
  envFrom: boolean;
  /** A run-to-completion init container: unknown programs are assumed to finish. */
  initContainer: boolean;
}

/** A server process started by the program. `entry` is undefined for an unknown program. */
export interface ServerStart {
  entry?: CatalogueEntry;
  name: string;
  ports?: number[];
  atMs: Millis;
}

/** The program that holds PID 1 once the shell exec'd it (the shell itself until then). */
export type Pid1 =
  | { kind: 'shell'; name: string }
  | { kind: 'program'; name: string; reaction: SigtermReaction; note?: string };

/** What `trap … TERM` set: whether the handler exits, and with which status. */
export interface TermTrap {
  text: string;
  /** A number, 'status' for a bare `exit` (the status of the interrupted command), or undefined. */
  exitCode?: number | 'status';
  /** Time the handler sleeps before it exits. */
  delayMs: number;
  understood: boolean;
}

export class RunState {
  readonly steps: Step[] = [];
  readonly notes: string[] = [];
  understood = true;
  status = 0;
  elapsed = 0;
  work = 0;
  depth = 0;
  cwd = '/';
  /** The running shell's name (`sh`, `bash`…): bash alone expands `{1..10}`. */
  shellName = 'sh';
  vars = new Map<string, string>();
  positional: string[] = [];
  /** The program ended (exit, exec'd program finished) or blocks forever: nothing more runs. */
  ended: 'exit' | 'forever' | undefined;
  loopControl: 'break' | 'continue' | undefined;
  /** Loops being run: `break` and `continue` outside any loop do nothing. */
  loopDepth = 0;
  errexit = false;
  /** The running command's standard output goes to a file or /dev/null, not to the log. */
  stdoutRedirected = false;
  /** Inside a condition (if/while/until, left of && or ||, after !), where errexit is off. */
  conditionDepth = 0;
  trap: TermTrap | undefined;
  trapsTerm = false;
  /** Longest foreground wait since the TERM trap was set (the trap runs only after it). */
  foregroundBlockMs = 0;
  lastBlock: 'foreground' | 'wait' | undefined;
  pid1: Pid1 = { kind: 'shell', name: 'sh' };
  /** The process being modelled is the container's PID 1 (not a child shell or subshell). */
  isPid1 = true;
  /** End times of background jobs (Infinity for jobs that never end). */
  jobs: number[] = [];
  /** Set while a background job (`cmd &`) is being modelled. */
  background: { durationMs: number; ended: boolean; sleptYet: boolean } | undefined;
  servers: ServerStart[] = [];
  /** A wait of unknown length (a Service lookup) happened: elapsed is a lower bound. */
  timeUncertain = false;
  private overflowNoted = false;

  constructor(readonly ctx: RunContext) {
    this.vars = new Map(ctx.env);
  }

  /** Nothing more runs in the current flow (the program ended, a job ended, or a loop broke). */
  halted(): boolean {
    return this.ended !== undefined || this.background?.ended === true || !!this.loopControl;
  }

  overBudget(): boolean {
    return this.steps.length >= BEHAVIOUR_LIMITS.maxSteps || this.work >= BEHAVIOUR_LIMITS.maxWork;
  }

  note(text: string): void {
    if (this.notes.includes(text)) return;
    if (this.notes.length < BEHAVIOUR_LIMITS.maxNotes) this.notes.push(text);
    else if (this.notes.length === BEHAVIOUR_LIMITS.maxNotes) this.notes.push(MORE_NOTES);
  }

  /** Records something podsim does not model. */
  unknown(text: string): void {
    this.understood = false;
    this.note(text);
  }

  emit(step: Step): void {
    if (this.halted()) return;
    if (this.background) return this.emitInBackground(step);
    if (step.kind === 'sleep') this.elapsed += step.ms;
    if (this.steps.length < BEHAVIOUR_LIMITS.maxSteps) {
      this.steps.push(step);
      return;
    }
    const last = this.steps[this.steps.length - 1];
    if (step.kind === 'sleep' && last?.kind === 'sleep') {
      last.ms = capSleep(last.ms + step.ms).ms;
    } else if (step.kind !== 'touch' && step.kind !== 'rm' && step.kind !== 'echo') {
      if (this.steps.length < BEHAVIOUR_LIMITS.maxSteps + 64) this.steps.push(step);
    }
    if (!this.overflowNoted && (step.kind === 'touch' || step.kind === 'rm')) {
      this.overflowNoted = true;
      this.note(
        `podsim stopped following file changes after ${BEHAVIOUR_LIMITS.maxSteps} steps; ` +
          'later steps keep only their timing and exit',
      );
    }
  }

  /**
   * A background job's effects: those before its first sleep happen now; later ones would happen
   * while the shell goes on, which one program cannot express, so they are dropped with a note.
   */
  private emitInBackground(step: Step): void {
    const job = this.background!;
    if (step.kind === 'sleep') {
      job.durationMs += step.ms;
      job.sleptYet = true;
    } else if (step.kind === 'serve' || step.kind === 'waitForService') job.durationMs = Infinity;
    else if (step.kind === 'exit') job.ended = true;
    else if (!job.sleptYet) {
      this.background = undefined;
      this.emit(step);
      this.background = job;
    } else this.note('podsim ignores what a background job does after its first sleep');
  }

  /** A wait: `how` says whether a TERM trap may interrupt it (`wait`) or must wait for it. */
  sleep(ms: number, how: 'foreground' | 'wait'): void {
    if (ms === Infinity) return this.forever(how, Infinity);
    const { ms: capped, capped: wasCapped } = capSleep(ms);
    if (wasCapped) this.note(`podsim capped a sleep of ${ms} ms at ${humanDuration(capped)}`);
    this.block(how, capped);
    this.emit({ kind: 'sleep', ms: capped });
  }

  /** The program waits and never goes on by itself (`sleep infinity`, `while true`, a server). */
  forever(how: 'foreground' | 'wait', blockMs: number): void {
    this.block(how, blockMs);
    this.emit({ kind: 'serve' });
    if (this.background) this.background.ended = true;
    else if (!this.halted()) this.ended = 'forever';
  }

  block(how: 'foreground' | 'wait', ms: number): void {
    if (this.background || this.halted()) return;
    this.lastBlock = how;
    if (this.trap && how === 'foreground') {
      this.foregroundBlockMs = Math.max(this.foregroundBlockMs, ms);
    }
  }

  /**
   * `exit`: ends the current process. Only the container's PID 1 ending is a program step; a
   * child shell or subshell ending just hands its status back to its parent.
   */
  exit(code: number): void {
    if (this.halted()) return;
    this.status = code;
    if (this.background) {
      this.background.ended = true;
      return;
    }
    if (this.isPid1) this.emit({ kind: 'exit', code });
    this.ended = 'exit';
  }

  /** Virtual time now, counting a background job's own sleeps from when it started. */
  now(): Millis {
    return this.elapsed + (this.background?.durationMs ?? 0);
  }
}
