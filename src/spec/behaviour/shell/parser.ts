/**
 * A recursive-descent parser for the POSIX shell grammar (lists, and-or lists, pipelines,
 * `while`/`until`/`for`/`if`, brace groups and subshells, redirections, assignments). Reserved
 * words count only where a command starts, as in a real shell, so `echo done` is an echo.
 * Nesting is bounded (ShellLimitError) because the input is untrusted.
 */
import { BEHAVIOUR_LIMITS } from '../limits.js';
import { ShellLimitError, ShellSyntaxError, plainText } from './ast.js';
import type { Node, Redirect, Word } from './ast.js';
import { REDIRECT, TokenCursor } from './cursor.js';
import { tokenize } from './lexer.js';

export function parseScript(script: string): Node {
  return new Parser(tokenize(script)).program();
}

class Parser extends TokenCursor {
  private depth = 0;

  program(): Node {
    const list = this.list(new Set());
    if (this.pos < this.toks.length) throw new ShellSyntaxError(`unexpected ${this.describe()}`);
    return list;
  }

  private list(stops: ReadonlySet<string>): Node {
    const items: Array<{ node: Node; background: boolean }> = [];
    this.skipNewlines();
    while (!this.atStop(stops)) {
      const node = this.andOr();
      const background = this.isOp('&');
      if (background || this.isOp(';')) this.pos++;
      else if (this.peek()?.type !== 'newline' && !this.atStop(stops)) {
        throw new ShellSyntaxError(`unexpected ${this.describe()}`);
      }
      items.push({ node, background });
      this.skipNewlines();
    }
    return { type: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: Array<{ op: '&&' | '||'; node: Node }> = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.peek() as { op: '&&' | '||' }).op;
      this.pos++;
      this.skipNewlines();
      rest.push({ op, node: this.pipeline() });
    }
    return rest.length ? { type: 'andOr', first, rest } : first;
  }

  private pipeline(): Node {
    const negate = this.isWord('!');
    if (negate) this.pos++;
    const commands = [this.command()];
    while (this.isOp('|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return negate || commands.length > 1 ? { type: 'pipeline', negate, commands } : commands[0]!;
  }

  private command(): Node {
    if (++this.depth > BEHAVIOUR_LIMITS.maxDepth) {
      throw new ShellLimitError(`commands nested deeper than ${BEHAVIOUR_LIMITS.maxDepth}`);
    }
    try {
      return this.compoundOrSimple();
    } finally {
      this.depth--;
    }
  }

  private compoundOrSimple(): Node {
    const t = this.peek();
    if (t?.type === 'op' && t.op === '(') return this.group(true);
    if (t?.type !== 'word') throw new ShellSyntaxError(`unexpected ${this.describe()}`);
    switch (plainText(t.word)) {
      case 'while':
      case 'until':
        return this.loop();
      case 'for':
        return this.forLoop();
      case 'if':
        return this.ifClause();
      case '{':
        return this.group(false);
      case 'case':
        return this.skipUntil('case', 'esac', 'case … esac');
    }
    const next = this.toks[this.pos + 1];
    const opens = next?.type === 'op' && next.op === '(';
    if (opens && /^[A-Za-z_][A-Za-z0-9_]*=$/.test(t.word.raw)) return this.arrayAssignment();
    if (plainText(t.word) === 'function' || (opens && plainText(t.word) !== undefined)) {
      return this.functionDefinition();
    }
    return this.simple();
  }

  private loop(): Node {
    const until = this.isWord('until');
    this.pos++;
    const cond = this.list(new Set(['do']));
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    this.redirects();
    return { type: 'loop', until, cond, body };
  }

  private forLoop(): Node {
    this.pos++;
    if (this.isOp('(')) return this.skipUntil('for', 'done', 'for ((…)) loop');
    const nameTok = this.peek();
    const name = nameTok?.type === 'word' ? plainText(nameTok.word) : undefined;
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ShellSyntaxError(`bad for loop variable ${this.describe()}`);
    }
    this.pos++;
    let words: Word[] | undefined;
    this.skipNewlines();
    if (this.isWord('in')) {
      this.pos++;
      words = [];
      for (let t = this.peek(); t?.type === 'word'; t = this.peek()) {
        words.push(t.word);
        this.pos++;
      }
    }
    if (this.isOp(';')) this.pos++;
    this.skipNewlines();
    this.expectWord('do');
    const body = this.list(new Set(['done']));
    this.expectWord('done');
    this.redirects();
    return { type: 'for', name, words, body };
  }

  private ifClause(): Node {
    const branches: Array<{ cond: Node; body: Node }> = [];
    let otherwise: Node | undefined;
    do {
      this.pos++; // `if` or `elif`
      const cond = this.list(new Set(['then']));
      this.expectWord('then');
      branches.push({ cond, body: this.list(new Set(['elif', 'else', 'fi'])) });
    } while (this.isWord('elif'));
    if (this.isWord('else')) {
      this.pos++;
      otherwise = this.list(new Set(['fi']));
    }
    this.expectWord('fi');
    this.redirects();
    return { type: 'if', branches, otherwise };
  }

  private group(subshell: boolean): Node {
    this.pos++;
    const body = this.list(new Set(subshell ? [] : ['}']));
    if (subshell) {
      if (!this.isOp(')')) throw new ShellSyntaxError(`expected ")" but found ${this.describe()}`);
      this.pos++;
    } else this.expectWord('}');
    return { type: 'group', subshell, body, redirects: this.redirects() };
  }

  /** `name() compound` or bash's `function name [()] compound`: read, not followed. */
  private functionDefinition(): Node {
    const start = this.pos;
    if (this.isWord('function')) this.pos++;
    this.pos++; // the name
    if (this.isOp('(')) {
      this.pos++;
      if (!this.isOp(')')) throw new ShellSyntaxError(`expected ")" but found ${this.describe()}`);
      this.pos++;
    }
    this.skipNewlines();
    this.command();
    return { type: 'unsupported', what: 'function definition', text: this.textFrom(start) };
  }

  /** bash's `name=(a b c)`: an assignment whose array value podsim does not need. */
  private arrayAssignment(): Node {
    const word = (this.peek() as { word: Word }).word;
    this.pos += 2;
    while (this.peek()?.type === 'word' || this.peek()?.type === 'newline') this.pos++;
    if (!this.isOp(')')) throw new ShellSyntaxError(`expected ")" but found ${this.describe()}`);
    this.pos++;
    return { type: 'simple', assigns: [word], words: [], redirects: [] };
  }

  /** Skips a construct podsim does not follow, balancing nested openers and closers. */
  private skipUntil(open: string, close: string, what: string): Node {
    const start = this.pos;
    let depth = 0;
    for (let t = this.peek(); t; t = this.peek()) {
      this.pos++;
      const text = t.type === 'word' ? plainText(t.word) : undefined;
      if (text === open || (open === 'for' && (text === 'while' || text === 'until'))) depth++;
      if (text === close && --depth <= 0)
        return { type: 'unsupported', what, text: this.textFrom(start) };
    }
    throw new ShellSyntaxError(`missing "${close}"`);
  }

  private simple(): Node {
    const assigns: Word[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (let t = this.peek(); t; t = this.peek()) {
      if (t.type === 'op' && REDIRECT.test(t.op)) redirects.push(...this.redirects());
      else if (t.type !== 'word') break;
      else {
        const isAssign = words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.word.raw);
        (isAssign ? assigns : words).push(t.word);
        this.pos++;
      }
    }
    if (!assigns.length && !words.length && !redirects.length) {
      throw new ShellSyntaxError(`unexpected ${this.describe()}`);
    }
    return { type: 'simple', assigns, words, redirects };
  }
}
