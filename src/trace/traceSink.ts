/**
 * Where `podsim run --trace OUT` writes: JSON Lines, streamed (any size), or — when OUT ends in
 * .yaml or .yml — the YAML form, kept in memory and written whole at the end (small runs).
 */
import type { SimEvent } from '../events/catalog.js';
import { writeFileAtomic } from './atomicWrite.js';
import type { TraceHeader } from './format.js';
import { TraceWriter } from './writer.js';
import { yamlTraceText } from './yamlTrace.js';

export interface TraceSink {
  write(ev: SimEvent): void;
  /** Completes the file and moves it into place. */
  close(): void;
  /** Drops what was written; an existing file under the name is left untouched. */
  abort(): void;
}

export const isYamlTracePath = (path: string): boolean => /\.ya?ml$/i.test(path);

export function openTraceSink(path: string, header: TraceHeader): TraceSink {
  if (!isYamlTracePath(path)) return new TraceWriter(path, header);
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
