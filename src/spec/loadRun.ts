/**
 * Everything a run needs, from the files a user names: manifests (any number, multi-document) and
 * at most one scenario document. Every error in every file is collected before anything runs.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Container, Pod, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { Behaviour } from '../model/behaviour.js';
import { findContainer } from '../model/podSpec.js';
import type { Action, Scenario, TrafficSpec } from '../model/scenario.js';
import type { Inputs } from '../engine/context.js';
import type { InputError } from './errors.js';
import { InputErrors, readErrorText } from './errors.js';
import { traceFormOf } from '../trace/loadTrace.js';
import { formatPath, parseYamlFile } from './yamlSource.js';
import type { SourceDoc } from './yamlSource.js';
import { loadManifestDocs, podName, redefinedPod } from './manifest/index.js';
import type { LoadedObject } from './manifest/index.js';
import { DEFAULTS, defaultNode, isScenarioDoc, parseScenario } from './scenario.js';
import { runNote } from './ranges.js';
import { inferBehaviour, mergeBehaviour } from './behaviour/index.js';
import { NotUtf8Error } from './textFile.js';
import { execCommandText, execModelled } from '../kubelet/probeEval.js';
import { newReplicaSetName } from '../controllers/deploymentUtil.js';
import { generateNameOf } from '../controllers/podControl.js';

/** Reads a file's text; the CLI passes one that reads the disk, tests pass one over a map. */
export type ReadFile = (path: string) => string;

export interface RunInputs extends Inputs {
  /** Objects applied at time 0, in file order. */
  initial: LoadedObject[];
  /** Inputs as given (path → text), for the trace header. */
  sources: Array<{ path: string; text: string }>;
  /** Assumptions podsim made (behaviours inferred, nodes added, …), for the user to see. */
  notes: string[];
}

export interface LoadOptions {
  seed?: number;
  untilMs?: number;
  readFile: ReadFile;
  /** Joins a path relative to the file that names it. */
  resolve: (from: string, rel: string) => string;
  /**
   * The cluster's nodes when the scenario cannot set them (a fork's --set files: the recorded
   * run's nodes); nodeDown/nodeUp actions may name only these.
   */
  nodeNames?: readonly string[];
}

/**
 * The path rule every caller of loadRun uses: a path a file names is relative to that file's
 * directory (so the paths a trace records resolve to themselves when it is loaded back).
 */
export function relativeTo(from: string, rel: string): string {
  return isAbsolute(rel) ? rel : join(dirname(from), rel);
}

