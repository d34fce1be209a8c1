/**
 * apps/v1 Deployment: defaulting (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment) and
 * validation (pkg/apis/apps/validation/validation.go ValidateDeploymentSpec,
 * ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePositiveIntOrPercent,
 * IsNotMoreThan100Percent).
 */
import type {
  Deployment,
  DeploymentSpec,
  RollingUpdateDeployment,
} from 'kubernetes-types/apps/v1.js';
import { goIntOrString } from './goFormat.js';
import { validateObjectMeta } from './meta.js';
import { isNegativeErrorMsg, isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { child } from './path.js';
import type { FieldPath } from './path.js';
import { applyPodSpecDefaults } from './podDefaults.js';
import type { Report } from './report.js';
import { validateSelectorAndTemplate } from './replicaSet.js';

const SPEC: FieldPath = ['spec'];

export function defaultDeployment(d: Deployment): void {
  // A missing spec is Go's zero DeploymentSpec: no selector (Required), an empty template.
  const spec = (d.spec ??= {} as DeploymentSpec);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  // A plain int32 in Go (0 when absent); written out so readers need no fallback.
  spec.minReadySeconds ??= 0;
  spec.template ??= {};
  applyPodSpecDefaults((spec.template.spec ??= { containers: [] }), true);
}

/** getIntOrPercentValue: a valid percent's number, else IntOrString.IntValue() (Atoi, 0 on error). */
function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v !== 'string') return v ?? 0;
  if (isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(v) ? Number(v) : 0;
}

function validatePositiveIntOrPercent(
  v: number | string | undefined,
  path: FieldPath,
  r: Report,
): void {
  if (typeof v === 'string') {
    for (const m of isValidPercent(v)) r.invalidGo(path, goIntOrString(v), m);
  } else if ((v ?? 0) < 0) {
    r.invalid(path, v, isNegativeErrorMsg);
  }
}

function validateRollingUpdate(ru: RollingUpdateDeployment, path: FieldPath, r: Report): void {
  const unavailablePath = child(path, 'maxUnavailable');
  validatePositiveIntOrPercent(ru.maxUnavailable, unavailablePath, r);
  validatePositiveIntOrPercent(ru.maxSurge, child(path, 'maxSurge'), r);
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    r.invalidGo(
      unavailablePath,
      goIntOrString(ru.maxUnavailable),
      'may not be 0 when `maxSurge` is 0',
    );
  }
  const mu = ru.maxUnavailable;
  if (typeof mu === 'string' && isValidPercent(mu).length === 0 && intOrPercentValue(mu) > 100) {
    r.invalidGo(unavailablePath, goIntOrString(mu), 'must not be greater than 100%');
  }
}

function validateStrategy(d: Deployment, r: Report): void {
  const path = child(SPEC, 'strategy');
  const strategy = d.spec?.strategy ?? {};
  switch (strategy.type) {
    case 'Recreate':
      if (strategy.rollingUpdate) {
        r.forbidden(
          child(path, 'rollingUpdate'),
          "may not be specified when strategy `type` is 'Recreate'",
        );
      }
      return;
    case 'RollingUpdate':
      if (!strategy.rollingUpdate) {
        r.required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil');
      } else validateRollingUpdate(strategy.rollingUpdate, child(path, 'rollingUpdate'), r);
      return;
    default: {
      // NotSupported prints the whole *apps.DeploymentStrategy with %#v.
      const ru = strategy.rollingUpdate
        ? '&apps.RollingUpdateDeployment{…}'
        : '(*apps.RollingUpdateDeployment)(nil)';
      const value = `apps.DeploymentStrategy{Type:${JSON.stringify(strategy.type ?? '')}, RollingUpdate:${ru}}`;
      r.add(
        path,
        `Unsupported value: ${value}: supported values: "Recreate", "RollingUpdate"`,
        child(path, 'type'),
      );
    }
  }
}

export function validateDeployment(d: Deployment, r: Report): void {
  validateObjectMeta(d.metadata ?? {}, true, nameIsDNSSubdomain, r, nameIsDNSLabel);
  const spec = d.spec;
  const replicas = spec?.replicas ?? 0;
  if (replicas < 0) r.invalid(child(SPEC, 'replicas'), replicas, isNegativeErrorMsg);
  validateSelectorAndTemplate(spec?.selector, spec?.template ?? {}, r, 'ReplicaSet');
  validateStrategy(d, r);
  const minReady = spec?.minReadySeconds ?? 0;
  if (minReady < 0) r.invalid(child(SPEC, 'minReadySeconds'), minReady, isNegativeErrorMsg);
  const history = spec?.revisionHistoryLimit;
  if (history !== undefined && history < 0) {
    r.invalid(child(SPEC, 'revisionHistoryLimit'), history, isNegativeErrorMsg);
  }
  const deadline = spec?.progressDeadlineSeconds;
  if (deadline !== undefined) {
    if (deadline < 0) {
      r.invalid(child(SPEC, 'progressDeadlineSeconds'), deadline, isNegativeErrorMsg);
    }
    if (deadline <= minReady) {
      r.invalid(
        child(SPEC, 'progressDeadlineSeconds'),
        deadline,
        'must be greater than minReadySeconds',
      );
    }
  }
}
