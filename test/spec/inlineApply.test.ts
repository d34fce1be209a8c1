/**
 * Objects written inline in a scenario's `apply` action are manifests like any other: decoded,
 * defaulted, validated (strict field names included), and their errors located in the scenario.
 */
import { describe, expect, it } from 'vitest';
import { inputErrors, runInline } from '../helpers/inline.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: x}
spec:
  containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]
`;
const indent = (text: string, by: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 0 ? l : by + l))
    .join('\n');

const scenario = (apply: string): string =>
  `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 30s\nactions:\n- at: 5s\n  apply: ${apply}\n`;

describe('an inline apply', () => {
  it('runs the same pod as the same manifest applied from a file', () => {
    const fromFile = runInline({ 'file.yaml': scenario('pod.yaml'), '_pod.yaml': POD });
    const inline = runInline({ 'inline.yaml': scenario(`\n    ${indent(POD, '    ')}`) });
    expect(inline.events.map((e) => [e.at, e.type])).toEqual(
      fromFile.events.map((e) => [e.at, e.type]),
    );
    const pod = [...inline.state.pods.values()][0]!;
    // Defaulted as the API server defaults it.
    expect(pod.pod.spec!.restartPolicy).toBe('Always');
    expect(pod.pod.spec!.containers[0]!.terminationMessagePath).toBe('/dev/termination-log');
  });

  it('is validated, with each error at its place in the scenario', () => {
    const bad = POD.replace('containerPort: 80', 'containerPort: 99999').replace(
      'image: nginx',
      'image: nginx, livenesProbe: {}',
    );
    expect(inputErrors({ 'bad.yaml': scenario(`\n    ${indent(bad, '    ')}`) })).toEqual([
      'bad.yaml:11:44: spec.containers[0].livenesProbe: unknown field "livenesProbe" (did you mean "livenessProbe"?)',
      'bad.yaml:11:86: spec.containers[0].ports[0].containerPort: Invalid value: 99999: must be between 1 and 65535, inclusive',
    ]);
  });

  it('of a list locates errors in the right item', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: b}\n';
    const bad = POD.replace('name: x', 'name: X');
    const list = `\n  - ${indent(cm, '    ')}\n  - ${indent(bad, '    ')}`;
    expect(inputErrors({ 'list.yaml': scenario(list) })).toEqual([
      expect.stringMatching(
        /^list\.yaml:13:22: metadata\.name: Invalid value: "X": a lowercase RFC 1123 subdomain/,
      ),
    ]);
  });
});

describe('a timed apply of a Pod that exists by then', () => {
  const v = (image: string): string => POD.replace('image: nginx', `image: "${image}"`);
  /** The scenario with these actions, over a pod x first applied from first.yaml. */
  const withActions = (actions: string): Record<string, string> => ({
    's.yaml': `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 90s\nmanifests: [first.yaml]\nactions:\n${actions}`,
    '_first.yaml': v('nginx:1.25'),
  });
  const applyAt = (at: string, image: string): string =>
    `- at: ${at}\n  apply:\n    ${indent(v(image), '    ')}\n`;

  it('is refused when its definition differs: podsim does not update a pod in place', () => {
    expect(inputErrors(withActions(applyAt('10s', 'nginx:1.26')))).toEqual([
      `s.yaml:10:22: metadata.name: Pod "default/x" exists by then with another definition (first.yaml:1:1): podsim does not model updating a pod in place; delete it first, or give the new pod another name`,
    ]);
  });

  it('changes nothing when its definition is the same (kubectl: unchanged), in any field order', () => {
    const same = runInline(withActions(applyAt('10s', 'nginx:1.25')));
    expect(same.events.filter((e) => e.type === 'pod/created')).toHaveLength(1);
    const reordered = applyAt('10s', 'nginx:1.25').replace(
      '{name: c, image: "nginx:1.25", ports: [{containerPort: 80}]}',
      '{ports: [{containerPort: 80}], image: "nginx:1.25", name: c}',
    );
    expect(reordered).toContain('{ports:');
    const r = runInline(withActions(reordered));
    expect(r.events.filter((e) => e.type === 'pod/created')).toHaveLength(1);
  });

  it('creates the new pod once a delete action has removed the old one', () => {
    const actions = `- at: 5s\n  delete: pod/x\n${applyAt('60s', 'nginx:1.26')}`;
    const run = runInline(withActions(actions));
    const created = run.events.filter((e) => e.type === 'pod/created');
    expect(created.map((e) => e.at)).toEqual([0, 60_000]);
    const pod = [...run.state.pods.values()][0]!;
    expect(pod.pod.spec!.containers[0]!.image).toBe('nginx:1.26');
  });
});