export function loadRun(files: readonly string[], opts: LoadOptions): RunInputs {
  const errors: InputError[] = [];
  const sources: Array<{ path: string; text: string }> = [];
  const read = (
    file: string,
    from?: { file: string; line: number; col: number; path: string },
  ): SourceDoc[] => {
    let text: string;
    try {
      text = opts.readFile(file);
    } catch (e) {
      if (e instanceof NotUtf8Error) {
        errors.push(
          from
            ? { ...from, message: `${file}:${e.line}:${e.col}: ${e.message}` }
            : { file, line: e.line, col: e.col, path: '', message: e.message },
        );
        return [];
      }
      const why = readErrorText(e);
      errors.push(
        from
          ? { ...from, message: `cannot read ${file}: ${why}` }
          : { file, line: 1, col: 1, path: '', message: `cannot read file: ${why}` },
      );
      return [];
    }
    if (traceFormOf(text.slice(0, 4096)) !== undefined) {
      // A trace is JSON Lines (or YAML) that would otherwise yield one YAML error per token.
      errors.push({
        ...(from ?? { file, line: 1, col: 1, path: '' }),
        message: `${from ? `${file} ` : ''}is a podsim trace, not a manifest or scenario: commands that read a trace (replay, get, describe, fork, explain, when, diff, traffic, rollout status) take it alone in place of the input files`,
      });
      return [];
    }
    sources.push({ path: file, text });
    const parsed = parseYamlFile(text, file);
    errors.push(...parsed.errors);
    // As `kubectl apply -f` refuses it ("no objects passed to apply"): an empty file is a mistake
    // (the wrong file, or a write that failed), not a cluster with nothing in it.
    if (
      parsed.errors.length === 0 &&
      parsed.docs.every((d) => d.value === null || d.value === undefined)
    )
      errors.push({
        ...(from ?? { file, line: 1, col: 1, path: '' }),
        message: `${from ? `${file}: ` : ''}no Kubernetes object or Scenario in the file (it is empty or holds only comments)`,
      });
    return parsed.docs;
  };
  const manifestDocs: SourceDoc[] = [];
  let scenarioDoc: SourceDoc | undefined;
  for (const f of files) {
    for (const d of read(f)) {
      if (isScenarioDoc(d.value)) {
        if (scenarioDoc) {
          const at = d.locate([]);
          errors.push({
            file: d.file,
            ...at,
            path: 'kind',
            message: `a second Scenario (the first is in ${scenarioDoc.file}); give one scenario per run`,
          });
        } else scenarioDoc = d;
      } else manifestDocs.push(d);
    }
  }
  const parsed = scenarioDoc
    ? parseScenario(scenarioDoc, errors, undefined, opts.nodeNames)
    : undefined;
  if (parsed && scenarioDoc) {
    parsed.manifests.forEach((m, i) => {
      const at = scenarioDoc!.locate(['manifests', i]);
      manifestDocs.push(
        ...read(opts.resolve(scenarioDoc!.file, m), {
          file: scenarioDoc!.file,
          ...at,
          path: `manifests[${i}]`,
        }),
      );
    });
  }
  const manifestOptions = parsed?.nodePortRange ? { nodePortRange: parsed.nodePortRange } : {};
  const loaded = loadManifestDocs(manifestDocs, manifestOptions);
  errors.push(...loaded.errors);
  const actions: Action[] = [];
  /** The loaded objects of each apply action, by its index in `actions`. */
  const applied = new Map<number, LoadedObject[]>();
  for (const a of parsed?.scenario.actions ?? []) {
    if (a.kind !== 'applyFile' && a.kind !== 'applyInline') {
      actions.push(a);
      continue;
    }
    const scenario = scenarioDoc!;
    const applyAt = (p: ReadonlyArray<string | number>, o?: { key?: boolean }) =>
      scenario.locate([...a.path, ...p], o);
    // Inline objects are manifests too: decoded, defaulted and validated, located in the scenario.
    const docs: SourceDoc[] =
      a.kind === 'applyFile'
        ? read(opts.resolve(scenario.file, a.file), {
            file: scenario.file,
            ...applyAt([]),
            path: formatPath(a.path),
          })
        : a.objects.map((value, j) => ({
            file: scenario.file,
            index: scenario.index,
            value,
            locate: (p, o) => applyAt(a.many ? [j, ...p] : p, o),
          }));
    const objs = loadManifestDocs(docs, manifestOptions);
    errors.push(...objs.errors);
    applied.set(actions.length, objs.objects);
    actions.push({
      at: a.at,
      kind: 'apply',
      objects: objs.objects.map((o) => o.object),
      source: a.source,
    });
  }
  errors.push(...changedPodReapplies(loaded.objects, actions, applied));
  // Every object the inputs apply: the manifests', then each apply action's.
  const everyObject = [
    ...loaded.objects.map((o) => o.object),
    ...actions.flatMap((a) => (a.kind === 'apply' ? a.objects : [])),
  ] as KubeObject[];
  if (errors.length === 0 && scenarioDoc && parsed?.scenario.traffic)
    errors.push(...unknownTrafficServices(scenarioDoc, parsed.scenario.traffic, everyObject));
  if (errors.length > 0) throw new InputErrors(errors);

  const notes: string[] = missingNamespaces(everyObject);
  for (const c of parsed?.choices ?? []) notes.push(runNote(c));
  const base = parsed?.scenario;
  const scenario: Scenario = {
    seed: opts.seed ?? base?.seed ?? DEFAULTS.seed,
    untilMs: opts.untilMs ?? base?.untilMs ?? DEFAULTS.untilMs,
    startTime: base?.startTime ?? '2025-01-01T00:00:00Z',
    nodes: base?.nodes.length ? base.nodes : [defaultNode(DEFAULTS.node.name, 0)],
    registry: base?.registry ?? {
      pullMs: DEFAULTS.pullMs,
      sizeBytes: DEFAULTS.sizeBytes,
      images: {},
      outages: [],
    },
    kubelet: base?.kubelet ?? { sandboxMs: DEFAULTS.sandboxMs },
    behaviours: base?.behaviours ?? [],
    actions,
    ...(base?.traffic ? { traffic: base.traffic } : {}),
  };
  if (!base?.nodes.length) {
    notes.push(
      `no scenario nodes: podsim assumed one node "${DEFAULTS.node.name}" (4 CPU, 16Gi memory, 110 pods, no images cached)`,
    );
  }
  const allPods = everyObject.filter((o) => o.kind === 'Pod') as Pod[];
  for (const pod of allPods) {
    const pinned = pod.spec?.nodeName;
    if (pinned && !scenario.nodes.some((n) => n.name === pinned)) {
      if (!base?.nodes.length) {
        scenario.nodes.push(defaultNode(pinned, scenario.nodes.length));
        notes.push(
          `pod "${pod.metadata?.name}" is pinned to node "${pinned}": podsim added that node with the default size`,
        );
      } else {
        notes.push(
          `pod "${pod.metadata?.name}" is pinned to node "${pinned}", which the scenario does not have: no kubelet runs it, so it stays Pending until the pod garbage collector deletes it (40 s after the collector's first pass that sees it)`,
        );
      }
    }
  }
  const inputs = makeInputs(scenario);
  const workloads = everyObject.flatMap((o) => templatePod(o) ?? []);
  for (const pod of [...allPods, ...workloads]) {
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const b = inputs.behaviourOf(pod, c.name);
      for (const n of b.notes) if (!notes.includes(n)) notes.push(n);
      for (const n of unmodelledProbes(c, b)) if (!notes.includes(n)) notes.push(n);
    }
  }
  return { ...inputs, initial: loaded.objects, sources, notes };
}

