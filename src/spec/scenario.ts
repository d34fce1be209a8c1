/**
 * The scenario document (`apiVersion: podsim/v1alpha1`, `kind: Scenario`): parsed, validated with
 * located errors, and defaulted. The README's "Scenario reference" documents every field.
 */
import type {
  Action,
  BehaviourRule,
  NodeSpec,
  RegistryImage,
  Scenario,
} from '../model/scenario.js';
import type {
  Behaviour,
  HttpRoute,
  ExecResult,
  MemoryPoint,
  SigtermReaction,
  Step,
} from '../model/behaviour.js';
import { DEFAULT_START_TIME, parseRfc3339 } from '../model/time.js';
import type { InputError } from './errors.js';
import { fieldMsg } from './errors.js';
import { FieldReader } from './fields.js';
import type { FieldPath, SourceDoc } from './yamlSource.js';
import { parseQuantity, normaliseImage } from './manifest/index.js';
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from './manifest/names.js';
import { parseShell } from './behaviour/index.js';
import { parseCidr } from '../kubelet/ipam.js';
import { Ranges, rangeSyntax } from './ranges.js';
import type { ChoicePoint } from './ranges.js';
import { parseTraffic } from './traffic.js';

export const SCENARIO_API_VERSION = 'podsim/v1alpha1';

/** Defaults for a run with no scenario, or for fields a scenario leaves out. */
export const DEFAULTS = {
  seed: 1,
  untilMs: 10 * 60_000,
  node: { name: 'node-1', cpuMilli: 4000, memoryBytes: 16 * 2 ** 30, pods: 110 },
  pullMs: 2_000,
  sizeBytes: 4_500_000,
  sandboxMs: 1_000,
};

export function isScenarioDoc(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as Record<string, unknown>).kind === 'Scenario';
}

export interface ParsedScenario {
  scenario: Omit<Scenario, 'actions'> & { actions: Array<Action | PendingApply> };
  /** Manifest files the scenario names (relative to its own file). */
  manifests: string[];
  /** kube-apiserver --service-node-port-range of the simulated cluster, when not the default. */
  nodePortRange?: [number, number];
  /** Ranges and choices in `containers` rules (src/spec/ranges.ts), in document order. */
  choices: ChoicePoint[];
}

/**
 * An apply action whose objects still have to be loaded as manifests: from a file, or written
 * inline (`many` when the scenario gave a list). `path` is the action's `apply` field.
 */
export type PendingApply =
  | { at: number; kind: 'applyFile'; file: string; path: FieldPath; source: string }
  | {
      at: number;
      kind: 'applyInline';
      objects: unknown[];
      many: boolean;
      path: FieldPath;
      source: string;
    };

const TOP = [
  'apiVersion',
  'kind',
  'metadata',
  'seed',
  'until',
  'startTime',
  'manifests',
  'nodes',
  'registry',
  'kubelet',
  'containers',
  'actions',
  'traffic',
  'serviceNodePortRange',
];

/**
 * `ranges` gives the values to use for the ranges and choices of `containers` rules (podsim
 * check); without it each stands for its lower bound or first choice.
 */
