/**
 * Recognises the init-container idiom that waits for a Service to exist:
 *
 *   until nslookup myservice; do echo waiting for myservice; sleep 2; done
 *   until nslookup mydb.default.svc.cluster.local; do sleep 1; done
 *   while ! nslookup mydb; do sleep 2; done
 *
 * The lookup succeeds once the Service exists (cluster DNS answers for a Service's name as soon
 * as it is created), so the loop becomes a waitForService step polling at the body's sleep.
 */
import { quote } from '../limits.js';
import { nodeText } from './ast.js';
import type { Node } from './ast.js';
import { expandWords } from './expand.js';
import { bodySleepMs } from './loops.js';
import type { RunState } from './state.js';

/** Service names are DNS-1035 labels; namespaces are DNS-1123 labels. */
const DNS1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Commands in a polling loop's body that do not matter while it waits. */
const QUIET = new Set(['echo', 'printf', 'sleep', 'true', ':', 'date']);

/**
 * `svc`, `svc.ns`, `svc.ns.svc` or `svc.ns.svc.<cluster domain>`: the names a Pod's resolver
 * (search path `<ns>.svc.cluster.local svc.cluster.local cluster.local`) maps to a Service.
 */
export function parseServiceName(
  name: string,
): { service: string; namespace?: string } | undefined {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const [service, namespace, svc] = labels;
  if (service === undefined || !DNS1035.test(service)) return undefined;
  if (namespace === undefined) return { service };
  if (!DNS1123.test(namespace)) return undefined;
  if (labels.length > 2 && svc !== 'svc') return undefined;
  return { service, namespace };
}

/** A runner for the waiting loop, or undefined when `node` is not that idiom. */
export function serviceWait(
  node: Extract<Node, { type: 'loop' }>,
  st: RunState,
): (() => void) | undefined {
  let cond: Node = node.cond;
  if (cond.type === 'list' && cond.items.length === 1 && !cond.items[0]!.background) {
    cond = cond.items[0]!.node;
  }
  let negate = false;
  if (cond.type === 'pipeline' && cond.commands.length === 1) {
    negate = cond.negate;
    cond = cond.commands[0]!;
  }
  if (cond.type !== 'simple' || node.until === negate) return undefined;
  const e = expandWords(cond.words, st);
  const [program, ...args] = e.fields;
  if (!program || program.slice(program.lastIndexOf('/') + 1) !== 'nslookup' || !e.exact) {
    return undefined;
  }
  const name = args.find((a) => !a.startsWith('-'));
  const target = name === undefined ? undefined : parseServiceName(name);
  if (!target) return undefined;
  return () => {
    const slept = bodySleepMs(node.body, st);
    // A loop without a sleep retries as fast as nslookup fails; about once a second.
    const pollMs = slept > 0 ? slept : 1000;
    if (!bodyIsQuiet(node.body)) {
      st.note(`podsim ignores what ${quote(nodeText(node))} does between lookups`);
    }
    st.block('foreground', pollMs);
    st.timeUncertain = true;
    st.emit({ kind: 'waitForService', ...target, pollMs });
    st.status = 0;
  };
}

function bodyIsQuiet(node: Node): boolean {
  switch (node.type) {
    case 'simple': {
      const first = node.words[0]?.parts[0];
      return first?.kind === 'lit' && QUIET.has(first.text) && node.redirects.length === 0;
    }
    case 'list':
      return node.items.every((i) => bodyIsQuiet(i.node));
    case 'andOr':
      return bodyIsQuiet(node.first) && node.rest.every((r) => bodyIsQuiet(r.node));
    default:
      return false;
  }
}
