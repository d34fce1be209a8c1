/** The CLI's only contact with the outside world, so commands can be run in-process by tests. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  exists(path: string): boolean;
  /** Whether stdout is a terminal (colour, progress). */
  isTTY: boolean;
}

/** Exit codes (README "Exit codes"). */
export const EXIT = { ok: 0, different: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