/**
 * A readFile over texts already read (a trace header's inputs, or the main thread's for a check
 * worker): a path not among them is missing, with `why` as the reason.
 */
export function recordedReader(
  sources: ReadonlyArray<{ path: string; text: string }>,
  why: string,
): (path: string) => string {
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  return (p) => {
    const t = texts.get(p);
    if (t === undefined) throw Object.assign(new Error(why), { code: 'ENOENT' });
    return t;
  };
}

/** A scenario name pattern: absent matches all, `web-*` a prefix, anything else exactly. */
export function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

/**
 * Inferred behaviours by inference key (the container without its volume mounts, namespace,
 * init or not). Inference is a pure function of that key, so the resolvers of several runs over
 * the same manifests may share one (`podsim check` builds a resolver per run, as each run draws
 * its own scenario values, and inferring anew was an eighth of its time). Nothing writes into an
 * inferred behaviour: a scenario rule's merge copies it (mergeBehaviour).
 */
export type InferenceCache = Map<string, Behaviour>;

/** How many inferences a cache keeps; past that it starts afresh (a run's pods stay correct). */
const INFERENCE_CACHE_SIZE = 10_000;

/**
 * The behaviour resolver: inference, then every matching scenario rule in order. `inferred` is
 * the inference cache (a fresh one unless the caller shares one between runs).
 */
