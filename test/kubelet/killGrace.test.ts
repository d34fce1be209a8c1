import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { killGraceSeconds } from '../../src/kubelet/terminate.js';

const probe = { exec: { command: ['true'] }, terminationGracePeriodSeconds: 5 };
const container: Container = {
  name: 'app',
  livenessProbe: probe,
  startupProbe: { ...probe, terminationGracePeriodSeconds: 7 },
};
const pod = (deletionGracePeriodSeconds?: number, terminationGracePeriodSeconds?: number): Pod => ({
  metadata: {
    name: 'p',
    ...(deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds } : {}),
  },
  spec: {
    containers: [container],
    ...(terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds } : {}),
  },
});

describe('killGraceSeconds (kuberuntime_container.go setTerminationGracePeriod)', () => {
  it("takes a failed probe's own grace before the pod's", () => {
    expect(killGraceSeconds(pod(undefined, 30), container, 'liveness')).toBe(5);
    expect(killGraceSeconds(pod(undefined, 30), container, 'startup')).toBe(7);
    expect(killGraceSeconds(pod(undefined, 30), { name: 'app' }, 'liveness')).toBe(30);
    expect(killGraceSeconds(pod(undefined, 30), container, 'postStartHook')).toBe(30);
  });

  it("lets a deletion's grace period win over every other", () => {
    expect(killGraceSeconds(pod(0, 30), container, 'liveness')).toBe(0);
    expect(killGraceSeconds(pod(12, 30), undefined, 'deletion')).toBe(12);
    expect(killGraceSeconds(pod(12, 30), undefined, 'postStartHook')).toBe(12);
  });

  it('falls back to minimumGracePeriodInSeconds when the pod sets none', () => {
    expect(killGraceSeconds(pod(), container, 'liveness')).toBe(2);
  });
});