export function parseScenario(
  doc: SourceDoc,
  errors: InputError[],
  ranges: Ranges = new Ranges(),
  /** The nodes actions may name when they are not this scenario's (a fork's: the recorded run's). */
  nodeNames?: readonly string[],
): ParsedScenario | undefined {
  const r = new FieldReader(doc, errors);
  const rr = new FieldReader(doc, errors, ranges);
  const before = errors.length;
  const root = r.map(doc.value, []);
  if (!root) return undefined;
  if (root.apiVersion !== SCENARIO_API_VERSION) {
    r.error(['apiVersion'], fieldMsg.notSupported(root.apiVersion ?? null, [SCENARIO_API_VERSION]));
  }
  r.known(root, [], TOP);
  const seed = r.int(root.seed, ['seed'], 0, 2 ** 32 - 1) ?? DEFAULTS.seed;
  const untilMs = r.duration(root.until, ['until']) ?? DEFAULTS.untilMs;
  const startTime = r.string(root.startTime, ['startTime']) ?? DEFAULT_START_TIME;
  if (parseRfc3339(startTime) === undefined)
    r.error(
      ['startTime'],
      fieldMsg.invalid(startTime, 'must be an RFC 3339 time such as 2025-01-01T00:00:00Z'),
    );
  const manifests = (r.list(root.manifests, ['manifests']) ?? []).flatMap(
    (m, i) => r.string(m, ['manifests', i]) ?? [],
  );
  const nodes = parseNodes(r, root.nodes);
  const reg = r.map(root.registry, ['registry']) ?? {};
  r.known(reg, ['registry'], ['pullTime', 'imageSize', 'images', 'outages']);
  const images: Record<string, RegistryImage> = {};
  for (const [ref, v] of Object.entries(r.map(reg.images, ['registry', 'images']) ?? {})) {
    const path: FieldPath = ['registry', 'images', ref];
    const m = r.map(v, path) ?? {};
    r.known(m, path, ['pullTime', 'size', 'missing', 'corrupt']);
    const norm = normaliseImage(ref);
    if (!norm.ok) r.error(path, fieldMsg.invalid(ref, norm.error));
    const entry: RegistryImage = {};
    const pullMs = r.duration(m.pullTime, [...path, 'pullTime']);
    if (pullMs !== undefined) entry.pullMs = pullMs;
    const size = bytes(r, m.size, [...path, 'size']);
    if (size !== undefined) entry.sizeBytes = size;
    if (r.bool(m.missing, [...path, 'missing'])) entry.missing = true;
    if (r.bool(m.corrupt, [...path, 'corrupt'])) entry.corrupt = true;
    images[norm.ok ? norm.full : ref] = entry;
  }
  const outages = (r.list(reg.outages, ['registry', 'outages']) ?? []).flatMap((o, i) => {
    const m = r.map(o, ['registry', 'outages', i]) ?? {};
    r.known(m, ['registry', 'outages', i], ['from', 'until']);
    const fromMs = r.duration(m.from, ['registry', 'outages', i, 'from']);
    const until = r.duration(m.until, ['registry', 'outages', i, 'until']);
    if (fromMs === undefined || until === undefined) {
      r.error(['registry', 'outages', i], fieldMsg.required('from and until'));
      return [];
    }
    if (until <= fromMs)
      r.error(
        ['registry', 'outages', i, 'until'],
        fieldMsg.invalid(m.until, 'must be later than from'),
      );
    return [{ fromMs, untilMs: until }];
  });
  const kub = r.map(root.kubelet, ['kubelet']) ?? {};
  r.known(kub, ['kubelet'], ['sandboxTime']);
  const behaviours = (r.list(root.containers, ['containers']) ?? []).flatMap(
    (c, i) => parseRule(rr, c, ['containers', i]) ?? [],
  );
  const actions = (r.list(root.actions, ['actions']) ?? []).flatMap(
    (a, i) => parseAction(r, a, ['actions', i]) ?? [],
  );
  for (const a of actions) {
    const known = nodeNames
      ? [...nodeNames]
      : nodes.length > 0
        ? nodes.map((n) => n.name)
        : [DEFAULTS.node.name];
    if ((a.kind === 'nodeDown' || a.kind === 'nodeUp') && !known.includes(a.node)) {
      const i = actions.indexOf(a);
      r.error(['actions', i, a.kind], fieldMsg.notSupported(a.node, known));
    }
  }
  const traffic = parseTraffic(r, root.traffic, untilMs);
  const range = parseNodePortRange(r, root.serviceNodePortRange);
  if (errors.length > before) return undefined;
  return {
    ...(range ? { nodePortRange: range } : {}),
    manifests,
    choices: ranges.points,
    scenario: {
      seed,
      untilMs,
      startTime,
      nodes,
      registry: {
        pullMs: r.duration(reg.pullTime, ['registry', 'pullTime']) ?? DEFAULTS.pullMs,
        sizeBytes: bytes(r, reg.imageSize, ['registry', 'imageSize']) ?? DEFAULTS.sizeBytes,
        images,
        outages,
      },
      kubelet: {
        sandboxMs: r.duration(kub.sandboxTime, ['kubelet', 'sandboxTime']) ?? DEFAULTS.sandboxMs,
      },
      behaviours,
      actions: actions.sort((a, b) => a.at - b.at),
      ...(traffic.length > 0 ? { traffic } : {}),
    },
  };
}

