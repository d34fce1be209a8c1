import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadManifestDocs } from '../../src/spec/manifest/index.js';
import type { SourceDoc } from '../../src/spec/yamlSource.js';

const doc = (value: unknown): SourceDoc => ({
  file: 'fuzz.json',
  index: 0,
  value,
  locate: () => ({ line: 1, col: 1 }),
});

const KINDS = [
  'Pod',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Service',
  'ConfigMap',
  'Secret',
  'Namespace',
  'List',
];
const VERSIONS: Record<string, string> = { Deployment: 'apps/v1', ReplicaSet: 'apps/v1' };

/** A valid Deployment whose field at a random path is replaced by a random JSON value. */
function mutated(path: readonly string[], value: unknown): unknown {
  const base = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx',
              ports: [{ containerPort: 80 }],
              resources: { limits: { cpu: '1' } },
              livenessProbe: { httpGet: { port: 80 } },
            },
          ],
        },
      },
    },
  };
  let node: Record<string, unknown> = base;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) break;
    node = (Array.isArray(next) ? next[0] : next) as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return base;
}

describe('untrusted input never crashes the loader', () => {
  it('reports errors for arbitrary JSON documents, kind by kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.dictionary(fc.string(), fc.jsonValue()),
        (kind, body) => {
          const value = { ...body, apiVersion: VERSIONS[kind] ?? 'v1', kind };
          const r = loadManifestDocs([doc(value)]);
          expect(r.objects.length + r.errors.length).toBeGreaterThanOrEqual(
            kind === 'List' ? 0 : 1,
          );
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('reports a located error, or accepts, whatever value replaces a field of a valid Deployment', () => {
    const paths = fc.constantFrom(
      ['spec'],
      ['spec', 'replicas'],
      ['spec', 'selector'],
      ['spec', 'template', 'spec', 'containers'],
      ['spec', 'template', 'spec', 'containers', 'ports'],
      ['spec', 'template', 'spec', 'containers', 'resources', 'limits'],
      ['spec', 'template', 'spec', 'containers', 'livenessProbe', 'httpGet', 'port'],
      ['metadata', 'labels'],
      ['spec', 'strategy'],
    );
    fc.assert(
      fc.property(paths, fc.jsonValue(), (path, value) => {
        const r = loadManifestDocs([doc(mutated(path, value))]);
        for (const e of r.errors) expect(e).toMatchObject({ file: 'fuzz.json', line: 1, col: 1 });
        expect(r.objects.length + r.errors.length).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
