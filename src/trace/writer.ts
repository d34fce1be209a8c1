/**
 * Writes a trace as it is produced, to a temporary file next to the target that is renamed into
 * place only when complete: an interrupted run never leaves a partial trace under the real name and
 * never destroys an existing one.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { SimEvent } from '../events/catalog.js';
import { eventLine } from './canonical.js';
import { headerLine } from './format.js';
import type { TraceHeader } from './format.js';

const FLUSH_BYTES = 1 << 20;

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
    this.fd = openSync(this.tmp, 'w');
    this.line(headerLine(header));
  }

  write(ev: SimEvent): void {
    this.line(eventLine(ev));
  }

  private line(s: string): void {
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
    renameSync(this.tmp, this.path);
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
