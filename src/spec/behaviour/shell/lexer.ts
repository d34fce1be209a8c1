/**
 * POSIX shell tokens, enough of them to read the scripts people put in `sh -c`: words with their
 * quoting kept apart from expansions ($VAR, ${VAR}, $(…), `…`), operators, redirections,
 * comments, line continuations and here-documents (whose bodies are skipped).
 *
 * The lexer never executes anything and reports malformed input (an unterminated quote) as a
 * ShellSyntaxError, which the caller turns into a note.
 */
import { ShellSyntaxError } from './ast.js';
import type { Token, Word, WordPart } from './ast.js';

/** Longest first, so `&&` wins over `&` and `<<-` over `<<`. */
const OPERATORS = [
  '<<-',
  '&>>',
  '&&',
  '||',
  ';;',
  '>>',
  '>&',
  '>|',
  '<<',
  '<&',
  '<>',
  '&>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];

export function tokenize(src: string): Token[] {
  return new Lexer(src).run();
}

class Lexer {
  private i = 0;
  private readonly tokens: Token[] = [];
  private parts: WordPart[] = [];
  private raw = '';
  private inWord = false;
  /** Here-documents whose bodies start at the next newline. */
  private heredocs: Array<{ strip: boolean; delim?: string }> = [];

  constructor(private readonly s: string) {}

  run(): Token[] {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\\' && s[this.i + 1] === '\n') this.i += 2;
      else if (c === ' ' || c === '\t' || c === '\r') this.blank();
      else if (c === '\n') this.newline();
      else if (c === '#' && !this.inWord) this.skipComment();
      else if (c === "'") this.singleQuoted();
      else if (c === '"') this.doubleQuoted();
      else if (c === '`') this.backtick(false);
      else if (c === '$') this.dollar(false);
      else if (c === '\\') this.lit(s[this.i + 1] ?? '', true, 2);
      else if (!this.operator()) this.lit(c, false, 1);
    }
    this.endWord();
    return this.tokens;
  }

  private lit(text: string, quoted: boolean, advance: number): void {
    this.raw += this.s.slice(this.i, this.i + advance);
    this.i += advance;
    this.inWord = true;
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
    else this.parts.push({ kind: 'lit', text, quoted });
  }

  private endWord(): void {
    if (!this.inWord) return;
    const word: Word = { parts: this.parts, raw: this.raw };
    this.tokens.push({ type: 'word', word });
    const pending = this.heredocs.find((h) => h.delim === undefined);
    if (pending) pending.delim = word.parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
    this.parts = [];
    this.raw = '';
    this.inWord = false;
  }

  private blank(): void {
    this.endWord();
    this.i++;
  }

  private newline(): void {
    this.endWord();
    this.tokens.push({ type: 'newline' });
    this.i++;
    for (const h of this.heredocs) this.skipHeredoc(h.strip, h.delim ?? '');
    this.heredocs = [];
  }

  /** Skips a here-document body up to its delimiter line (or the end of the script). */
  private skipHeredoc(strip: boolean, delim: string): void {
    while (this.i < this.s.length) {
      const end = this.s.indexOf('\n', this.i);
      const line = this.s.slice(this.i, end < 0 ? this.s.length : end);
      this.i = end < 0 ? this.s.length : end + 1;
      if ((strip ? line.replace(/^\t+/, '') : line) === delim) return;
    }
  }

  private skipComment(): void {
    const end = this.s.indexOf('\n', this.i);
    this.i = end < 0 ? this.s.length : end;
  }

  private singleQuoted(): void {
    const end = this.s.indexOf("'", this.i + 1);
    if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
    const text = this.s.slice(this.i + 1, end);
    this.lit(text, true, end + 1 - this.i);
  }

  private doubleQuoted(): void {
    const s = this.s;
    this.raw += '"';
    this.i++;
    this.inWord = true;
    if (s[this.i] === '"') this.parts.push({ kind: 'lit', text: '', quoted: true });
    while (this.i < s.length && s[this.i] !== '"') {
      const c = s[this.i]!;
      const next = s[this.i + 1] ?? '';
      if (c === '\\' && '$`"\\\n'.includes(next) && next !== '') {
        // A backslash-newline inside double quotes joins the lines.
        if (next === '\n') this.skip(2);
        else this.lit(next, true, 2);
      } else if (c === '$') this.dollar(true);
      else if (c === '`') this.backtick(true);
      else this.lit(c, true, 1);
    }
    if (this.i >= s.length) throw new ShellSyntaxError('unterminated quoted string');
    this.raw += '"';
    this.i++;
  }

  private skip(n: number): void {
    this.raw += this.s.slice(this.i, this.i + n);
    this.i += n;
  }

  private backtick(quoted: boolean): void {
    const s = this.s;
    let j = this.i + 1;
    let script = '';
    while (j < s.length && s[j] !== '`') {
      // Inside backticks a backslash escapes only $, ` and \.
      const escaped = s[j] === '\\' && '$`\\'.includes(s[j + 1] ?? '') && j + 1 < s.length;
      script += escaped ? s[j + 1] : s[j];
      j += escaped ? 2 : 1;
    }
    if (j >= s.length) throw new ShellSyntaxError('unterminated `…` command substitution');
    this.push({ kind: 'cmdsub', script, quoted }, j + 1);
  }

  private push(part: WordPart, end: number): void {
    this.parts.push(part);
    this.raw += this.s.slice(this.i, end);
    this.i = end;
    this.inWord = true;
  }

  private dollar(quoted: boolean): void {
    const s = this.s;
    const next = s[this.i + 1] ?? '';
    if (next === '(' && s[this.i + 2] === '(') {
      const end = s.indexOf('))', this.i + 3);
      if (end < 0) throw new ShellSyntaxError('unterminated $((…))');
      this.push({ kind: 'arith', expr: s.slice(this.i + 3, end), quoted }, end + 2);
    } else if (next === '(') {
      const end = matchParen(s, this.i + 2);
      this.push({ kind: 'cmdsub', script: s.slice(this.i + 2, end), quoted }, end + 1);
    } else if (next === '{') {
      const end = s.indexOf('}', this.i + 2);
      if (end < 0) throw new ShellSyntaxError('unterminated ${…}');
      this.push({ kind: 'param', name: s.slice(this.i + 2, end), quoted }, end + 1);
    } else if (/[A-Za-z_]/.test(next)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.i + 1, this.i + 257))!;
      this.push({ kind: 'param', name: m[0], quoted }, this.i + 1 + m[0].length);
    } else if (/[0-9@*#?$!-]/.test(next) && next !== '') {
      this.push({ kind: 'param', name: next, quoted }, this.i + 2);
    } else this.lit('$', quoted, 1);
  }

  private operator(): boolean {
    const op = OPERATORS.find((o) => this.s.startsWith(o, this.i));
    if (!op) return false;
    const ioNumber =
      (op[0] === '<' || op[0] === '>') &&
      this.inWord &&
      /^\d+$/.test(this.raw) &&
      this.parts.every((p) => p.kind === 'lit' && !p.quoted);
    let text = op;
    if (ioNumber) {
      text = this.raw + op;
      this.parts = [];
      this.raw = '';
      this.inWord = false;
    } else this.endWord();
    this.tokens.push({ type: 'op', op: text });
    if (op === '<<' || op === '<<-') this.heredocs.push({ strip: op === '<<-' });
    this.i += op.length;
    return true;
  }
}

/** Index of the `)` closing a `$(` whose body starts at `from`, skipping quoted text. */
function matchParen(s: string, from: number): number {
  let depth = 1;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '\\') j++;
    else if (c === "'") {
      j = s.indexOf("'", j + 1);
      if (j < 0) break;
    } else if (c === '"') {
      for (j++; j < s.length && s[j] !== '"'; j++) if (s[j] === '\\') j++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  throw new ShellSyntaxError('unterminated $(…) command substitution');
}
