/**
 * Small text helpers that reproduce Go library behaviour kubectl output depends on.
 */

/**
 * Mirrors staging/src/k8s.io/cli-runtime/pkg/printers/terminal.go: kubectl replaces ESC with `^[`
 * and CR with `\r` in everything it prints (issue #101695), so object names and messages cannot
 * drive the terminal. Everything else (including markup) is printed as-is.
 */
export function escapeTerminal(s: string): string {
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** Go's unicode.IsSpace set, as used by strings.TrimSpace (unlike JS trim, no U+FEFF). */
const GO_SPACE =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

/** strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM_SPACE, '');
}

/** Number of Unicode code points, Go's utf8.RuneCountInString (tabwriter measures cells so). */
export function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Byte-wise (UTF-8) string order, as Go's sort.Strings and `<` on strings compare. For strings
 * without astral characters this equals UTF-16 order; surrogates are the only divergence.
 */
export function goStringLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y;
    if (x > 0xffff) i++;
  }
  return a.length < b.length;
}

/** fmt's %v for a []string: `[a b c]`. */
export function goStringSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}
