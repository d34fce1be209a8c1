/**
 * A cursor over shell tokens: the lookahead and matching the parser needs, kept apart from the
 * grammar itself. Reserved words are recognised here only when asked for, because a shell treats
 * `do` or `done` as reserved only where a command starts.
 */
import { ShellSyntaxError, plainText } from './ast.js';
import type { Redirect, Token } from './ast.js';

/** Redirection operators, with an optional IO number in front (`2>`, `2>&1`'s `>&`). */
export const REDIRECT = /^\d*(?:>>|>&|>\||<<-|<<|<&|<>|&>>|&>|<|>)$/;

export class TokenCursor {
  protected pos = 0;

  constructor(protected readonly toks: Token[]) {}

  protected peek(): Token | undefined {
    return this.toks[this.pos];
  }

  protected describe(): string {
    const t = this.peek();
    if (!t) return 'end of script';
    if (t.type === 'newline') return 'newline';
    return `"${t.type === 'op' ? t.op : t.word.raw}"`;
  }

  protected isOp(op: string): boolean {
    const t = this.peek();
    return t?.type === 'op' && t.op === op;
  }

  /** The token is the reserved word `w` (an unquoted word in command position). */
  protected isWord(w: string): boolean {
    const t = this.peek();
    return t?.type === 'word' && plainText(t.word) === w;
  }

  protected expectWord(w: string): void {
    if (!this.isWord(w)) throw new ShellSyntaxError(`expected "${w}" but found ${this.describe()}`);
    this.pos++;
  }

  protected skipNewlines(): void {
    while (this.peek()?.type === 'newline') this.pos++;
  }

  protected atStop(stops: ReadonlySet<string>): boolean {
    const t = this.peek();
    if (!t) return true;
    if (t.type === 'op') return t.op === ')' || t.op === ';;';
    if (t.type !== 'word') return false;
    const text = plainText(t.word);
    return text !== undefined && stops.has(text);
  }

  protected textFrom(start: number): string {
    return this.toks
      .slice(start, this.pos)
      .map((t) => (t.type === 'word' ? t.word.raw : t.type === 'op' ? t.op : ';'))
      .join(' ');
  }

  protected redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.type === 'op' && REDIRECT.test(t.op); t = this.peek()) {
      this.pos++;
      const target = this.peek();
      if (target?.type !== 'word') throw new ShellSyntaxError(`redirection without a target`);
      this.pos++;
      out.push({ op: t.op, target: target.word });
    }
    return out;
  }
}
