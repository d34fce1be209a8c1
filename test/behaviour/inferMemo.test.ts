/**
 * behaviourOf infers a container once per distinct container: pods made from one template share
 * their containers' values (only the volume mounts differ), and are matched by identity before
 * any JSON key is built. A container equal in content but not in identity, or different in one
 * value, still gets its own inference.
 */
import { describe, expect, it } from 'vitest';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { loadInline } from '../helpers/inline.js';

const inputs = loadInline({
  'scenario.yaml': 'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 1m\n',
});

const args = ['/bin/sh', '-c', 'sleep 30; exit 3'];
const probe = { exec: { command: ['true'] }, periodSeconds: 5 };
const pod = (name: string, container: Container): Pod =>
  ({
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { containers: [container] },
  }) as Pod;
const mounts = (volume: string) => [{ name: volume, mountPath: '/var/run/x' }];

describe('behaviourOf across the pods of one template', () => {
  it('shares one inference among containers whose values are the same objects', () => {
    const a = inputs.behaviourOf(
      pod('a', {
        name: 'c',
        image: 'busybox',
        args,
        livenessProbe: probe,
        volumeMounts: mounts('a'),
      }),
      'c',
    );
    const b = inputs.behaviourOf(
      pod('b', {
        name: 'c',
        image: 'busybox',
        args,
        livenessProbe: probe,
        volumeMounts: mounts('b'),
      }),
      'c',
    );
    expect(b).toBe(a);
  });

  it('infers anew for a container with one different value, and equally for equal content', () => {
    const first = inputs.behaviourOf(pod('d', { name: 'c', image: 'busybox', args }), 'c');
    const other = inputs.behaviourOf(
      pod('e', { name: 'c', image: 'busybox', args: ['/bin/sh', '-c', 'sleep 5; exit 0'] }),
      'c',
    );
    expect(other).not.toEqual(first);
    // Equal content in other objects: not matched by identity, but the same inference by JSON.
    const copy = inputs.behaviourOf(
      pod('f', { name: 'c', image: 'busybox', args: [...args] }),
      'c',
    );
    expect(copy).toEqual(first);
  });
});
