/**
 * Canonical JSON: object keys sorted (code-unit order) at every level, so the same value always
 * serialises to the same bytes whatever order its keys were created in. Event envelopes keep their
 * documented field order (seq, at, type, object, cause, payload, notes).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The value with every object's keys in code-unit order (undefined members dropped). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined)
      Object.defineProperty(out, k, {
        value: sortKeys(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/** One event as a trace line. */
export function eventLine(ev: {
  seq: number;
  at: number;
  type: string;
  object: string;
  cause: number | null;
  payload: unknown;
  notes?: unknown;
}): string {
  const parts = [
    `"seq":${ev.seq}`,
    `"at":${ev.at}`,
    `"type":${JSON.stringify(ev.type)}`,
    `"object":${JSON.stringify(ev.object)}`,
    `"cause":${ev.cause === null ? 'null' : ev.cause}`,
    `"payload":${canonicalJson(ev.payload)}`,
  ];
  if (ev.notes !== undefined) parts.push(`"notes":${canonicalJson(ev.notes)}`);
  return `{${parts.join(',')}}`;
}
