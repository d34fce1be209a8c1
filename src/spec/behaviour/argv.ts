/**
 * The command line a container runs, by Kubernetes' rule: `command` replaces the image's
 * ENTRYPOINT and `args` its CMD; `command` without `args` drops the CMD too; `args` without
 * `command` go to the image's ENTRYPOINT. The kubelet first expands `$(VAR)` references to the
 * container's environment variables (`$$(VAR)` stays literal), as it does for real.
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { CatalogueEntry } from './catalogue/index.js';

export interface ContainerEnv {
  /** Variables whose values podsim knows. */
  values: Map<string, string>;
  /** Every variable the container sets, known value or not. */
  names: Set<string>;
  envFrom: boolean;
}

export interface EffectiveArgv {
  /** Undefined when the image is unknown and the container gives no command. */
  argv: string[] | undefined;
  /** Where the command line comes from. */
  source: 'manifest' | 'image';
  notes: string[];
}

/** A list of strings from untrusted input (anything else is treated as absent). */
export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
}

export function containerEnv(container: Container, namespace: string): ContainerEnv {
  const env: ContainerEnv = { values: new Map(), names: new Set(), envFrom: false };
  env.envFrom = Array.isArray(container.envFrom) && container.envFrom.length > 0;
  for (const e of Array.isArray(container.env) ? container.env : []) {
    if (!e || typeof e.name !== 'string') continue;
    env.names.add(e.name);
    if (typeof e.value === 'string') env.values.set(e.name, expandK8s(e.value, env.values));
    else if (e.valueFrom === undefined || e.valueFrom === null) env.values.set(e.name, '');
    else if (e.valueFrom.fieldRef?.fieldPath === 'metadata.namespace') {
      env.values.set(e.name, namespace);
    }
  }
  return env;
}

/**
 * The kubelet's `$(VAR)` expansion (third_party/forked/golang/expansion): `$$` is a literal `$`,
 * `$(NAME)` becomes the value of a known variable and stays as written otherwise.
 */
export function expandK8s(input: string, vars: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) {
      out += c;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const end = input.indexOf(')', i + 2);
      const name = end < 0 ? undefined : input.slice(i + 2, end);
      if (name !== undefined && vars.has(name)) {
        out += vars.get(name);
        i = end;
      } else out += c;
    } else out += c;
  }
  return out;
}

export function effectiveArgv(
  container: Container,
  entry: CatalogueEntry | undefined,
  env: ContainerEnv,
): EffectiveArgv {
  const expand = (list: string[] | undefined) => list?.map((s) => expandK8s(s, env.values));
  const command = expand(stringList(container.command));
  const args = expand(stringList(container.args));
  const notes: string[] = [];
  if (command) return { argv: [...command, ...(args ?? [])], source: 'manifest', notes };
  if (args) {
    if (entry) return { argv: [...entry.entrypoint, ...args], source: 'manifest', notes };
    notes.push(
      `podsim does not know the ENTRYPOINT of image ${imageName(container)}; assumed it has ` +
        'none, so args run as the command',
    );
    return { argv: args, source: 'manifest', notes };
  }
  if (entry) return { argv: [...entry.entrypoint, ...entry.cmd], source: 'image', notes };
  return { argv: undefined, source: 'image', notes };
}

export function imageName(container: Container): string {
  return typeof container.image === 'string' && container.image ? `"${container.image}"` : '(none)';
}

/** TCP containerPorts the manifest declares. */
export function declaredPorts(container: Container): number[] {
  const ports = Array.isArray(container.ports) ? container.ports : [];
  return ports
    .filter((p) => p && (p.protocol === undefined || p.protocol === 'TCP'))
    .map((p) => p.containerPort)
    .filter((p): p is number => Number.isInteger(p) && p > 0 && p <= 65535);
}