/** A YAML string or number as a quantity; anything else (a map, a list, a boolean) is none. */
const quantityOf = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? parseQuantity(v) : undefined;

function bytes(r: FieldReader, v: unknown, path: FieldPath): number | undefined {
  if (v === undefined || v === null) return undefined;
  const c = r.choice(v, path, 'bytes', (x, p) => bytes(r, x, p));
  if (c) return c.value;
  const q = quantityOf(v);
  if (!q || q.value < 0)
    return r.error(path, fieldMsg.invalid(v, 'must be a quantity such as 512Mi, 2Gi or 1000000'));
  return Math.round(q.value);
}

export function defaultNode(name: string, index: number): NodeSpec {
  return {
    name,
    cpuMilli: DEFAULTS.node.cpuMilli,
    memoryBytes: DEFAULTS.node.memoryBytes,
    pods: DEFAULTS.node.pods,
    labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
    images: [],
    address: `10.0.0.${10 + index}`,
    podCIDR: `10.244.${index}.0/24`,
    taints: [],
  };
}

function parseNodes(r: FieldReader, v: unknown): NodeSpec[] {
  const list = r.list(v, ['nodes']);
  if (!list) return [];
  const seen = new Set<string>();
  return list.flatMap((n, i) => {
    const path: FieldPath = ['nodes', i];
    const m = r.map(n, path) ?? {};
    r.known(m, path, [
      'name',
      'cpu',
      'memory',
      'pods',
      'labels',
      'images',
      'podCIDR',
      'address',
      'taints',
    ]);
    const name = r.string(m.name, [...path, 'name']);
    if (!name) return r.error([...path, 'name'], fieldMsg.required()) ?? [];
    // A Node's name is a DNS subdomain (ValidateNodeName), its labels those of any object.
    for (const e of isDNS1123Subdomain(name)) r.error([...path, 'name'], fieldMsg.invalid(name, e));
    if (seen.has(name)) r.error([...path, 'name'], fieldMsg.duplicate(name));
    seen.add(name);
    const node = defaultNode(name, i);
    if (m.cpu !== undefined) {
      const q = quantityOf(m.cpu);
      if (!q || q.value < 0)
        r.error(
          [...path, 'cpu'],
          fieldMsg.invalid(m.cpu, 'must be a CPU quantity such as 2, 500m or 1.5'),
        );
      else node.cpuMilli = Math.round(q.value * 1000);
    }
    node.memoryBytes = bytes(r, m.memory, [...path, 'memory']) ?? node.memoryBytes;
    node.pods = r.int(m.pods, [...path, 'pods'], 1, 100_000) ?? node.pods;
    for (const [k, val] of Object.entries(r.map(m.labels, [...path, 'labels']) ?? {})) {
      const s = r.string(val, [...path, 'labels', k]);
      for (const e of isQualifiedName(k)) {
        r.error([...path, 'labels', k], fieldMsg.invalid(k, e), { key: true });
      }
      for (const e of s === undefined ? [] : isValidLabelValue(s)) {
        r.error([...path, 'labels', k], fieldMsg.invalid(s, e));
      }
      if (s !== undefined) node.labels[k] = s;
    }
    node.images = (r.list(m.images, [...path, 'images']) ?? []).flatMap((img, j) => {
      const s = r.string(img, [...path, 'images', j]);
      if (s === undefined) return [];
      const norm = normaliseImage(s);
      if (!norm.ok) return r.error([...path, 'images', j], fieldMsg.invalid(s, norm.error)) ?? [];
      return [norm.full];
    });
    const cidr = r.string(m.podCIDR, [...path, 'podCIDR']);
    if (cidr !== undefined) {
      if (!parseCidr(cidr))
        r.error(
          [...path, 'podCIDR'],
          fieldMsg.invalid(cidr, 'must be an IPv4 CIDR between /8 and /30, e.g. 10.244.1.0/24'),
        );
      else node.podCIDR = cidr;
    }
    const addr = r.string(m.address, [...path, 'address']);
    if (addr !== undefined) {
      if (!/^(\d{1,3})(\.\d{1,3}){3}$/.test(addr))
        r.error([...path, 'address'], fieldMsg.invalid(addr, 'must be an IPv4 address'));
      else node.address = addr;
    }
    node.taints = (r.list(m.taints, [...path, 'taints']) ?? []).flatMap((t, j) => {
      const tm = r.map(t, [...path, 'taints', j]) ?? {};
      const key = r.string(tm.key, [...path, 'taints', j, 'key']);
      const effect = r.string(tm.effect, [...path, 'taints', j, 'effect']);
      if (!key || !effect || !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
        return (
          r.error(
            [...path, 'taints', j],
            fieldMsg.invalid(
              t,
              'a taint needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute',
            ),
          ) ?? []
        );
      }
      const value = r.string(tm.value, [...path, 'taints', j, 'value']);
      return [value === undefined ? { key, effect } : { key, value, effect }];
    });
    return [node];
  });
}

