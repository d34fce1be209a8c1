/**
 * `kubectl get` tables and `kubectl get -w` lines: the cli-runtime human-readable printer
 * (staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go printTable) writing into the
 * tabwriter returned by GetNewTabWriter (minwidth 6, tabwidth 4, padding 3, RememberWidths).
 */
import { escapeTerminal } from './goText.js';
import { TabWriter } from './tabwriter.js';

/** The tabwriter settings of cli-runtime's GetNewTabWriter. */
export function newGetTabWriter(): TabWriter {
  return new TabWriter({ minwidth: 6, padding: 3, rememberWidths: true });
}

/**
 * One cell as printTable writes it: cut at the first newline, carriage return or formfeed (which
 * the tabwriter would treat as a line break) with `...` appended, and terminal-escaped.
 */
export function tableCell(value: string): string {
  const cut = value.search(/[\f\n\r]/);
  return cut >= 0 ? `${escapeTerminal(value.slice(0, cut))}...` : escapeTerminal(value);
}

/** Header line: column names upper-cased (strings.ToUpper), tab-separated. */
export function tableHeaderLine(header: readonly string[]): string {
  return `${header.map((name) => name.toUpperCase()).join('\t')}\n`;
}

/** Row line: cells tab-separated; the last cell is not tab-terminated, so it is never padded. */
export function tableRowLine(cells: readonly string[]): string {
  return `${cells.map(tableCell).join('\t')}\n`;
}

/**
 * A complete `kubectl get` table: header and rows aligned together, columns separated by at least
 * three spaces. With no rows kubectl prints no header at all (it reports "No resources found" on
 * stderr instead), so this returns an empty string.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) return '';
  const w = newGetTabWriter();
  w.write(tableHeaderLine(header));
  for (const row of rows) w.write(tableRowLine(row));
  return w.flush();
}

/**
 * `kubectl get -w`. Mirrors staging/src/k8s.io/kubectl/pkg/cmd/get/get.go (GetOptions.watch): one
 * tabwriter is created for the whole watch; the current objects are printed and flushed together,
 * then every watch event is printed and flushed on its own. The tabwriter has RememberWidths set, so a later
 * line is padded to the widest cell seen so far in each column (earlier lines are never re-padded,
 * and a wider cell only widens the lines after it). The header is printed once, by the first
 * flush that has rows (cli-runtime tableprinter.go HumanReadablePrinter.printedHeaders).
 */
export interface WatchPrinter {
  /** Prints the initial listing (header and rows aligned together) as one flush. */
  list(rows: readonly (readonly string[])[]): string;
  /** Prints one watch event as one flush (with the header first if nothing was printed yet). */
  line(row: readonly string[]): string;
}

export function createWatchPrinter(header: readonly string[]): WatchPrinter {
  const writer = newGetTabWriter();
  let printedHeader = false;
  const flush = (rows: readonly (readonly string[])[]): string => {
    if (rows.length === 0) return '';
    if (!printedHeader) {
      writer.write(tableHeaderLine(header));
      printedHeader = true;
    }
    for (const row of rows) writer.write(tableRowLine(row));
    return writer.flush();
  };
  return { list: flush, line: (row) => flush([row]) };
}
