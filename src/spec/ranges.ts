/**
 * Behaviour ranges and choices in a scenario's `containers` rules, explored by `podsim check`:
 *
 *   startup: 5s..90s                     a range (inclusive), any value between the bounds
 *   startup: { between: [5s, 90s] }      the same, as a map
 *   exit: { oneOf: [0, 1, 137] }         one of the listed values
 *
 * Each range or choice is a choice point named by its field path. A parse is given the values to
 * use (`picks`, by path); without a pick a range stands for its lower bound and a choice for its
 * first value, which is what `podsim run` simulates (and says so in a note).
 */
import type { FieldPath } from './yamlSource.js';
import { formatPath } from './yamlSource.js';
import { goDuration } from '../model/time.js';

/** What a choice point's values are: they are drawn and shown in these units. */
export type ChoiceUnit = 'duration' | 'int' | 'bytes' | 'bool' | 'value';

export type ChoiceDomain =
  /** Any integer from lo to hi (milliseconds, bytes or a plain integer). */
  | { kind: 'range'; lo: number; hi: number }
  /** One of the values as written (`raw`, the YAML values) and as parsed (`values`). */
  | { kind: 'oneOf'; raw: unknown[]; values: unknown[] };

export interface ChoicePoint {
  path: FieldPath;
  /** The path in kubectl notation, e.g. `containers[0].program[0].sleep`: the point's name. */
  key: string;
  unit: ChoiceUnit;
  domain: ChoiceDomain;
  /** Where it is written (file:line:col), for notes. */
  at: string;
}

/** Syntax of a range or choice, before its bounds are parsed. */
export type RangeSyntax =
  | { kind: 'range'; lo: unknown; hi: unknown; loPath: FieldPath; hiPath: FieldPath }
  | { kind: 'oneOf'; values: unknown[] }
  | { kind: 'bad'; why: string };

const DOTS = /^\s*([^.\s][^\s]*?)\s*\.\.\s*([^.\s][^\s]*?)\s*$/;

/** Whether `v` is written as a range or a choice (and which), or undefined for a plain value. */
export function rangeSyntax(v: unknown): RangeSyntax | undefined {
  if (typeof v === 'string') {
    if (!v.includes('..')) return undefined;
    const m = DOTS.exec(v);
    if (!m) return { kind: 'bad', why: 'a range is written LOW..HIGH, e.g. 5s..90s' };
    const num = (s: string): unknown => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);
    return { kind: 'range', lo: num(m[1]!), hi: num(m[2]!), loPath: [], hiPath: [] };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 1 || (keys[0] !== 'between' && keys[0] !== 'oneOf')) return undefined;
  const list = (v as Record<string, unknown>)[keys[0]!];
  if (keys[0] === 'between') {
    if (!Array.isArray(list) || list.length !== 2)
      return { kind: 'bad', why: 'between takes two bounds, e.g. {between: [5s, 90s]}' };
    return {
      kind: 'range',
      lo: list[0],
      hi: list[1],
      loPath: ['between', 0],
      hiPath: ['between', 1],
    };
  }
  if (!Array.isArray(list) || list.length === 0)
    return { kind: 'bad', why: 'oneOf takes a non-empty list, e.g. {oneOf: [0, 1, 137]}' };
  return { kind: 'oneOf', values: list };
}

/** The choice points met while parsing, and the values to use for them. */
export class Ranges {
  readonly points: ChoicePoint[] = [];
  /** Range values, or indexes into a choice's values, by the point's key. */
  constructor(readonly picks: ReadonlyMap<string, number> = new Map()) {}

  /** The value to use for a point: its pick, else the lower bound or the first choice. */
  pick(point: ChoicePoint): number {
    const p = this.picks.get(point.key);
    if (p !== undefined) return p;
    return point.domain.kind === 'range' ? point.domain.lo : 0;
  }

  add(point: Omit<ChoicePoint, 'key'>): ChoicePoint {
    const full = { ...point, key: formatPath(point.path) };
    this.points.push(full);
    return full;
  }
}

/** Bytes as a Kubernetes quantity: the largest binary suffix that divides it exactly. */
function quantity(n: number): string {
  for (const [suffix, size] of [
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (n !== 0 && n % size === 0) return `${n / size}${suffix}`;
  }
  return String(n);
}

/** A value of a point as YAML (flow style) a scenario could hold in its place. */
export function renderChoice(point: ChoicePoint, pick: number): string {
  if (point.domain.kind === 'oneOf') return flowYaml(point.domain.raw[pick]);
  if (point.unit === 'duration') return goDuration(pick);
  if (point.unit === 'bytes') return quantity(pick);
  return String(pick);
}

/** The domain as written in the scenario, e.g. `0s..1m0s` or `oneOf [0, 1, 137]`. */
export function describeDomain(point: ChoicePoint): string {
  const d = point.domain;
  if (d.kind === 'oneOf') return `oneOf ${flowYaml(d.raw)}`;
  return `${renderChoice(point, d.lo)}..${renderChoice(point, d.hi)}`;
}

/** The note `podsim run` prints for each range or choice it meets. */
export function runNote(point: ChoicePoint): string {
  const which = point.domain.kind === 'range' ? 'its lower bound' : 'its first choice';
  return `${point.at}: ${point.key}: ${describeDomain(point)} is explored by podsim check; podsim run uses ${which}, ${renderChoice(point, point.domain.kind === 'range' ? point.domain.lo : 0)}`;
}

function flowYaml(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return /^[A-Za-z0-9_./:-]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(flowYaml).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${flowYaml(k)}: ${flowYaml(x)}`)
    .join(', ')}}`;
}
