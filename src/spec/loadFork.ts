/**
 * The files given to `podsim fork --set`: Kubernetes manifests (applied at the fork instant, as
 * `kubectl apply` would) and at most one Scenario document whose fields change the run from the
 * fork instant on. A fork cannot change what the cluster already is at that instant (its nodes,
 * seed, start time, NodePort range): those fields are refused with their location.
 */
import type { Millis } from '../model/time.js';
import type { Action } from '../model/scenario.js';
import type { ForkOverlay } from '../engine/fork.js';
import { goDuration as formatMillis } from '../model/time.js';
import type { InputError } from './errors.js';
import { InputErrors, fieldMsg } from './errors.js';
import { loadRun } from './loadRun.js';
import type { LoadOptions } from './loadRun.js';
import { isScenarioDoc } from './scenario.js';
import { parseYamlFile } from './yamlSource.js';

/** Scenario fields a fork cannot change mid-run, and why (the others it may set). */
const FIXED: Record<string, string> = {
  nodes: 'the cluster already has its nodes at the fork instant (use nodeDown/nodeUp actions)',
  seed: 'the seed is part of the recorded run; draws after the fork use the same seed',
  startTime: 'virtual time 0 already stands for the recorded start time',
  serviceNodePortRange: 'the API server keeps the range it was started with',
  traffic: 'traffic is evaluated over the whole run; give it in the recorded scenario',
  metadata: 'the scenario of the recorded run keeps its name',
};

export interface LoadedFork extends ForkOverlay {
  /** Every file read (the --set files and what they name), as given, for the trace header. */
  sources: Array<{ path: string; text: string }>;
}

export function loadForkOverlay(
  files: readonly string[],
  atMs: Millis,
  opts: Pick<LoadOptions, 'readFile' | 'resolve' | 'nodeNames'>,
): LoadedFork {
  if (files.length === 0) return { atMs, files: [], behaviours: [], actions: [], sources: [] };
  const errors: InputError[] = [];
  // Which scenario fields the files set (the loader below fills defaults for the others).
  const given = new Set<string>();
  let scenarioFile: string | undefined;
  let locateAction: ((i: number) => { line: number; col: number }) | undefined;
  for (const f of files) {
    let text: string;
    try {
      text = opts.readFile(f);
    } catch {
      continue; // loadRun reports the unreadable file with its reason
    }
    for (const d of parseYamlFile(text, f).docs) {
      if (!isScenarioDoc(d.value) || typeof d.value !== 'object' || d.value === null) continue;
      scenarioFile = f;
      locateAction = (i) => d.locate(['actions', i, 'at']);
      for (const key of Object.keys(d.value)) {
        if (key === 'apiVersion' || key === 'kind') continue;
        const why = FIXED[key];
        if (why !== undefined) {
          errors.push({
            file: f,
            ...d.locate([key], { key: true }),
            path: key,
            message: fieldMsg.forbidden(`cannot be changed by a fork: ${why}`),
          });
        } else given.add(key);
      }
    }
  }
  let loaded;
  try {
    loaded = loadRun(files, opts);
  } catch (e) {
    if (!(e instanceof InputErrors)) throw e;
    // A refused field is one error: what the loader thinks of its content does not matter.
    const refused = new Set(errors.map((x) => x.path));
    const inRefused = (x: InputError): boolean =>
      x.file === scenarioFile &&
      [...refused].some(
        (k) => x.path === k || x.path.startsWith(`${k}.`) || x.path.startsWith(`${k}[`),
      );
    throw new InputErrors([...errors, ...e.errors.filter((x) => !inRefused(x))]);
  }
  const s = loaded.scenario;
  s.actions.forEach((a, i) => {
    if (a.at >= atMs) return;
    errors.push({
      file: scenarioFile!,
      ...locateAction!(i),
      path: `actions[${i}].at`,
      message: fieldMsg.invalid(
        formatMillis(a.at),
        `a fork adds actions at or after its instant (${formatMillis(atMs)})`,
      ),
    });
  });
  if (given.has('until') && s.untilMs < atMs) {
    errors.push({
      file: scenarioFile!,
      line: 1,
      col: 1,
      path: 'until',
      message: fieldMsg.invalid(
        formatMillis(s.untilMs),
        `must not be before the fork instant (${formatMillis(atMs)})`,
      ),
    });
  }
  if (errors.length > 0) throw new InputErrors(errors);
  const atFork: Action[] =
    loaded.initial.length > 0
      ? [
          {
            at: atMs,
            kind: 'apply',
            objects: loaded.initial.map((o) => o.object),
            source: `fork --set ${files.join(' ')}`,
          },
        ]
      : [];
  return {
    atMs,
    files: [...files],
    behaviours: given.has('containers') ? s.behaviours : [],
    actions: [...atFork, ...s.actions],
    ...(given.has('registry') ? { registry: s.registry } : {}),
    ...(given.has('kubelet') ? { kubelet: s.kubelet } : {}),
    ...(given.has('until') ? { untilMs: s.untilMs } : {}),
    sources: loaded.sources,
  };
}
