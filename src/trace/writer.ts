/**
 * Writes traces (and other files) so that an interrupted run never leaves a partial file under the
 * real name. A JSON Lines trace is written as it is produced, to a temporary file next to the target that is renamed into
 * place only when complete: an interrupted run never leaves a partial trace under the real name and
 * never destroys an existing one.
 */
import {
  closeSync,
  existsSync,
  openSync,
  statSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SimEvent } from '../events/catalog.js';
import { eventLine } from './canonical.js';
import { headerLine, lineSize, MAX_LINE_BYTES } from './format.js';
import type { TraceHeader } from './format.js';
import { yamlTraceText } from './yamlTrace.js';

const FLUSH_BYTES = 1 << 20;

/** An output file that cannot be written (missing directory, a directory, no permission). */
export class WriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${writeReason(path, cause)}`);
    this.name = 'WriteError';
  }
}

function writeReason(path: string, e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `the directory ${dirname(path)} does not exist`;
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (e as Error).message;
  }
}

export class TraceWriter {
  private fd: number;
  private buf: string[] = [];
  private bufBytes = 0;
  private readonly tmp: string;
  private done = false;

  constructor(
    readonly path: string,
    header: TraceHeader,
  ) {
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    // A directory under the name would only fail the rename, after the whole run.
    assertWritable(path);
    removeStaleTemps(path);
    try {
      this.fd = openSync(this.tmp, 'w');
    } catch (e) {
      throw new WriteError(path, e);
    }
    try {
      this.line(headerLine(header));
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  write(ev: SimEvent): void {
    this.line(eventLine(ev));
  }

  private line(s: string): void {
    // A line podsim could not read back (the header holds every input file): refused, not written.
    if (s.length > MAX_LINE_BYTES / 3 && Buffer.byteLength(s, 'utf8') > MAX_LINE_BYTES)
      throw new WriteError(
        this.path,
        new Error(
          `a trace line would be longer than ${lineSize(MAX_LINE_BYTES)}, the most podsim reads back (the input files are too large together)`,
        ),
      );
    this.buf.push(s);
    this.bufBytes += s.length + 1;
    if (this.bufBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, `${this.buf.join('\n')}\n`);
    this.buf = [];
    this.bufBytes = 0;
  }

  /** Completes the file and moves it into place. */
  close(): void {
    if (this.done) return;
    this.flush();
    closeSync(this.fd);
    try {
      renameSync(this.tmp, this.path);
    } catch (e) {
      this.done = true;
      try {
        unlinkSync(this.tmp);
      } catch {
        /* already gone */
      }
      throw new WriteError(this.path, e);
    }
    this.done = true;
  }

  /** Drops the partial file (on error or interrupt); the target is left untouched. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      /* already gone */
    }
  }
}

/** Whole-file writes: the text goes to a temporary file beside the target, then is renamed over it. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* never created, or already renamed */
    }
    throw new WriteError(path, e);
  }
}

/**
 * Where `podsim run --trace OUT` writes: JSON Lines, streamed (any size), or — when OUT ends in
 * .yaml or .yml — the YAML form, kept in memory and written whole at the end (small runs).
 */
export interface TraceSink {
  write(ev: SimEvent): void;
  /** Completes the file and moves it into place. */
  close(): void;
  /** Drops what was written; an existing file under the name is left untouched. */
  abort(): void;
}

export const isYamlTracePath = (path: string): boolean => /\.ya?ml$/i.test(path);

/**
 * Throws the WriteError writing `path` would end in when its directory is missing or it is a
 * directory: for outputs written at the end of long work (a check's result, a YAML trace).
 */
export function assertWritable(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new WriteError(path, { code: 'ENOENT' });
  if (existsSync(path) && statSync(path).isDirectory())
    throw new WriteError(path, { code: 'EISDIR' });
}

export function openTraceSink(path: string, header: TraceHeader): TraceSink {
  if (!isYamlTracePath(path)) return new TraceWriter(path, header);
  // Written whole at the end: say now, not after the run, that it cannot be.
  assertWritable(path);
  const events: SimEvent[] = [];
  let done = false;
  return {
    write: (ev) => void events.push(ev),
    close: () => {
      if (done) return;
      done = true;
      writeFileAtomic(path, yamlTraceText(header, events));
    },
    abort: () => {
      done = true;
    },
  };
}

/**
 * A run killed mid-write (Ctrl-C) leaves its temporary file beside the target; the next run to
 * the same target removes those whose process is gone. Files of live processes are left alone.
 */
function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length, -'.tmp'.length));
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
    } catch {
      /* already gone */
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
