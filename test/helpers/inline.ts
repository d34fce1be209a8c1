/** Runs inputs given as in-memory files (name → YAML text), the way `podsim run` would read them. */
import { formatInputError, InputErrors } from '../../src/spec/errors.js';
import { loadRun } from '../../src/spec/loadRun.js';
import type { RunInputs } from '../../src/spec/loadRun.js';
import { simulate } from '../../src/engine/run.js';
import type { SimEvent } from '../../src/events/catalog.js';
import type { ClusterState } from '../../src/state/model.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { printPodRow } from '../../src/views/index.js';
import { nowRfc } from '../../src/state/selectors.js';

export function loadInline(
  files: Record<string, string>,
  opts: { untilMs?: number; seed?: number } = {},
): RunInputs {
  return loadRun(
    Object.keys(files).filter((f) => !f.startsWith('_')),
    {
      ...opts,
      readFile: (p) => {
        const text = files[p] ?? files[`_${p}`];
        if (text === undefined)
          throw Object.assign(new Error(`no such file ${p}`), { code: 'ENOENT' });
        return text;
      },
      resolve: (_from, rel) => rel,
    },
  );
}

/** The input errors (`file:line:col: path: message`) of inputs that must not load. */
export function inputErrors(files: Record<string, string>): string[] {
  try {
    loadInline(files);
  } catch (e) {
    if (e instanceof InputErrors) return e.errors.map(formatInputError);
    throw e;
  }
  throw new Error('expected input errors');
}

export interface InlineRun {
  events: SimEvent[];
  state: ClusterState;
  /** Every distinct STATUS the pod showed, in order (as `kubectl get pods -w` rows would). */
  statuses(pod: string): string[];
}

export function runInline(
  files: Record<string, string>,
  opts: { untilMs?: number; seed?: number } = {},
): InlineRun {
  const events: SimEvent[] = [];
  const seen = new Map<string, string[]>();
  const r = simulate(loadInline(files, opts), {
    onEvent: (ev, s) => {
      events.push(ev);
      if (!ev.object.startsWith('Pod/')) return;
      const p = s.pods.get(ev.object.slice(4));
      if (!p) return;
      const status = printPodRow(p.pod as Pod, nowRfc(s, ev.at)).status;
      const list = seen.get(p.pod.metadata!.name!) ?? [];
      if (list[list.length - 1] !== status) list.push(status);
      seen.set(p.pod.metadata!.name!, list);
    },
  });
  return { events, state: r.state, statuses: (pod) => seen.get(pod) ?? [] };
}

/** A one-container Pod manifest. */
export function podYaml(name: string, container: string, extra = '', podExtra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${podExtra}  containers:
  - name: app
${container
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
${extra}`;
}