const RULE_FIELDS = [
  'pod',
  'container',
  'program',
  'command',
  'startup',
  'onSigterm',
  'ports',
  'http',
  'grpcServing',
  'files',
  'exec',
  'memory',
  'hooks',
  'faults',
];

function parseRule(r: FieldReader, v: unknown, path: FieldPath): BehaviourRule | undefined {
  const m = r.map(v, path);
  if (!m) return undefined;
  r.known(m, path, RULE_FIELDS);
  const b: Partial<Behaviour> = {};
  const pod = r.string(m.pod, [...path, 'pod']);
  const container = r.string(m.container, [...path, 'container']);
  if (m.program !== undefined && m.command !== undefined)
    r.error([...path, 'command'], fieldMsg.forbidden('give either program or command, not both'));
  if (m.program !== undefined) {
    const steps = parseProgram(r, m.program, [...path, 'program']);
    if (steps) b.program = steps;
  }
  const command = r.string(m.command, [...path, 'command']);
  if (command !== undefined) {
    const parsed = parseShell(command);
    if (!parsed.understood)
      r.error(
        [...path, 'command'],
        fieldMsg.invalid(command, `podsim cannot model it: ${parsed.notes.join('; ')}`),
      );
    b.program = parsed.steps;
    if (parsed.trapsTerm && m.onSigterm === undefined)
      b.onSigterm = { action: 'exit', afterMs: 0, code: 143 };
  }
  const startup = r.duration(m.startup, [...path, 'startup']);
  if (startup !== undefined) b.startupMs = startup;
  const sig = parseSigterm(r, m.onSigterm, [...path, 'onSigterm']);
  if (sig) b.onSigterm = sig;
  if (m.ports !== undefined)
    b.ports = (r.list(m.ports, [...path, 'ports']) ?? []).flatMap(
      (p, i) => r.int(p, [...path, 'ports', i], 1, 65535) ?? [],
    );
  if (m.http !== undefined) {
    const h = r.map(m.http, [...path, 'http']) ?? {};
    r.known(h, [...path, 'http'], ['docroot', 'routes']);
    const routes: HttpRoute[] = (r.list(h.routes, [...path, 'http', 'routes']) ?? []).flatMap(
      (rt, i) => {
        const rp: FieldPath = [...path, 'http', 'routes', i];
        const rm = r.map(rt, rp) ?? {};
        r.known(rm, rp, ['path', 'status', 'redirect']);
        const p = r.string(rm.path, [...rp, 'path']);
        const status = timeline(r, rm.status, [...rp, 'status'], 100, 599, true);
        if (!p || !status) return r.error(rp, fieldMsg.required('path and status')) ?? [];
        const redirect = r.string(rm.redirect, [...rp, 'redirect']);
        if (redirect !== undefined && !/^https?:\/\/[^/\s]+/.test(redirect)) {
          r.error(
            [...rp, 'redirect'],
            fieldMsg.invalid(redirect, 'must be an http:// or https:// URL'),
          );
        }
        return [redirect === undefined ? { path: p, status } : { path: p, status, redirect }];
      },
    );
    const docroot = r.string(h.docroot, [...path, 'http', 'docroot']);
    b.http = docroot === undefined ? { routes } : { docroot, routes };
  }
  const grpc = r.bool(m.grpcServing, [...path, 'grpcServing']);
  if (grpc !== undefined) b.grpcServing = grpc;
  if (m.files !== undefined)
    b.files = (r.list(m.files, [...path, 'files']) ?? []).flatMap(
      (f, i) => r.string(f, [...path, 'files', i]) ?? [],
    );
  if (m.exec !== undefined)
    b.exec = (r.list(m.exec, [...path, 'exec']) ?? []).flatMap(
      (e, i) => parseExec(r, e, [...path, 'exec', i]) ?? [],
    );
  if (m.memory !== undefined) {
    b.memory = (r.list(m.memory, [...path, 'memory']) ?? []).flatMap((pt, i): MemoryPoint[] => {
      const pm = r.map(pt, [...path, 'memory', i]) ?? {};
      r.known(pm, [...path, 'memory', i], ['at', 'size']);
      const atMs = r.duration(pm.at, [...path, 'memory', i, 'at']);
      const size = bytes(r, pm.size, [...path, 'memory', i, 'size']);
      if (atMs === undefined || size === undefined)
        return r.error([...path, 'memory', i], fieldMsg.required('at and size')) ?? [];
      return [{ atMs, bytes: size }];
    });
    b.memory.sort((x, y) => x.atMs - y.atMs);
  }
  if (m.hooks !== undefined) {
    const h = r.map(m.hooks, [...path, 'hooks']) ?? {};
    r.known(h, [...path, 'hooks'], ['postStart', 'preStop']);
    b.hooks = {};
    for (const k of ['postStart', 'preStop'] as const) {
      const hm = r.map(h[k], [...path, 'hooks', k]);
      if (!hm) continue;
      r.known(hm, [...path, 'hooks', k], ['duration', 'fails']);
      b.hooks[k] = {
        durationMs: r.duration(hm.duration, [...path, 'hooks', k, 'duration']) ?? 0,
        fails: r.bool(hm.fails, [...path, 'hooks', k, 'fails']) ?? false,
      };
    }
  }
  const f = r.map(m.faults, [...path, 'faults']);
  const rule: BehaviourRule = { behaviour: b, source: `${r.doc.file}:${r.doc.locate(path).line}` };
  if (pod !== undefined) rule.pod = pod;
  if (container !== undefined) rule.container = container;
  if (f) {
    r.known(f, [...path, 'faults'], ['createError', 'runError']);
    const createError = r.string(f.createError, [...path, 'faults', 'createError']);
    const runError = r.string(f.runError, [...path, 'faults', 'runError']);
    rule.faults = { ...(createError ? { createError } : {}), ...(runError ? { runError } : {}) };
  }
  return rule;
}

