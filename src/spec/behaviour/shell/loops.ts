/**
 * Loops. `for` loops are unrolled (variables bound per round) until the step or work budget runs
 * out, after which the remaining rounds become one sleep of the same total length. `while` and
 * `until` loops over modelled conditions repeat identically once they have run a round, so after
 * the rounds that change files they become a `serve` step (they never end). A loop that polls
 * `nslookup SVC` becomes a waitForService step.
 */
import type { Step } from '../../../model/behaviour.js';
import { isModelled } from '../commands/dispatch.js';
import { humanDuration, parseSleepOperands, quote } from '../limits.js';
import { nodeText, plainText } from './ast.js';
import type { Node } from './ast.js';
import { expandWords, seqRange } from './expand.js';
import type { RunState } from './state.js';
import { serviceWait } from './serviceWait.js';

type Eval = (node: Node, st: RunState, last: boolean) => void;
type ForNode = Extract<Node, { type: 'for' }>;
type LoopNode = Extract<Node, { type: 'loop' }>;

export function runFor(node: ForNode, st: RunState, evalNode: Eval): void {
  st.loopDepth++;
  try {
    unrollFor(node, st, evalNode);
  } finally {
    st.loopDepth--;
  }
}

function unrollFor(node: ForNode, st: RunState, evalNode: Eval): void {
  const values = forValues(node, st);
  let lastRoundMs = 0;
  for (let k = 0; k < values.count; k++) {
    if (st.halted()) break;
    if (k > 0 && st.overBudget()) {
      const remaining = values.count - k;
      const ms = remaining * lastRoundMs;
      if (ms > 0) st.sleep(ms, 'foreground');
      st.note(
        `podsim unrolled ${k} of ${values.count} rounds of ${quote(nodeText(node))}; the other ` +
          `${remaining} are modelled as one sleep of ${humanDuration(ms)}`,
      );
      break;
    }
    const t0 = st.now();
    st.vars.set(node.name, values.at(k));
    evalNode(node.body, st, false);
    lastRoundMs = st.now() - t0;
    const control = st.loopControl;
    st.loopControl = undefined;
    if (control === 'break') break;
  }
  if (!st.halted()) st.status = 0;
}

function forValues(node: ForNode, st: RunState): { count: number; at: (i: number) => string } {
  const words = node.words;
  if (words === undefined) {
    const args = st.positional.slice(1);
    return { count: args.length, at: (i) => args[i]! };
  }
  // `$(seq 1 N)` and `` `seq 1 N` `` stay lazy: N may be huge.
  const only = words.length === 1 ? words[0]!.parts : [];
  if (only.length === 1 && only[0]!.kind === 'cmdsub' && !only[0]!.quoted) {
    const script = only[0]!.script.replace(/\$\{?([A-Za-z_]\w*)\}?/g, (a, n: string) => {
      return st.vars.get(n) ?? a;
    });
    const seq = seqRange(script);
    if (seq) return { count: seq.count, at: (i) => String(seq.at(i)) };
  }
  const brace =
    words.length === 1 ? /^\{(-?\d{1,15})\.\.(-?\d{1,15})\}$/.exec(words[0]!.raw) : null;
  if (brace && st.shellName === 'bash') {
    const [a, b] = [Number(brace[1]), Number(brace[2])];
    const dir = a <= b ? 1 : -1;
    return { count: Math.abs(b - a) + 1, at: (i) => String(a + dir * i) };
  }
  const e = expandWords(words, st);
  if (e.glob) {
    st.unknown(
      `podsim does not expand file names in ${quote(nodeText(node))}; ` +
        'each pattern counts as one round',
    );
  }
  return { count: e.fields.length, at: (i) => e.fields[i]! };
}

export function runLoop(node: LoopNode, st: RunState, evalNode: Eval): void {
  st.loopDepth++;
  try {
    repeat(node, st, evalNode);
  } finally {
    st.loopDepth--;
  }
}

function repeat(node: LoopNode, st: RunState, evalNode: Eval): void {
  const wait = serviceWait(node, st);
  if (wait) return wait();
  if (hasUnknownCommand(node.cond, st)) {
    st.unknown(
      `podsim does not model the condition of ${quote(nodeText(node))}; assumed the loop ends ` +
        'at once',
    );
    st.status = 0;
    return;
  }
  for (let round = 1; ; round++) {
    const before = st.steps.length;
    const t0 = st.now();
    st.conditionDepth++;
    evalNode(node.cond, st, false);
    st.conditionDepth--;
    if (st.halted()) return;
    if (node.until === (st.status === 0)) {
      st.status = 0;
      return;
    }
    evalNode(node.body, st, false);
    if (st.loopControl === 'break') {
      st.loopControl = undefined;
      return;
    }
    st.loopControl = undefined;
    if (st.halted()) return;
    const steps = st.steps.slice(before);
    const changesFiles = steps.some((s) => s.kind === 'rm');
    const touches = steps.some((s) => s.kind === 'touch');
    if (!changesFiles && !touches && !st.background && !st.overBudget()) {
      // A round that changes nothing a probe can see is the same as waiting forever.
      st.steps.length = before;
      st.elapsed = t0;
    }
    if (!changesFiles || st.now() === t0 || st.overBudget()) {
      if (changesFiles) {
        st.note(
          `podsim unrolled ${round} rounds of the endless ${quote(nodeText(node))}; after that ` +
            'it assumes the files stay as they are',
        );
      }
      return st.forever('foreground', longestSleep(steps));
    }
  }
}

function longestSleep(steps: readonly Step[]): number {
  return steps.reduce((m, s) => (s.kind === 'sleep' ? Math.max(m, s.ms) : m), 0);
}

/** Whether a condition runs something podsim does not model (so its status is unknown). */
function hasUnknownCommand(node: Node, st: RunState): boolean {
  switch (node.type) {
    case 'simple': {
      const name = expandWords(node.words.slice(0, 1), st).fields[0];
      return name !== undefined && !isModelled(name);
    }
    case 'list':
      return node.items.some((i) => hasUnknownCommand(i.node, st));
    case 'andOr':
      return [node.first, ...node.rest.map((r) => r.node)].some((n) => hasUnknownCommand(n, st));
    case 'pipeline':
      return node.commands.some((n) => hasUnknownCommand(n, st));
    case 'group':
      return hasUnknownCommand(node.body, st);
    default:
      return true;
  }
}

/** Total of the `sleep`s in a loop body: how often a polling loop polls. */
export function bodySleepMs(node: Node, st: RunState): number {
  switch (node.type) {
    case 'simple': {
      if (node.words[0] === undefined || plainText(node.words[0]) !== 'sleep') return 0;
      const ms = parseSleepOperands(expandWords(node.words.slice(1), st).fields);
      return ms === undefined || ms === Infinity ? 0 : ms;
    }
    case 'list':
      return node.items.reduce((t, i) => t + bodySleepMs(i.node, st), 0);
    case 'andOr':
      return (
        bodySleepMs(node.first, st) + node.rest.reduce((t, r) => t + bodySleepMs(r.node, st), 0)
      );
    case 'group':
      return bodySleepMs(node.body, st);
    default:
      return 0;
  }
}
