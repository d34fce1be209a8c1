/**
 * Containers and init containers (sidecars included). Mirrors validateContainers,
 * validateInitContainers, validateContainerCommon, validateContainerPorts, validatePullPolicy,
 * and AccumulateUniqueHostPorts in pkg/apis/core/validation/validation.go,
 * with SidecarContainers on (beta, default on since v1.29).
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import { validateEnv, validateEnvFrom } from './env.js';
import { isDNS1123Label, isValidPortName, isValidPortNum } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import { validateLifecycle, validateProbes } from './probes.js';
import type { Report } from './report.js';
import { validateResourceRequirements } from './resources.js';
import { validateVolumeMounts } from './volumes.js';

export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const SIDECAR_ONLY = 'may not be set for init containers without restartPolicy=Always';

export interface ContainerContext {
  volumes: Set<string>;
  grace: number | undefined;
}

function validatePorts(c: Container, path: FieldPath, r: Report): void {
  const names = new Set<string>();
  (c.ports ?? []).forEach((port, i) => {
    const p = child(path, i);
    if (port.name) {
      const errs = isValidPortName(port.name);
      if (errs.length > 0) r.invalidEach(child(p, 'name'), port.name, errs);
      else if (names.has(port.name)) r.duplicate(child(p, 'name'), port.name);
      else names.add(port.name);
    }
    if (!port.containerPort) r.required(child(p, 'containerPort'));
    else
      r.invalidEach(
        child(p, 'containerPort'),
        port.containerPort,
        isValidPortNum(port.containerPort),
      );
    if (port.hostPort) {
      r.invalidEach(child(p, 'hostPort'), port.hostPort, isValidPortNum(port.hostPort));
    }
    if (!port.protocol) r.required(child(p, 'protocol'));
    else if (!PROTOCOLS.includes(port.protocol)) {
      r.notSupported(child(p, 'protocol'), port.protocol, PROTOCOLS);
    }
  });
}

function validateCommon(c: Container, ctx: ContainerContext, path: FieldPath, r: Report): void {
  const name = c.name ?? '';
  if (!name) r.required(child(path, 'name'));
  else r.invalidEach(child(path, 'name'), name, isDNS1123Label(name));
  if (!c.image) r.required(child(path, 'image'));
  const tmp = c.terminationMessagePolicy ?? '';
  if (!tmp) r.required(child(path, 'terminationMessagePolicy'));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp)) {
    r.notSupported(child(path, 'terminationMessagePolicy'), tmp, TERMINATION_MESSAGE_POLICIES);
  }
  validatePorts(c, child(path, 'ports'), r);
  validateEnv(c.env, child(path, 'env'), r);
  validateEnvFrom(c.envFrom, child(path, 'envFrom'), r);
  validateVolumeMounts(c, ctx.volumes, child(path, 'volumeMounts'), r);
  const policy = c.imagePullPolicy ?? '';
  if (!policy) r.required(child(path, 'imagePullPolicy'));
  else if (!PULL_POLICIES.includes(policy)) {
    r.notSupported(child(path, 'imagePullPolicy'), policy, PULL_POLICIES);
  }
  validateResourceRequirements(c.resources, child(path, 'resources'), r);
}

/** AccumulateUniqueHostPorts over `containers` (regular containers together, init containers one by one). */
function checkHostPorts(
  containers: Container[],
  indexes: number[],
  path: FieldPath,
  r: Report,
): void {
  const seen = new Set<string>();
  containers.forEach((c, n) => {
    (c.ports ?? []).forEach((port, j) => {
      if (!port.hostPort) return;
      const id = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      const p = child(path, indexes[n]!, 'ports', j, 'hostPort');
      if (seen.has(id)) r.duplicate(p, id);
      else seen.add(id);
    });
  });
}

export function validateContainers(
  containers: Container[] | undefined,
  ctx: ContainerContext,
  path: FieldPath,
  r: Report,
): void {
  const list = containers ?? [];
  if (list.length === 0) return r.required(path);
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = child(path, i);
    validateCommon(c, ctx, p, r);
    if (names.has(c.name ?? '')) r.duplicate(child(p, 'name'), c.name ?? '');
    else names.add(c.name ?? '');
    if (c.lifecycle) validateLifecycle(c.lifecycle, ctx.grace, child(p, 'lifecycle'), r);
    validateProbes(c, ctx.grace, p, r);
    if (c.restartPolicy !== undefined) {
      r.forbidden(child(p, 'restartPolicy'), 'may not be set for non-init containers');
    }
  });
  checkHostPorts(
    list,
    list.map((_, i) => i),
    path,
    r,
  );
}

export function validateInitContainers(
  inits: Container[] | undefined,
  regular: Container[] | undefined,
  ctx: ContainerContext,
  path: FieldPath,
  r: Report,
): void {
  const names = new Set((regular ?? []).map((c) => c.name ?? ''));
  (inits ?? []).forEach((c, i) => {
    const p = child(path, i);
    validateCommon(c, ctx, p, r);
    let sidecar = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') {
        r.notSupported(child(p, 'restartPolicy'), c.restartPolicy, ['Always']);
      }
      sidecar = c.restartPolicy === 'Always';
    }
    const name = c.name ?? '';
    if (names.has(name)) r.duplicate(child(p, 'name'), name);
    else if (name) names.add(name);
    checkHostPorts([c], [i], path, r);
    if (sidecar) {
      if (c.lifecycle) validateLifecycle(c.lifecycle, ctx.grace, child(p, 'lifecycle'), r);
      validateProbes(c, ctx.grace, p, r);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (c[f] !== undefined) r.forbidden(child(p, f), SIDECAR_ONLY);
      }
    }
  });
}