function parseProgram(r: FieldReader, v: unknown, path: FieldPath): Step[] | undefined {
  const list = r.list(v, path);
  if (!list) return undefined;
  return list.flatMap((s, i): Step[] => {
    const p: FieldPath = [...path, i];
    if (s === 'serve') return [{ kind: 'serve' }];
    const m = r.map(s, p);
    if (!m) return [];
    const keys = Object.keys(m);
    if (keys.length !== 1)
      return (
        r.error(
          p,
          fieldMsg.invalid(
            s,
            'each step has exactly one of: sleep, exit, touch, rm, echo, waitForService, serve',
          ),
        ) ?? []
      );
    const k = keys[0]!;
    if (k === 'sleep') {
      const ms = r.duration(m.sleep, [...p, 'sleep']);
      return ms === undefined ? [] : [{ kind: 'sleep', ms }];
    }
    if (k === 'exit') {
      const code = r.int(m.exit, [...p, 'exit'], 0, 255);
      return code === undefined ? [] : [{ kind: 'exit', code }];
    }
    if (k === 'touch' || k === 'rm' || k === 'echo') {
      const s2 = r.string(m[k], [...p, k]);
      if (s2 === undefined) return [];
      return [k === 'echo' ? { kind: 'echo', text: s2 } : { kind: k, path: s2 }];
    }
    if (k === 'waitForService') {
      const w = r.map(m.waitForService, [...p, k]) ?? {};
      const service = r.string(w.name, [...p, k, 'name']);
      const pollMs = r.duration(w.poll, [...p, k, 'poll']) ?? 1000;
      if (!service) return r.error([...p, k, 'name'], fieldMsg.required()) ?? [];
      const ns = r.string(w.namespace, [...p, k, 'namespace']);
      return [
        ns
          ? { kind: 'waitForService', service, namespace: ns, pollMs }
          : { kind: 'waitForService', service, pollMs },
      ];
    }
    if (k === 'serve') return [{ kind: 'serve' }];
    return (
      r.error(
        [...p, k],
        `unknown step "${k}"; allowed: sleep, exit, touch, rm, echo, waitForService, serve`,
      ) ?? []
    );
  });
}

