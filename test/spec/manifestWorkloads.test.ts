import { describe, expect, it } from 'vitest';
import { errorsOf, loadOne } from './manifestHelpers.js';

/** A Deployment (or, with `kind`, a ReplicaSet) whose spec lines come before a valid template. */
const workload = (
  specLines: string,
  kind = 'Deployment',
  templateExtra = '',
): string => `apiVersion: apps/v1
kind: ${kind}
metadata: { name: web }
spec:
${specLines}  template:
    metadata: { labels: { app: web } }
    spec:
${templateExtra}      containers: [{ name: app, image: nginx }]
`;

const SELECTOR = '  selector: { matchLabels: { app: web } }\n';

describe('Deployment and ReplicaSet selectors (ValidateDeploymentSpec, ValidateReplicaSetSpec)', () => {
  it('requires a selector, and then finds the template labels unmatched, as the API server does', () => {
    expect(errorsOf(workload(''))).toEqual([
      'm.yaml:5:3: spec.selector: Required value',
      'm.yaml:6:25: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('treats a Deployment without spec as Go zero values: no selector, no containers', () => {
    expect(errorsOf('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n')).toEqual([
      'm.yaml:1:1: spec.selector: Required value',
      'm.yaml:1:1: spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      'm.yaml:1:1: spec.template.spec.containers: Required value',
    ]);
  });

  it('refuses a template whose pods the RuntimeClass admission plugin would all refuse', () => {
    expect(errorsOf(workload(SELECTOR, 'Deployment', '      overhead: { cpu: 250m }\n'))).toEqual([
      'm.yaml:9:17: spec.template.spec.overhead: Forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead (every pod created from this template)',
    ]);
    const named = '      runtimeClassName: kata\n      overhead: { cpu: 250m }\n';
    expect(loadOne(workload(SELECTOR, 'ReplicaSet', named)).kind).toBe('ReplicaSet');
  });

  it('requires the template labels to match the selector', () => {
    expect(errorsOf(workload('  selector: { matchLabels: { app: api, tier: back } }\n'))).toEqual([
      'm.yaml:7:25: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('rejects an empty selector', () => {
    expect(errorsOf(workload('  selector: {}\n'))).toEqual([
      'm.yaml:5:13: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment',
    ]);
  });

  it('uses the same words for a ReplicaSet with an empty selector', () => {
    expect(errorsOf(workload('  selector: {}\n', 'ReplicaSet'))).toEqual([
      'm.yaml:5:13: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment',
    ]);
  });

  it('reports a broken match expression, then the selector as invalid (and skips the template)', () => {
    const text = workload(`  selector:
    matchExpressions:
    - { key: app, operator: Equals, values: [web] }
    - { key: tier, operator: Exists, values: [front] }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:7:29: spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
      "m.yaml:8:46: spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'm.yaml:6:5: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:app,Operator:Equals,Values:[web],},LabelSelectorRequirement{Key:tier,Operator:Exists,Values:[front],},},}: invalid label selector',
    ]);
  });

  it('matches templates with In, NotIn, Exists and DoesNotExist expressions', () => {
    const text = workload(`  selector:
    matchExpressions:
    - { key: app, operator: In, values: [web, api] }
    - { key: tier, operator: NotIn, values: [db] }
    - { key: app, operator: Exists }
    - { key: canary, operator: DoesNotExist }
`);
    expect(loadOne(text).kind).toBe('Deployment');
  });
});

describe('Deployment spec rules', () => {
  it('requires replicas, minReadySeconds and revisionHistoryLimit to be non-negative', () => {
    const text = workload(
      `${SELECTOR}  replicas: -1\n  minReadySeconds: -1\n  revisionHistoryLimit: -2\n`,
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:13: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'm.yaml:7:20: spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0',
      'm.yaml:8:25: spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('requires progressDeadlineSeconds to exceed minReadySeconds', () => {
    const text = workload(`${SELECTOR}  minReadySeconds: 10\n  progressDeadlineSeconds: 10\n`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:7:28: spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds',
    ]);
  });

  it('accepts only the Recreate and RollingUpdate strategies', () => {
    const text = workload(`${SELECTOR}  strategy: { type: Canary }\n`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:21: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Canary", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('forbids rollingUpdate parameters with the Recreate strategy', () => {
    const text = workload(
      `${SELECTOR}  strategy: { type: Recreate, rollingUpdate: { maxSurge: 1 } }\n`,
    );
    expect(errorsOf(text)).toEqual([
      "m.yaml:6:46: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
  });

  it('rejects maxUnavailable 0 together with maxSurge 0', () => {
    const text = workload(
      `${SELECTOR}  strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }\n`,
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:61: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('requires maxSurge and maxUnavailable to be non-negative integers or percentages of at most 100%', () => {
    const text = workload(
      `${SELECTOR}  strategy: { rollingUpdate: { maxSurge: 20Percent, maxUnavailable: 110% } }\n`,
    );
    expect(errorsOf(text)).toEqual([
      "m.yaml:6:42: spec.strategy.rollingUpdate.maxSurge: Invalid value: 20Percent: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      'm.yaml:6:69: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 110%: must not be greater than 100%',
    ]);
    const negative = workload(`${SELECTOR}  strategy: { rollingUpdate: { maxSurge: -1 } }\n`);
    expect(errorsOf(negative)).toEqual([
      'm.yaml:6:42: spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('requires the template to restart Always and to have no activeDeadlineSeconds', () => {
    const text = workload(
      SELECTOR,
      'Deployment',
      '      restartPolicy: Never\n      activeDeadlineSeconds: 30\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:22: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'm.yaml:10:30: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
  });

  it('reports template labels at template.labels, as ValidatePodTemplateSpec does', () => {
    const text = workload(SELECTOR).replace(
      'labels: { app: web }',
      'labels: { app: web, "-x": z }',
    );
    expect(errorsOf(text)).toEqual([
      "m.yaml:7:43: spec.template.labels: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  it('does not check image whitespace in a template (validateContainersOnlyForPod is for Pods)', () => {
    const text = workload(SELECTOR).replace('image: nginx', 'image: " nginx"');
    expect(loadOne(text).kind).toBe('Deployment');
  });

  it('validates the template pod spec with template paths', () => {
    const text = workload(SELECTOR).replace(
      'image: nginx',
      'image: nginx, imagePullPolicy: Sometimes',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:64: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });
});

describe('ReplicationController (ValidateReplicationControllerSpec)', () => {
  const rc = (spec: string): string => `apiVersion: v1
kind: ReplicationController
metadata: { name: web }
spec:
${spec}`;

  it('requires a selector when the template has no labels to default it from', () => {
    const text = rc('  template:\n    spec: { containers: [{ name: app, image: nginx }] }\n');
    expect(errorsOf(text)).toEqual(['m.yaml:5:3: spec.selector: Required value']);
  });

  it('requires a template', () => {
    expect(errorsOf(rc('  selector: { app: web }\n'))).toEqual([
      'm.yaml:5:3: spec.template: Required value',
    ]);
  });

  it('requires the template labels to match an explicit selector', () => {
    const text = rc(`  selector: { app: api }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: app, image: nginx }] }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:7:25: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('requires restartPolicy Always and no activeDeadlineSeconds in the template', () => {
    const text = rc(`  template:
    metadata: { labels: { app: web } }
    spec:
      restartPolicy: OnFailure
      activeDeadlineSeconds: 5
      containers: [{ name: app, image: nginx }]
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:8:22: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'm.yaml:9:30: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicationController is not Supported',
    ]);
  });
});