export function makeInputs(scenario: Scenario, inferred: InferenceCache = new Map()): Inputs {
  const memo = new Map<string, Behaviour>();
  const find = findContainer;
  const rulesFor = (pod: Pod, name: string) =>
    scenario.behaviours.filter(
      (r) => matches(r.pod, pod.metadata?.name ?? '') && matches(r.container, name),
    );
  const specMemo = new WeakMap<object, Map<string, Behaviour>>();
  // The pods of one template share their containers' values below the container (createdPod in
  // controllers/podControl.ts copies only what admission writes): a container whose keys are in
  // the same order with the same (===) values, volume mounts aside, as one inferred recently has
  // the same JSON, so its inference key need not be built (a JSON.stringify per pod).
  const recent: { c: Container; namespace: string; initContainer: boolean; b: Behaviour }[] = [];
  const recentlyInferred = (
    c: Container,
    ctx: { namespace: string; initContainer: boolean },
  ): Behaviour | undefined =>
    recent.find(
      (r) =>
        r.namespace === ctx.namespace &&
        r.initContainer === ctx.initContainer &&
        sameValuesBesideMounts(r.c, c),
    )?.b;
  return {
    scenario,
    behaviourOf(pod, name) {
      // The spec object is shared by every version of a pod (Immer keeps unchanged subtrees), so
      // it identifies the pod cheaply on the probe tick's hot path.
      const bySpec = pod.spec ? specMemo.get(pod.spec) : undefined;
      const hit = bySpec?.get(name);
      if (hit) return hit;
      const key = `${pod.metadata?.namespace}/${pod.metadata?.name}/${pod.metadata?.uid ?? ''}/${name}`;
      let b = memo.get(key);
      if (!b) {
        const c = find(pod, name);
        if (!c) throw new Error(`pod ${pod.metadata?.name} has no container ${name}`);
        const ctx = {
          namespace: pod.metadata?.namespace ?? 'default',
          initContainer: (pod.spec?.initContainers ?? []).includes(c),
        };
        // Inference reads only the container (not its volume mounts, whose service-account
        // volume name differs per pod) and this context: the pods of one template share one
        // result (a 10,000-replica Deployment infers once, not 10,000 times).
        b = recentlyInferred(c, ctx);
        if (!b) {
          const inferKey = JSON.stringify([
            { ...c, volumeMounts: undefined },
            ctx.namespace,
            ctx.initContainer,
          ]);
          b = inferred.get(inferKey);
          if (!b) {
            b = inferBehaviour(c, ctx);
            if (inferred.size >= INFERENCE_CACHE_SIZE) inferred.clear();
            inferred.set(inferKey, b);
          }
          recent.unshift({ c, ...ctx, b });
          if (recent.length > RECENT_INFERENCES) recent.pop();
        }
        for (const r of rulesFor(pod, name)) b = mergeBehaviour(b, r.behaviour);
        memo.set(key, b);
      }
      if (pod.spec) {
        const m = bySpec ?? new Map<string, Behaviour>();
        m.set(name, b);
        if (!bySpec) specMemo.set(pod.spec, m);
      }
      return b;
    },
    faultsOf(pod, name) {
      const out: { createError?: string; runError?: string } = {};
      for (const r of rulesFor(pod, name)) Object.assign(out, r.faults ?? {});
      return out;
    },
  };
}

/** How many containers' inferences `recentlyInferred` compares by identity before the JSON key. */
const RECENT_INFERENCES = 8;

/** Same keys in the same order, each value the same (===), volumeMounts aside. */
function sameValuesBesideMounts(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i]) return false;
    if (k === 'volumeMounts') continue;
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

/** Namespaces every cluster has (kube-apiserver creates them). */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * A timed apply of a Pod that exists by then with another definition. `kubectl apply` would patch
 * the running pod (a new image restarts its container; most other spec changes are refused as
 * immutable); podsim does not model updating a pod in place, so, as for the same Pod twice in one
 * apply, a different definition is refused. The same definition is "unchanged"; one after a
 * delete action for the pod, or after any nodeDown (which may evict it), is left to the run.
 */
function changedPodReapplies(
  initial: readonly LoadedObject[],
  actions: readonly Action[],
  applied: ReadonlyMap<number, readonly LoadedObject[]>,
): InputError[] {
  const errors: InputError[] = [];
  const live = new Map<string, LoadedObject>();
  const put = (o: LoadedObject): void => {
    if (o.kind !== 'Pod') return;
    const e = redefinedPod(
      o,
      live.get(podName(o)),
      (pod, at) =>
        `Pod "${pod}" exists by then with another definition (${at}): podsim does not model updating a pod in place; delete it first, or give the new pod another name`,
    );
    if (e) errors.push(e);
    live.set(podName(o), o);
  };
  initial.forEach(put);
  const order = actions.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i);
  for (const { a, i } of order) {
    if (a.kind === 'apply') applied.get(i)?.forEach(put);
    else if (a.kind === 'delete' && a.target.kind === 'Pod') {
      live.delete(`${a.target.namespace}/${a.target.name}`);
    } else if (a.kind === 'nodeDown') live.clear();
  }
  return errors;
}

/**
 * Objects in a namespace that no input creates: a real API server refuses them (`namespaces "x" not
 * found`); podsim runs them as if the namespace existed and says so.
 */
