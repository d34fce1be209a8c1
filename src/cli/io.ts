/** The CLI's only contact with the outside world, so commands can be run in-process by tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  exists(path: string): boolean;
  /** Whether stdout is a terminal (colour, progress). */
  isTTY: boolean;
  /**
   * Progress display (podsim check's bar): given only when stderr is a terminal and CI is not
   * set; `now` is a wall clock in ms, used for nothing but throttling the display.
   */
  progress?: { write(text: string): void; now(): number };
}

/** Exit codes (README "Exit codes"). */
export const EXIT = { ok: 0, different: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
