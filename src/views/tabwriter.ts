/**
 * A port of Go's text/tabwriter (elastic tabstops) with the RememberWidths extension of
 * github.com/liggitt/tabwriter, which kubectl uses for tables.
 *
 * - `kubectl get` (cli-runtime pkg/printers GetNewTabWriter): minwidth 6, tabwidth 4, padding 3,
 *   padchar ' ', flags RememberWidths.
 * - `kubectl describe` (describe.go tabbedString): minwidth 0, tabwidth 8, padding 2, padchar ' ',
 *   flags 0.
 *
 * Cells are tab-terminated: the text after the last tab of a line is not part of any column and
 * is never padded. A column block is a run of consecutive lines that have a cell in that column;
 * each block is as wide as its widest cell plus padding. Widths are counted in runes.
 */
import { runeCount } from './goText.js';

export interface TabWriterOptions {
  readonly minwidth: number;
  readonly padding: number;
  /** liggitt/tabwriter RememberWidths: keep per-column maximum widths across flushes. */
  readonly rememberWidths?: boolean;
}

interface Cell {
  readonly text: string;
  readonly width: number;
  /** Terminated by '\t' (hard) rather than '\v' (soft). */
  readonly htab: boolean;
}

export class TabWriter {
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private readonly maxwidths: number[] = [];
  private out = '';

  constructor(private readonly options: TabWriterOptions) {}

  /** Writes text; '\t' and '\v' end a cell, '\n' and '\f' end a line ('\f' also flushes). */
  write(text: string): void {
    for (const ch of text) {
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') {
        this.cell += ch;
        continue;
      }
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A line with a single cell cannot influence later columns, so Go flushes there too.
        if (ch === '\f' || ncells === 1) this.flushBuffered();
      }
    }
  }

  /** Formats everything buffered and returns all output produced since the previous flush. */
  flush(): string {
    this.flushBuffered();
    const result = this.out;
    this.out = '';
    return result;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private flushBuffered(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current]!.length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(line0, current);
      line0 = current;
      let width = this.options.minwidth;
      for (; current < line1; current++) {
        const line = this.lines[current]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.options.padding);
      }
      if (this.options.rememberWidths) width = this.remember(width);
      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, line1);
  }

  /** liggitt/tabwriter format(): the remembered width of a column only ever grows. */
  private remember(width: number): number {
    const depth = this.widths.length;
    if (this.maxwidths.length < depth)
      this.maxwidths.push(...this.widths.slice(this.maxwidths.length));
    if (this.maxwidths.length === depth) {
      this.maxwidths.push(width);
      return width;
    }
    const known = this.maxwidths[depth]!;
    if (known > width) return known;
    this.maxwidths[depth] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      line.forEach((c, j) => {
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(this.widths[j]! - c.width);
      });
      // The last buffered line has no newline of its own (it is the unterminated remainder).
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }
}