function missingNamespaces(all: readonly KubeObject[]): string[] {
  const created = new Set(all.filter((o) => o.kind === 'Namespace').map((o) => o.metadata?.name));
  const used = [
    ...new Set(
      all.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata?.namespace ?? 'default'),
    ),
  ];
  return used
    .filter((ns) => !SYSTEM_NAMESPACES.has(ns) && !created.has(ns))
    .map(
      (ns) =>
        `namespace "${ns}" is not created by any input: a real API server would refuse its objects (namespaces "${ns}" not found); podsim runs them as if it existed`,
    );
}

/** A traffic: entry naming a Service that neither the manifests nor an apply action create. */
function unknownTrafficServices(
  doc: SourceDoc,
  traffic: readonly TrafficSpec[],
  every: readonly KubeObject[],
): InputError[] {
  type Svc = KubeObject & { spec?: { ports?: Array<{ name?: string; port?: number }> } };
  const objects = every.filter((o) => o.kind === 'Service') as Svc[];
  const services = objects.map((o) => `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`);
  const list = Array.isArray((doc.value as { traffic?: unknown }).traffic);
  return traffic.flatMap((t, i): InputError[] => {
    const key = `${t.service.namespace}/${t.service.name}`;
    if (services.includes(key)) {
      // The port must be one of the Service's (in any version the inputs apply).
      if (t.port === undefined) return [];
      const ports = objects
        .filter((o, k) => services[k] === key)
        .flatMap((o) => o.spec?.ports ?? []);
      if (ports.some((p) => (typeof t.port === 'number' ? p.port === t.port : p.name === t.port)))
        return [];
      const at = list ? ['traffic', i, 'port'] : ['traffic', 'port'];
      const names = [
        ...new Set(ports.map((p) => (p.name ? `${p.name} (${p.port})` : `${p.port}`))),
      ];
      return [
        {
          file: doc.file,
          ...doc.locate(at),
          path: formatPath(at),
          message: `Not found: ${JSON.stringify(t.port)}: the Service "${t.service.name}" has no such port; its ports: ${names.join(', ') || 'none'} (a name or a port number)`,
        },
      ];
    }
    const path = list ? ['traffic', i, 'service'] : ['traffic', 'service'];
    return [
      {
        file: doc.file,
        ...doc.locate(path),
        path: formatPath(path),
        message: `Not found: no Service "${t.service.name}" in namespace "${t.service.namespace}" in the manifests or apply actions (Services: ${[...new Set(services)].join(', ') || 'none'})`,
      },
    ];
  });
}

/** What the loader reads of any object it applies. */
type KubeObject = {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: { template?: PodTemplateSpec };
};

/**
 * A stand-in for every pod a workload's template makes, for the run notes: its name is the
 * pods' generated prefix followed by `*`, so exactly the behaviour rules that match every one of
 * them (no `pod`, or a prefix the generated names all start with) apply. A Deployment's pods are
 * named after its ReplicaSet, `<name>-<pod-template-hash>-`. The spec is a copy: behaviourOf
 * memoises by spec object, and the controllers' pods must not find this one's rules.
 */
function templatePod(o: KubeObject): Pod | undefined {
  const template = o.spec?.template;
  const name = o.metadata?.name;
  if (!template?.spec || name === undefined) return undefined;
  let owner: string;
  if (o.kind === 'Deployment') owner = newReplicaSetName(o as Deployment).name;
  else if (o.kind === 'ReplicaSet' || o.kind === 'ReplicationController') owner = name;
  else return undefined;
  return {
    metadata: { name: `${generateNameOf(owner)}*`, namespace: o.metadata?.namespace ?? 'default' },
    spec: { ...template.spec },
  };
}

/** Notes for exec probes whose commands podsim cannot answer: they count as succeeding. */
function unmodelledProbes(c: Container, b: Behaviour): string[] {
  const out: string[] = [];
  for (const type of ['startupProbe', 'livenessProbe', 'readinessProbe'] as const) {
    const command = c[type]?.exec?.command;
    if (!command || execModelled(command, b)) continue;
    out.push(
      `container "${c.name}": podsim cannot model its ${type} command ${JSON.stringify(command)}: ` +
        `every attempt succeeds unless the scenario gives results (containers[].exec, command: ${JSON.stringify(execCommandText(command))})`,
    );
  }
  return out;
}
