/**
 * Helpers for the cases ported from pkg/printers/internalversion/printers_test.go. The Go tests
 * build pods with unnamed containers (make([]api.Container, n)), leave creationTimestamp unset
 * (AGE `<unknown>`) and place finishedAt relative to time.Now(); here "now" is fixed.
 */
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1.js';
import { printPodRow } from '../../src/views/index.js';

export const NOW = '2025-06-01T12:00:00Z';
export const ago = (seconds: number): string =>
  new Date(Date.parse(NOW) - seconds * 1000).toISOString().replace('.000Z', 'Z');
export const day = 24 * 3600;

export const unnamed = (n: number) => Array.from({ length: n }, () => ({ name: '' }));
export const status = (extra: Partial<ContainerStatus>): ContainerStatus => ({
  name: '',
  image: '',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...extra,
});
export const runningState = { running: {} };
export const finishedAgo = (s: number) => ({ terminated: { exitCode: 0, finishedAt: ago(s) } });

export function goPod(name: string, spec: Pod['spec'], st: Pod['status'], deleting = false): Pod {
  return {
    metadata: { name, ...(deleting ? { deletionTimestamp: ago(10) } : {}) },
    spec,
    status: st,
  };
}

export const cells = (p: Pod): string[] => {
  const r = printPodRow(p, NOW);
  return [r.name, r.ready, r.status, r.restarts, r.age];
};
