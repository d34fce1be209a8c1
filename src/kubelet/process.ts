/**
 * PID 1's program over time. A container's process is at step `pc` since `since` (its anchor); from
 * there the program runs deterministically until it exits, blocks on a wait (e.g. `until nslookup`),
 * or serves forever. Anchors only move when a wait completes (process/resumed), so everything else
 * — the filesystem at any instant, the exit time — is derived, not stored.
 */
import type { Behaviour, Step } from '../model/behaviour.js';
import type { Millis } from '../model/time.js';

export type ProcessOutcome =
  | { kind: 'exit'; at: Millis; code: number; reason: 'Completed' | 'Error' | 'OOMKilled' }
  | { kind: 'wait'; at: Millis; pc: number; step: Extract<Step, { kind: 'waitForService' }> }
  | { kind: 'forever' };

/** Where the program goes from its anchor: the next exit or wait, ignoring signals. */
export function nextOutcome(
  b: Behaviour,
  anchor: { pc: number; since: Millis },
  startedAt: Millis,
  memoryLimitBytes: number | undefined,
): ProcessOutcome {
  let t = anchor.since;
  let natural: ProcessOutcome | undefined;
  for (let pc = anchor.pc; pc < b.program.length && !natural; pc++) {
    const step = b.program[pc]!;
    switch (step.kind) {
      case 'sleep':
        t += step.ms;
        break;
      case 'exit':
        natural = {
          kind: 'exit',
          at: t,
          code: step.code,
          reason: step.code === 0 ? 'Completed' : 'Error',
        };
        break;
      case 'waitForService':
        natural = { kind: 'wait', at: t, pc, step };
        break;
      case 'serve':
        natural = { kind: 'forever' };
        break;
      case 'touch':
      case 'rm':
      case 'echo':
        break;
    }
  }
  natural ??= { kind: 'exit', at: t, code: 0, reason: 'Completed' };
  const oom = oomAt(b, startedAt, memoryLimitBytes);
  if (
    oom !== undefined &&
    oom >= anchor.since &&
    (natural.kind === 'forever' || oom < natural.at)
  ) {
    // The memory cgroup's OOM killer ends the process: the runtime reports OOMKilled with 137.
    return { kind: 'exit', at: oom, code: 137, reason: 'OOMKilled' };
  }
  return natural;
}

/** First instant the memory curve exceeds the limit, if ever. */
export function oomAt(
  b: Behaviour,
  startedAt: Millis,
  limit: number | undefined,
): Millis | undefined {
  if (limit === undefined) return undefined;
  for (const p of b.memory) if (p.bytes > limit) return startedAt + p.atMs;
  return undefined;
}

/**
 * Whether `path` exists in the container's filesystem at `at`: the image's files, then the
 * program's touch/rm steps up to `at`, then changes made by timed exec actions, in time order.
 */
export function pathExists(
  b: Behaviour,
  anchor: { pc: number; since: Millis },
  execChanges: ReadonlyArray<{ at: Millis; path: string; exists: boolean }>,
  mounts: ReadonlyArray<{ path: string; files: ReadonlySet<string> }>,
  path: string,
  at: Millis,
): boolean {
  const changes: Array<{ at: Millis; path: string; exists: boolean }> = [];
  // Steps before the anchor ran before `since`; steps after it at their own offsets.
  let t = anchor.since;
  for (let pc = 0; pc < b.program.length; pc++) {
    const step = b.program[pc]!;
    const when = pc < anchor.pc ? anchor.since - 1 : t;
    if (pc >= anchor.pc) {
      if (step.kind === 'sleep') t += step.ms;
      if (step.kind === 'waitForService' || step.kind === 'serve' || step.kind === 'exit') break;
    }
    if (step.kind === 'touch') changes.push({ at: when, path: step.path, exists: true });
    if (step.kind === 'rm') changes.push({ at: when, path: step.path, exists: false });
  }
  for (const c of execChanges) changes.push(c);
  changes.sort((x, y) => x.at - y.at);
  const mount = [...mounts]
    .sort((x, y) => y.path.length - x.path.length)
    .find((m) => under(path, m.path));
  let exists = mount ? mount.files.has(path) : b.files.some((f) => f === path || under(f, path));
  for (const c of changes) {
    if (c.at > at) break;
    if (c.path === path || under(path, c.path)) exists = c.exists && (c.path === path || exists);
    else if (c.exists && under(c.path, path)) exists = true;
  }
  return exists;
}

/** `child` is `parent` or below it. */
export function under(child: string, parent: string): boolean {
  const p = parent.endsWith('/') ? parent : `${parent}/`;
  return child === parent || child.startsWith(p);
}
