/**
 * Behaviour inference: what each container's process does over time, from its manifest
 * (command, args, env, ports) and the documented image catalogue. Nothing from a manifest is
 * ever executed; commands are read, not run.
 */
import type { SigtermReaction, Step } from '../../model/behaviour.js';
import { catalogueEntryFor } from './catalogue/index.js';
import { pid1Sigterm } from './sigterm.js';
import { RunState } from './shell/state.js';
import { runScript } from './shell/interpreter.js';

export { inferBehaviour } from './infer.js';
export type { InferContext } from './infer.js';
export { mergeBehaviour } from './merge.js';
export { IMAGE_CATALOGUE, catalogueEntryFor, parseImageRef } from './catalogue/index.js';
export type { CatalogueEntry, CatalogueExec, ImageRef } from './catalogue/index.js';
export { BEHAVIOUR_LIMITS } from './limits.js';

export interface ParsedShell {
  /** PID 1's program, as for a container running `sh -c script`. */
  steps: Step[];
  /** The script sets a handler for SIGTERM (`trap … TERM`). */
  trapsTerm: boolean;
  /** Every statement was modelled; otherwise `notes` says what podsim assumed. */
  understood: boolean;
  notes: string[];
  /** What PID 1 does on SIGTERM once the script reaches its last step (see sigterm.ts). */
  onSigterm: SigtermReaction;
}

export interface ParseShellOptions {
  /** The shell running the script (bash alone expands `{1..3}`); `sh` by default. */
  shell?: string;
  /** The pod's namespace, for `$(cat …/serviceaccount/namespace)`. */
  namespace?: string;
  /** Known environment variables. */
  env?: Readonly<Record<string, string>>;
  /** The container image, so that its own programs are recognised (`/server` in liveness). */
  image?: string;
}

/** Models `sh -c script` run as a container's PID 1. Never throws. */
export function parseShell(script: string, options: ParseShellOptions = {}): ParsedShell {
  const env = new Map(Object.entries(options.env ?? {}));
  const st = new RunState({
    image: options.image === undefined ? undefined : catalogueEntryFor(options.image),
    namespace: options.namespace,
    env,
    envNames: new Set(env.keys()),
    envFrom: false,
    initContainer: false,
  });
  const shell = options.shell ?? 'sh';
  st.pid1 = { kind: 'shell', name: shell };
  try {
    runScript(String(script), st, { shell, replaces: true, errexit: false, positional: [shell] });
  } catch (e) {
    st.unknown(`podsim could not model the script (${String(e)})`);
  }
  const { steps, trapsTerm, understood, notes } = st;
  return { steps, trapsTerm, understood, notes, onSigterm: pid1Sigterm(st).reaction };
}