function parseSigterm(r: FieldReader, v: unknown, path: FieldPath): SigtermReaction | undefined {
  if (v === undefined || v === null) return undefined;
  const c = r.choice(v, path, 'value', (x, p) => parseSigterm(r, x, p));
  if (c) return c.value;
  if (v === 'ignore') return { action: 'ignore' };
  const m = r.map(v, path);
  if (!m) return undefined;
  r.known(m, path, ['exitAfter', 'code']);
  return {
    action: 'exit',
    afterMs: r.duration(m.exitAfter, [...path, 'exitAfter']) ?? 0,
    code: r.int(m.code, [...path, 'code'], 0, 255) ?? 143,
  };
}

/** `200` or `[{from: 0s, code: 200}, {from: 10s, code: 500}]`. */
function timeline(
  r: FieldReader,
  v: unknown,
  path: FieldPath,
  min: number,
  max: number,
  timed = false,
): Array<{ fromMs: number; code: number; durationMs?: number }> | undefined {
  if (typeof v === 'number' || rangeSyntax(v)) {
    const c = r.int(v, path, min, max);
    return c === undefined ? undefined : [{ fromMs: 0, code: c }];
  }
  const list = r.list(v, path);
  if (!list) return undefined;
  const out = list.flatMap((e, i) => {
    const m = r.map(e, [...path, i]) ?? {};
    r.known(m, [...path, i], timed ? ['from', 'code', 'duration'] : ['from', 'code']);
    const fromMs = r.duration(m.from ?? 0, [...path, i, 'from']);
    const code = r.int(m.code, [...path, i, 'code'], min, max);
    if (fromMs === undefined || code === undefined) return [];
    // An HTTP status entry may say how long the answer takes from then on.
    const durationMs = timed ? r.duration(m.duration, [...path, i, 'duration']) : undefined;
    return [durationMs ? { fromMs, code, durationMs } : { fromMs, code }];
  });
  return out.sort((a, b) => a.fromMs - b.fromMs);
}

