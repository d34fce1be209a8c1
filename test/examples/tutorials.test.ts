/**
 * Every tutorial manifest runs unmodified. The myserver-* tutorials use nodePorts 40012 and 40016
 * (outside the default 30000-32767 range) and a namespace no manifest creates: a scenario states
 * the tutorial cluster's --service-node-port-range, and podsim notes the missing namespace.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInline } from '../helpers/inline.js';
import { loadInline } from '../helpers/inline.js';
import { readFileSync } from 'node:fs';

const DIR = 'test/fixtures/tutorials';
const MANIFESTS = readdirSync(DIR).filter(
  (f) => f.endsWith('.yaml') && f !== 'docker-compose-demo.yaml',
);
const SCENARIO =
  'apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 2m\nserviceNodePortRange: 30000-50000\n';

describe.each(MANIFESTS)('tutorial %s', (file) => {
  const text = readFileSync(`${DIR}/${file}`, 'utf8');

  it('loads and runs for two minutes without an error', () => {
    const r = runInline({ [file]: text, 'scenario.yaml': SCENARIO });
    expect(r.events[0]!.type).toBe('cluster/started');
    // Every object of the file is in the cluster (pods run; Services and workloads are stored).
    expect(r.state.pods.size + r.state.objects.size).toBeGreaterThan(0);
    // A pod that can run does: nothing in the tutorials stays unscheduled on the default node.
    for (const p of r.state.pods.values()) expect(p.runtime.node).not.toBeNull();
  });
});

describe('tutorial clusters', () => {
  it('reject myserver nodePorts under the default range and say which option widens it', () => {
    const text = readFileSync(`${DIR}/myserver-liveness-httpget.yaml`, 'utf8');
    expect(() => loadInline({ 'm.yaml': text })).toThrow(
      'spec.ports[0].nodePort: Invalid value: 40012: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('note a namespace that no input creates, as a real API server would refuse it', () => {
    const text = readFileSync(`${DIR}/myserver-startup-probe.yaml`, 'utf8');
    const inputs = loadInline({ 'm.yaml': text, 'scenario.yaml': SCENARIO });
    expect(inputs.notes).toContain(
      'namespace "myserver" is not created by any input: a real API server would refuse its objects (namespaces "myserver" not found); podsim runs them as if it existed',
    );
  });
});
