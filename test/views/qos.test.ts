import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { describe, expect, it } from 'vitest';
import { podQosClass, qosClass } from '../../src/views/index.js';

type Resources = Container['resources'];
const c = (name: string, resources?: Resources): Container => ({
  name,
  ...(resources ? { resources } : {}),
});
const podOf = (containers: Container[], initContainers: Container[] = []): Pod => ({
  spec: { containers, initContainers },
});
const cpuMem = (cpu: string, memory: string) => ({ cpu, memory });

describe('qosClass (ComputePodQOS)', () => {
  it('is BestEffort when no container sets cpu or memory', () => {
    expect(qosClass(podOf([c('a'), c('b')]))).toBe('BestEffort');
  });

  it('ignores zero quantities and resources other than cpu and memory', () => {
    const p = podOf([
      c('a', { requests: { cpu: '0', memory: '0Mi' }, limits: { 'nvidia.com/gpu': '1' } }),
    ]);
    expect(qosClass(p)).toBe('BestEffort');
  });

  it('is Guaranteed when every container limits cpu and memory at its requests', () => {
    const r = { requests: cpuMem('500m', '128Mi'), limits: cpuMem('0.5', '134217728') };
    expect(qosClass(podOf([c('a', r), c('b', r)], [c('init', r)]))).toBe('Guaranteed');
  });

  it('treats limits without requests as requests, as API defaulting does', () => {
    expect(qosClass(podOf([c('a', { limits: cpuMem('1', '1Gi') })]))).toBe('Guaranteed');
  });

  it('is Burstable when requests are below limits', () => {
    const p = podOf([
      c('a', { requests: cpuMem('250m', '64Mi'), limits: cpuMem('500m', '128Mi') }),
    ]);
    expect(qosClass(p)).toBe('Burstable');
  });

  it('is Burstable when a container limits only memory', () => {
    expect(qosClass(podOf([c('a', { limits: { memory: '128Mi' } })]))).toBe('Burstable');
  });

  it('is Burstable when one container is guaranteed and another sets nothing', () => {
    const p = podOf([c('a', { limits: cpuMem('1', '1Gi') }), c('b')]);
    expect(qosClass(p)).toBe('Burstable');
  });

  it('counts init containers: an unbounded init container makes the pod Burstable', () => {
    const p = podOf(
      [c('a', { limits: cpuMem('1', '1Gi') })],
      [c('init', { requests: { cpu: '100m' } })],
    );
    expect(qosClass(p)).toBe('Burstable');
  });
});

describe('podQosClass (GetPodQOS, what describe prints)', () => {
  it('prefers the class recorded in status.qosClass', () => {
    const p: Pod = { ...podOf([c('a')]), status: { qosClass: 'Guaranteed' } };
    expect(podQosClass(p)).toBe('Guaranteed');
  });

  it('computes the class when the status has none', () => {
    expect(podQosClass(podOf([c('a')]))).toBe('BestEffort');
  });
});