function parseExec(r: FieldReader, v: unknown, path: FieldPath): ExecResult | undefined {
  const m = r.map(v, path);
  if (!m) return undefined;
  r.known(m, path, ['command', 'exitCode', 'duration', 'output']);
  const command = Array.isArray(m.command)
    ? m.command.map(String).join(' ')
    : r.string(m.command, [...path, 'command']);
  if (!command) return r.error([...path, 'command'], fieldMsg.required());
  const exitCode = timeline(r, m.exitCode ?? 0, [...path, 'exitCode'], 0, 255) ?? [
    { fromMs: 0, code: 0 },
  ];
  const out: ExecResult = {
    command,
    exitCode,
    durationMs: r.duration(m.duration, [...path, 'duration']) ?? 0,
  };
  const output = r.string(m.output, [...path, 'output']);
  if (output !== undefined) out.output = output;
  return out;
}

function parseAction(
  r: FieldReader,
  v: unknown,
  path: FieldPath,
): Action | PendingApply | undefined {
  const m = r.map(v, path);
  if (!m) return undefined;
  r.known(m, path, [
    'at',
    'apply',
    'delete',
    'gracePeriod',
    'exec',
    'scale',
    'replicas',
    'nodeDown',
    'nodeUp',
    'rolloutUndo',
    'toRevision',
  ]);
  const at = r.duration(m.at, [...path, 'at']);
  if (at === undefined)
    return r.error([...path, 'at'], fieldMsg.required('when the action happens, e.g. at: 30s'));
  const source = `${r.doc.file}:${r.doc.locate(path).line}`;
  const kinds = ACTION_KINDS.filter((k) => m[k] !== undefined);
  if (kinds.length !== 1)
    return r.error(
      path,
      fieldMsg.invalid(Object.keys(m), `an action has exactly one of: ${ACTION_KINDS.join(', ')}`),
    );
  if (m.scale !== undefined) {
    const target = parseTarget(r, m.scale, [...path, 'scale']);
    const replicas = r.int(m.replicas, [...path, 'replicas'], 0, 1_000_000);
    if (!target) return undefined;
    if (!SCALABLE.includes(target.kind))
      return r.error(
        [...path, 'scale'],
        fieldMsg.invalid(m.scale, 'only a deployment, replicaset or replicationcontroller scales'),
      );
    if (replicas === undefined)
      return r.error([...path, 'replicas'], fieldMsg.required('the new replica count'));
    return { at, kind: 'scale', target, replicas, source };
  }
  if (m.nodeDown !== undefined || m.nodeUp !== undefined) {
    const kind = m.nodeDown !== undefined ? 'nodeDown' : 'nodeUp';
    const node = r.string(m[kind], [...path, kind]);
    if (node === undefined) return undefined;
    return { at, kind, node, source };
  }
  if (m.rolloutUndo !== undefined) {
    const target = parseTarget(r, m.rolloutUndo, [...path, 'rolloutUndo']);
    if (!target) return undefined;
    if (target.kind !== 'Deployment')
      return r.error(
        [...path, 'rolloutUndo'],
        fieldMsg.invalid(m.rolloutUndo, 'podsim undoes rollouts of deployments only'),
      );
    const to = r.int(m.toRevision, [...path, 'toRevision'], 0);
    return to === undefined
      ? { at, kind: 'rolloutUndo', target, source }
      : { at, kind: 'rolloutUndo', target, toRevision: to, source };
  }
  if (m.apply !== undefined) {
    const applyPath: FieldPath = [...path, 'apply'];
    if (typeof m.apply === 'string') {
      return { at, kind: 'applyFile', file: m.apply, path: applyPath, source };
    }
    const many = Array.isArray(m.apply);
    const objects = many ? (m.apply as unknown[]) : [m.apply];
    return { at, kind: 'applyInline', objects, many, path: applyPath, source };
  }
  if (m.delete !== undefined) {
    const target = parseTarget(r, m.delete, [...path, 'delete']);
    if (!target) return undefined;
    const grace = r.int(m.gracePeriod, [...path, 'gracePeriod'], 0);
    // kubectl delete: --grace-period=0 without --force becomes 1 (grace periods below 1 are raised).
    return grace === undefined
      ? { at, kind: 'delete', target, source }
      : { at, kind: 'delete', target, gracePeriodSeconds: Math.max(grace, 1), source };
  }
  const e = r.map(m.exec, [...path, 'exec']) ?? {};
  r.known(e, [...path, 'exec'], ['pod', 'namespace', 'container', 'command']);
  const pod = r.string(e.pod, [...path, 'exec', 'pod']);
  const container = r.string(e.container, [...path, 'exec', 'container']);
  const command = r.list(e.command, [...path, 'exec', 'command'])?.map(String);
  if (!pod || !container || !command || command.length === 0)
    return r.error([...path, 'exec'], fieldMsg.required('pod, container and command'));
  return {
    at,
    kind: 'exec',
    pod,
    namespace: r.string(e.namespace, [...path, 'exec', 'namespace']) ?? 'default',
    container,
    command,
    source,
  };
}

