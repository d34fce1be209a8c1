/**
 * The writer `kubectl describe` prints through. Mirrors staging/src/k8s.io/kubectl/pkg/describe
 * describe.go: tabbedString (a text/tabwriter with minwidth 0, tabwidth 8, padding 2, padchar ' ')
 * and prefixWriter (two spaces per level, output passed through printers.WriteEscaped).
 */
import { escapeTerminal } from '../goText.js';
import { TabWriter } from '../tabwriter.js';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export class PrefixWriter {
  private readonly tabs = new TabWriter({ minwidth: 0, padding: 2 });
  private out = '';

  /** prefixWriter.Write: `level` indents of two spaces, then the already formatted text. */
  write(level: number, text: string): void {
    this.tabs.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** prefixWriter.WriteLine: the text and a newline, without indentation. */
  writeLine(text: string): void {
    this.write(LEVEL_0, `${text}\n`);
  }

  /** Ends the current alignment section (DescribeEvents flushes before the Events table). */
  flush(): void {
    this.out += this.tabs.flush();
  }

  /** Everything written, flushed. */
  toString(): string {
    this.flush();
    return this.out;
  }
}
