/**
 * Renders a generated case as the Scenario document a user would write (scenario.yaml naming
 * pod.yaml), with one `containers:` behaviour rule per container and the timed actions.
 */
import { stringify } from 'yaml';
import type { BehaviourGen, CaseFiles, CaseGen, ContainerGen, HookGen, PodGen } from '../model.js';
import { IMAGE, POD_NAME, PROBE_FILE } from '../model.js';
import type { Json } from './manifest.js';
import { containerNames, hookUsesSleep, portOf, renderPod } from './manifest.js';

const secs = (n: number): string => `${n}s`;

function renderProgram(b: BehaviourGen): unknown[] {
  const steps: unknown[] = b.steps.map((s) =>
    'sleep' in s
      ? { sleep: secs(s.sleep) }
      : 'touch' in s
        ? { touch: PROBE_FILE }
        : { rm: PROBE_FILE },
  );
  if (b.end === 'serve') steps.push('serve');
  else if (b.end !== 'fallOff') steps.push({ exit: b.end.exit });
  return steps;
}

/** A hook's modelled run: a sleep handler takes its seconds and cannot fail. */
function renderHookBehaviour(h: HookGen, pod: PodGen): Json {
  return hookUsesSleep(h, pod)
    ? { duration: secs(h.seconds), fails: false }
    : { duration: secs(h.seconds), fails: h.fails };
}

function renderRule(
  c: ContainerGen,
  name: string,
  specIndex: number,
  pod: PodGen,
  hooks: boolean,
): Json {
  const b = c.behaviour;
  const rule: Json = {
    pod: POD_NAME,
    container: name,
    program: renderProgram(b),
    startup: secs(b.startupSeconds),
    onSigterm:
      b.onSigterm === 'ignore'
        ? 'ignore'
        : { exitAfter: secs(b.onSigterm.exitAfterSeconds), code: b.onSigterm.code },
    ports: [portOf(specIndex)],
    http: {
      routes: [
        {
          path: '/healthz',
          status: [...b.http]
            .sort((x, y) => x.from - y.from)
            .map((s) =>
              s.durationMs > 0
                ? { from: secs(s.from), code: s.code, duration: `${s.durationMs}ms` }
                : { from: secs(s.from), code: s.code },
            ),
        },
      ],
    },
    grpcServing: b.grpcServing,
    files: b.hasFile ? [PROBE_FILE] : [],
  };
  if (b.memory.length > 0)
    rule.memory = [...b.memory]
      .sort((x, y) => x.at - y.at)
      .map((m) => ({ at: secs(m.at), size: `${m.mi}Mi` }));
  if (hooks) {
    const h: Json = {};
    if (c.postStart) h.postStart = renderHookBehaviour(c.postStart, pod);
    if (c.preStop) h.preStop = renderHookBehaviour(c.preStop, pod);
    if (Object.keys(h).length > 0) rule.hooks = h;
  }
  return rule;
}

/** Time a deletion is given to finish within the run: the longest grace (60 s) plus sidecar stops. */
const AFTER_DELETE_SECONDS = 180;

/** The run's horizon: as generated, extended so a deletion can complete before the run stops. */
export function horizonSeconds(c: CaseGen): number {
  return c.actions.delete
    ? Math.max(c.untilSeconds, c.actions.delete.atSeconds + AFTER_DELETE_SECONDS)
    : c.untilSeconds;
}

/** The Scenario document (scenario.yaml). */
export function renderScenario(c: CaseGen): Json {
  const names = containerNames(c.pod);
  const rules = [
    ...c.pod.initContainers.map((ic, i) => renderRule(ic, names[i]!, i, c.pod, ic.sidecar)),
    ...c.pod.containers.map((ac, i) => {
      const k = c.pod.initContainers.length + i;
      return renderRule(ac, names[k]!, k, c.pod, true);
    }),
  ];
  const actions: Json[] = [];
  if (c.actions.delete) {
    const d: Json = { at: secs(c.actions.delete.atSeconds), delete: `pod/${POD_NAME}` };
    if (c.actions.delete.gracePeriod !== null) d.gracePeriod = c.actions.delete.gracePeriod;
    actions.push(d);
  }
  for (const e of c.actions.execs) {
    const container = names[e.container % names.length]!;
    actions.push({
      at: secs(e.atSeconds),
      exec: { pod: POD_NAME, container, command: [e.command, PROBE_FILE] },
    });
  }
  const outage = c.actions.outage;
  if (outage) {
    actions.push({ at: secs(outage.atSeconds), nodeDown: 'node-1' });
    actions.push({ at: secs(outage.atSeconds + outage.forSeconds), nodeUp: 'node-1' });
  }
  const doc: Json = {
    apiVersion: 'podsim/v1alpha1',
    kind: 'Scenario',
    seed: c.seed,
    until: secs(horizonSeconds(c)),
    manifests: ['pod.yaml'],
    nodes: [c.imageCached ? { name: 'node-1', images: [IMAGE] } : { name: 'node-1' }],
    containers: rules,
  };
  // parseScenario orders actions by time; the file keeps them in generation order.
  if (actions.length > 0) doc.actions = actions;
  return doc;
}

/** The two files of a case, exactly as `podsim run scenario.yaml` would read them from disk. */
export function caseFiles(c: CaseGen): CaseFiles {
  return {
    'scenario.yaml': stringify(renderScenario(c)),
    'pod.yaml': stringify(renderPod(c.pod)),
  };
}
