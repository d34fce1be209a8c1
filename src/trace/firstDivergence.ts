/**
 * Lines up two runs event by event. Positions are useless for that (one extra event shifts every
 * seq after it), so an event is named by what it is: its object, its container, its type (with the
 * signal for signals) and how many such events came before it — `Pod/default/web app
 * container/started #2` is the second start of `app` in both runs.
 */
import type { SimEvent } from '../events/catalog.js';
import { canonicalJson } from './canonical.js';
import { containerOf } from './causeChain.js';
import { firstDifferentField } from './verifyTrace.js';

export interface Divergence {
  key: string;
  a: SimEvent | undefined;
  b: SimEvent | undefined;
  /** What differs, e.g. `only in A`, `at 75s in A, 80s in B`, `payload.exitCode`. */
  why: string;
}

/** The alignment key of each event, by seq. */
export function alignmentKeys(events: readonly SimEvent[]): string[] {
  const seen = new Map<string, number>();
  return events.map((ev) => {
    const signal = ev.type === 'container/signalled' ? ` ${ev.payload.signal}` : '';
    const c = containerOf(ev);
    const base = `${ev.object}${c === undefined ? '' : ` ${c}`} ${ev.type}${signal}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return `${base} #${n}`;
  });
}

/**
 * Identifiers drawn from the seed (pod uids, container ids) say nothing about behaviour; they are
 * replaced by placeholders so two seeds with the same story compare equal.
 */
function identifiers(events: readonly SimEvent[]): string[] {
  const out: string[] = [];
  for (const ev of events) {
    if (ev.type === 'pod/created') {
      const uid = (ev.payload.pod as { metadata?: { uid?: unknown } }).metadata?.uid;
      if (typeof uid === 'string') out.push(uid);
    }
    if (ev.type === 'container/created') out.push(ev.payload.id);
  }
  return out;
}

function comparable(ev: SimEvent, ids: readonly string[]): unknown {
  let text = canonicalJson({ payload: ev.payload, notes: ev.notes ?? [] });
  for (const id of ids) text = text.split(id).join('<id>');
  return JSON.parse(text);
}

/** Events that record the inputs (the manifests and nodes as given) rather than behaviour. */
export const INPUT_TYPES: ReadonlySet<string> = new Set([
  'cluster/started',
  'node/registered',
  'pod/created',
  'object/applied',
]);

/** The earliest difference; payloads of `ignorePayloads` types are not compared. */
export function firstDivergence(
  a: readonly SimEvent[],
  b: readonly SimEvent[],
  ignorePayloads: ReadonlySet<string> = new Set(),
): Divergence | undefined {
  const ka = alignmentKeys(a);
  const kb = alignmentKeys(b);
  const inB = new Map(kb.map((k, i) => [k, b[i]!]));
  const inA = new Map(ka.map((k, i) => [k, a[i]!]));
  const ida = identifiers(a);
  const idb = identifiers(b);
  const found: Divergence[] = [];
  a.forEach((ea, i) => {
    const key = ka[i]!;
    const eb = inB.get(key);
    if (!eb) return void found.push({ key, a: ea, b: undefined, why: 'only in A' });
    if (ea.at !== eb.at) return void found.push({ key, a: ea, b: eb, why: 'time' });
    const causeA = ea.cause === null ? null : ka[ea.cause];
    const causeB = eb.cause === null ? null : kb[eb.cause];
    if (causeA !== causeB) return void found.push({ key, a: ea, b: eb, why: 'cause' });
    if (ignorePayloads.has(ea.type)) return;
    const field = firstDifferentField(comparable(ea, ida), comparable(eb, idb));
    if (field !== undefined) found.push({ key, a: ea, b: eb, why: field });
  });
  kb.forEach((key, i) => {
    if (!inA.has(key)) found.push({ key, a: undefined, b: b[i], why: 'only in B' });
  });
  // The earliest in virtual time (A's order breaks ties) is where the runs part.
  const never = Number.MAX_SAFE_INTEGER;
  const when = (d: Divergence): number => Math.min(d.a?.at ?? never, d.b?.at ?? never);
  found.sort(
    (x, y) =>
      when(x) - when(y) ||
      (x.a?.seq ?? never) - (y.a?.seq ?? never) ||
      (x.b?.seq ?? never) - (y.b?.seq ?? never),
  );
  return found[0];
}
