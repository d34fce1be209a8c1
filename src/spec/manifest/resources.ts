/**
 * Container resource requirements. Mirrors ValidateResourceRequirements,
 * ValidateResourceQuantityValue and validateContainerResourceName in
 * pkg/apis/core/validation/validation.go, with the resource-name helpers of
 * pkg/apis/core/helper/helpers.go (IsStandardContainerResourceName, IsNativeResource,
 * IsExtendedResourceName, IsOvercommitAllowed, IsHugePageResourceName).
 *
 * A quantity that does not parse is what the API server's JSON decoder rejects
 * (resource.ParseQuantity); podsim reports it at the entry, with Go's message.
 */
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { isNegativeErrorMsg, isQualifiedName } from './names.js';
import { child, key } from './path.js';
import type { FieldPath } from './path.js';
import { parseQuantityStrict } from './quantity.js';
import type { Quantity } from './quantity.js';
import type { Report } from './report.js';

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isNative = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** Requests may be lower than limits only for native, non-hugepage resources. */
const overcommitAllowed = (name: string): boolean => isNative(name) && !isHugePages(name);
const isExtended = (name: string): boolean =>
  !isNative(name) &&
  !name.startsWith('requests.') &&
  isQualifiedName(`requests.${name}`).length === 0;

function validateResourceName(name: string, path: FieldPath, r: Report): void {
  r.invalidEach(path, name, isQualifiedName(name));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !isHugePages(name)) {
      r.invalid(path, name, 'must be a standard resource for containers');
    }
  } else if (!isNative(name) && !isExtended(name)) {
    r.invalid(path, name, "doesn't follow extended resource name standard");
  }
}

/** Parses one entry and checks its value; undefined when it does not parse. */
function quantityOf(name: string, raw: string, path: FieldPath, r: Report): Quantity | undefined {
  const parsed = parseQuantityStrict(raw);
  if ('error' in parsed) {
    r.invalid(path, raw, parsed.error);
    return undefined;
  }
  const q = parsed.quantity;
  if (q.nano < 0n) r.invalid(path, q.canonical, isNegativeErrorMsg);
  // Extended resources are counted in whole units (helper.IsIntegerResourceName).
  if (isExtended(name) && q.nano % 1_000_000_000n !== 0n) {
    r.invalidGo(path, q.canonical, 'must be an integer');
  }
  return q;
}

export function validateResourceRequirements(
  res: ResourceRequirements | undefined,
  path: FieldPath,
  r: Report,
): void {
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  const limits = new Map<string, Quantity | undefined>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(res?.limits ?? {})) {
    const p = child(limPath, key(name));
    validateResourceName(name, p, r);
    limits.set(name, quantityOf(name, raw, p, r));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, raw] of Object.entries(res?.requests ?? {})) {
    const p = child(reqPath, key(name));
    validateResourceName(name, p, r);
    const q = quantityOf(name, raw, p, r);
    if (limits.has(name)) {
      const limit = limits.get(name);
      if (q && limit) {
        if (q.nano !== limit.nano && !overcommitAllowed(name)) {
          r.invalid(
            reqPath,
            q.canonical,
            `must be equal to ${name} limit of ${limit.canonical}`,
            p,
          );
        } else if (q.nano > limit.nano) {
          r.invalid(
            reqPath,
            q.canonical,
            `must be less than or equal to ${name} limit of ${limit.canonical}`,
            p,
          );
        }
      }
    } else if (!overcommitAllowed(name)) {
      r.required(limPath, 'Limit must be set for non overcommitable resources');
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) r.forbidden(path, 'HugePages require cpu or memory');
}