const ACTION_KINDS = ['apply', 'delete', 'exec', 'scale', 'nodeDown', 'nodeUp', 'rolloutUndo'];
const SCALABLE = ['Deployment', 'ReplicaSet', 'ReplicationController'];

function parseTarget(
  r: FieldReader,
  v: unknown,
  path: FieldPath,
): { kind: string; name: string; namespace: string } | undefined {
  const s = r.string(v, path);
  if (s === undefined) return undefined;
  const m =
    /^(pod|po|pods|service|svc|services|configmap|cm|secret|deployment|deploy|deployments|replicaset|rs|replicasets|replicationcontroller|rc|replicationcontrollers)\/(?:([a-z0-9-]+)\/)?([a-z0-9.-]+)$/.exec(
      s,
    );
  if (!m)
    return r.error(
      path,
      fieldMsg.invalid(
        s,
        'must be KIND/NAME or KIND/NAMESPACE/NAME with KIND pod, service, configmap, secret, deployment, replicaset or replicationcontroller',
      ),
    );
  const kinds: Record<string, string> = {
    pod: 'Pod',
    po: 'Pod',
    pods: 'Pod',
    service: 'Service',
    svc: 'Service',
    services: 'Service',
    configmap: 'ConfigMap',
    cm: 'ConfigMap',
    secret: 'Secret',
    deployment: 'Deployment',
    deploy: 'Deployment',
    deployments: 'Deployment',
    replicaset: 'ReplicaSet',
    rs: 'ReplicaSet',
    replicasets: 'ReplicaSet',
    replicationcontroller: 'ReplicationController',
    rc: 'ReplicationController',
    replicationcontrollers: 'ReplicationController',
  };
  return { kind: kinds[m[1]!]!, namespace: m[2] ?? 'default', name: m[3]! };
}

/** `30000-50000`: the API server's --service-node-port-range (inclusive). */
function parseNodePortRange(r: FieldReader, v: unknown): [number, number] | undefined {
  const s = r.string(v, ['serviceNodePortRange']);
  if (s === undefined) return undefined;
  const m = /^(\d+)-(\d+)$/.exec(s.trim());
  const lo = m ? Number(m[1]) : NaN;
  const hi = m ? Number(m[2]) : NaN;
  if (!m || lo < 1 || hi > 65535 || lo > hi) {
    r.error(
      ['serviceNodePortRange'],
      fieldMsg.invalid(s, 'must be a port range such as 30000-32767'),
    );
    return undefined;
  }
  return [lo, hi];
}
