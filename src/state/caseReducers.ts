/**
 * A registry of case reducers keyed by event type (Redux Toolkit's builder shape). A second handler
 * for one type is a programming error and throws when the module loads.
 */
import { Immer } from 'immer';
import type { SimEvent, SimEventType } from '../events/catalog.js';

/**
 * The one Immer every reducer's `produce` runs on. autoFreeze off: results are not deep-frozen
 * (measured ~25% of the fold; see docs/architecture.md), and nothing writes state outside a draft.
 */
export const immer = new Immer({ autoFreeze: false });

export interface FoldContext {
  /** Epoch milliseconds of virtual time 0 (from cluster/started). */
  epochMs: number;
}

type EventOf<T extends SimEventType> = Extract<SimEvent, { type: T }>;

/**
 * An entry of a Map keyed by event type whose handler takes the events of `creator`'s type, typed
 * for them as `on` types reducers (podKeeps, nodeEffects).
 */
export function forEventType<S, R, T extends SimEventType>(
  creator: { readonly type: T },
  f: (s: S, ev: EventOf<T>) => R,
): [string, (s: S, ev: SimEvent) => R] {
  return [creator.type, f as (s: S, ev: SimEvent) => R];
}
export type CaseReducer<S, T extends SimEventType> = (
  draft: S,
  ev: EventOf<T>,
  ctx: FoldContext,
) => void;

export class CaseReducers<S> {
  private readonly cases = new Map<string, (draft: S, ev: SimEvent, ctx: FoldContext) => void>();

  constructor(private readonly name: string) {}

  on<T extends SimEventType>(creator: { readonly type: T }, reducer: CaseReducer<S, T>): this {
    if (this.cases.has(creator.type)) {
      throw new Error(`${this.name}: a second reducer for "${creator.type}"`);
    }
    this.cases.set(creator.type, reducer as (draft: S, ev: SimEvent, ctx: FoldContext) => void);
    return this;
  }

  /** The event types this registry has a reducer for. */
  types(): IterableIterator<string> {
    return this.cases.keys();
  }

  handles(type: string): boolean {
    return this.cases.has(type);
  }

  get(type: string): ((draft: S, ev: SimEvent, ctx: FoldContext) => void) | undefined {
    return this.cases.get(type);
  }
}
