/**
 * The shell syntax tree podsim reads scripts into. It covers the POSIX grammar that container
 * commands use in practice; constructs podsim does not follow (`case`, functions, arithmetic
 * loops) become `unsupported` nodes so that the rest of the script is still modelled.
 */

/** A piece of a word: literal text, or an expansion left for the interpreter. */
export type WordPart =
  /** Literal text; `quoted` text is never split into fields or globbed. */
  | { kind: 'lit'; text: string; quoted: boolean }
  /** `$NAME`, `${NAME}`, `$1`, `$?`; `name` holds what stood between the braces. */
  | { kind: 'param'; name: string; quoted: boolean }
  /** `$(…)` or `` `…` ``: the script inside. */
  | { kind: 'cmdsub'; script: string; quoted: boolean }
  /** `$((…))`. */
  | { kind: 'arith'; expr: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
  /** The word as written, for notes. */
  raw: string;
}

export type Token =
  | { type: 'word'; word: Word }
  /** Control operators and redirections; an IO number is kept in front (`2>`). */
  | { type: 'op'; op: string }
  | { type: 'newline' };

/** A redirection: `> F`, `>> F`, `2>&1`, `< F`, `<< EOF`. */
export interface Redirect {
  op: string;
  target: Word;
}

export type Node =
  | { type: 'simple'; assigns: Word[]; words: Word[]; redirects: Redirect[] }
  | { type: 'pipeline'; negate: boolean; commands: Node[] }
  | { type: 'andOr'; first: Node; rest: Array<{ op: '&&' | '||'; node: Node }> }
  | { type: 'list'; items: Array<{ node: Node; background: boolean }> }
  | { type: 'loop'; until: boolean; cond: Node; body: Node }
  | { type: 'for'; name: string; words: Word[] | undefined; body: Node }
  | { type: 'if'; branches: Array<{ cond: Node; body: Node }>; otherwise?: Node }
  | { type: 'group'; subshell: boolean; body: Node; redirects: Redirect[] }
  | { type: 'unsupported'; what: string; text: string };

/** Malformed input: a real shell would stop with "syntax error" (exit status 2). */
export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError';
}

/** Input beyond podsim's bounds (nesting depth): not an error of the script itself. */
export class ShellLimitError extends Error {
  override readonly name = 'ShellLimitError';
}

/** The literal text of a word when it has no expansions and no quotes, else undefined. */
export function plainText(word: Word): string | undefined {
  if (word.parts.length !== 1) return undefined;
  const p = word.parts[0]!;
  return p.kind === 'lit' && !p.quoted ? p.text : undefined;
}

/** A command's text as written, for notes. */
export function nodeText(node: Node): string {
  switch (node.type) {
    case 'simple':
      return [...node.assigns, ...node.words].map((w) => w.raw).join(' ');
    case 'pipeline':
      return `${node.negate ? '! ' : ''}${node.commands.map(nodeText).join(' | ')}`;
    case 'andOr':
      return [nodeText(node.first), ...node.rest.map((r) => `${r.op} ${nodeText(r.node)}`)].join(
        ' ',
      );
    case 'list':
      return node.items.map((i) => nodeText(i.node) + (i.background ? ' &' : '')).join('; ');
    case 'loop':
      return `${node.until ? 'until' : 'while'} ${nodeText(node.cond)}; do …; done`;
    case 'for':
      return `for ${node.name} in ${(node.words ?? []).map((w) => w.raw).join(' ')}; do …; done`;
    case 'if':
      return `if ${nodeText(node.branches[0]!.cond)}; then …; fi`;
    case 'group':
      return node.subshell ? `( ${nodeText(node.body)} )` : `{ ${nodeText(node.body)}; }`;
    case 'unsupported':
      return node.text;
  }
}
