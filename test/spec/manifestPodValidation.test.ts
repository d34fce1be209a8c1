import { describe, expect, it } from 'vitest';
import { errorsOf, loadOne, pod } from './manifestHelpers.js';

/** A pod with one container `app` whose extra lines are given (indented by 4). */
const withContainer = (lines: string, specExtra = ''): string =>
  pod(`${specExtra}  containers:
  - name: app
    image: nginx:1
${lines}`);

describe('Pod metadata (ValidateObjectMeta)', () => {
  it('requires a name', () => {
    expect(
      errorsOf(
        pod('  containers: [{ name: app, image: nginx }]\n').replace(
          '  name: web\n',
          '  labels: {}\n',
        ),
      ),
    ).toEqual(['m.yaml:4:3: metadata.name: Required value: name or generateName is required']);
  });

  it('requires the name to be a DNS-1123 subdomain', () => {
    expect(
      errorsOf(
        pod('  containers: [{ name: app, image: nginx }]\n').replace('name: web', 'name: Web_1'),
      ),
    ).toEqual([
      "m.yaml:4:9: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('limits names to 253 characters', () => {
    const long = 'a'.repeat(254);
    expect(
      errorsOf(
        pod('  containers: [{ name: app, image: nginx }]\n').replace('name: web', `name: ${long}`),
      ),
    ).toEqual([
      `m.yaml:4:9: metadata.name: Invalid value: "${long}": must be no more than 253 characters`,
    ]);
  });

  it('requires the namespace to be a DNS-1123 label', () => {
    expect(
      errorsOf(
        pod('  containers: [{ name: app, image: nginx }]\n').replace(
          'name: web',
          'name: web\n  namespace: team.a',
        ),
      ),
    ).toEqual(['m.yaml:5:14: metadata.namespace: Invalid value: "team.a": must not contain dots']);
  });

  it('checks label keys and values with the apimachinery messages, at metadata.labels', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n').replace(
      'name: web',
      `name: web\n  labels:\n    bad key: ok\n    Example.com/tier: front\n    app: -web-\n    long: ${'v'.repeat(64)}`,
    );
    expect(errorsOf(text)).toEqual([
      "m.yaml:6:14: metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "m.yaml:7:23: metadata.labels: Invalid value: \"Example.com/tier\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "m.yaml:8:10: metadata.labels: Invalid value: \"-web-\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      `m.yaml:9:11: metadata.labels: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    ]);
  });

  it('rejects a label value that YAML reads as a number, as the JSON decoder does', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n').replace(
      'name: web',
      'name: web\n  labels: { version: 1.0 }',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:5:22: metadata.labels[version]: Invalid value: 1: must be a string',
    ]);
  });

  it('checks annotation keys as qualified names, ignoring case', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n').replace(
      'name: web',
      'name: web\n  annotations: { Example.COM/Owner: a, "a/b/c": b }',
    );
    expect(errorsOf(text)).toEqual([
      "m.yaml:5:49: metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]);
  });

  it('refuses generateName, as kubectl apply does', () => {
    const text = pod('  containers: [{ name: app, image: nginx }]\n').replace(
      'name: web',
      'generateName: web-',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:4:17: metadata.generateName: Forbidden: podsim applies manifests like kubectl apply, which cannot use generate name; set metadata.name',
    ]);
  });
});

describe('Pod spec (ValidatePodSpec)', () => {
  it('requires at least one container', () => {
    expect(errorsOf(pod('  containers: []\n'))).toEqual([
      'm.yaml:6:15: spec.containers: Required value',
    ]);
    expect(errorsOf(pod('  restartPolicy: Never\n'))).toEqual([
      'm.yaml:6:3: spec.containers: Required value',
    ]);
  });

  it('checks restartPolicy, dnsPolicy, terminationGracePeriodSeconds and activeDeadlineSeconds', () => {
    const text = withContainer(
      '',
      '  restartPolicy: Sometimes\n  dnsPolicy: Google\n  terminationGracePeriodSeconds: -1\n  activeDeadlineSeconds: 0\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:8:34: spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'm.yaml:6:18: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      'm.yaml:7:14: spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      'm.yaml:9:26: spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
  });

  it('checks the overhead as resource limits (validateOverhead)', () => {
    // The API names these entries under `limits`, which the manifest does not have: podsim
    // locates them at the overhead map.
    const text = withContainer('', '  overhead: {cpu: -1, gpu: 1}\n');
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:13: spec.overhead.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0',
      'm.yaml:6:13: spec.overhead.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it('refuses an overhead without a RuntimeClass, as the RuntimeClass admission plugin does', () => {
    expect(errorsOf(withContainer('', '  overhead: {cpu: 250m}\n'))).toEqual([
      'm.yaml:6:13: spec.overhead: Forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead',
    ]);
    // Go's nil check: an empty map is set too.
    expect(errorsOf(withContainer('', '  overhead: {}\n'))).toHaveLength(1);
    // A pod that names a RuntimeClass runs on it as written.
    const named = loadOne(withContainer('', '  runtimeClassName: kata\n  overhead: {cpu: 250m}\n'));
    expect((named.object as { spec: { overhead?: unknown } }).spec.overhead).toEqual({
      cpu: '250m',
    });
  });

  it('checks nodeSelector labels and the nodeName', () => {
    const text = withContainer('', '  nodeName: Node_1\n  nodeSelector: { "disk type": ssd }\n');
    expect(errorsOf(text)).toEqual([
      "m.yaml:7:32: spec.nodeSelector: Invalid value: \"disk type\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      "m.yaml:6:13: spec.nodeName: Invalid value: \"Node_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  it('requires hostPort to equal containerPort on a hostNetwork pod', () => {
    const text = withContainer(
      '    ports: [{ containerPort: 80, hostPort: 8080 }]\n',
      '  hostNetwork: true\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:44: spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ]);
  });
});

describe('containers (validateContainerCommon)', () => {
  it('requires names that are DNS-1123 labels, unique across init and regular containers', () => {
    const text = pod(`  initContainers:
  - name: app
    image: busybox
  containers:
  - name: app
    image: nginx
  - name: Side_Car
    image: envoy
  - name: app
    image: nginx
`);
    expect(errorsOf(text)).toEqual([
      "m.yaml:12:11: spec.containers[1].name: Invalid value: \"Side_Car\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'm.yaml:14:11: spec.containers[2].name: Duplicate value: "app"',
      'm.yaml:7:11: spec.initContainers[0].name: Duplicate value: "app"',
    ]);
  });

  it('requires an image, and no surrounding whitespace on a Pod', () => {
    const text = pod(`  containers:
  - name: a
  - name: b
    image: " nginx"
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:7:5: spec.containers[0].image: Required value',
      'm.yaml:9:12: spec.containers[1].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  it('checks imagePullPolicy and terminationMessagePolicy', () => {
    const text = withContainer(
      '    imagePullPolicy: Sometimes\n    terminationMessagePolicy: Logs\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:31: spec.containers[0].terminationMessagePolicy: Unsupported value: "Logs": supported values: "File", "FallbackToLogsOnError"',
      'm.yaml:9:22: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('checks port numbers, IANA_SVC_NAME port names and duplicates', () => {
    const text = withContainer(`    ports:
    - { containerPort: 70000, name: HTTP }
    - { name: "123" }
    - { containerPort: 81, name: my--port }
    - { containerPort: 82, name: -web }
    - { containerPort: 83, name: abcdefghijklmnop }
    - { containerPort: 84, name: web, protocol: ICMP }
    - { containerPort: 85, name: web }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:37: spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'm.yaml:10:37: spec.containers[0].ports[0].name: Invalid value: "HTTP": must contain at least one letter (a-z)',
      'm.yaml:10:24: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'm.yaml:11:15: spec.containers[0].ports[1].name: Invalid value: "123": must contain at least one letter (a-z)',
      'm.yaml:11:7: spec.containers[0].ports[1].containerPort: Required value',
      'm.yaml:12:34: spec.containers[0].ports[2].name: Invalid value: "my--port": must not contain consecutive hyphens',
      'm.yaml:13:34: spec.containers[0].ports[3].name: Invalid value: "-web": must not begin or end with a hyphen',
      'm.yaml:14:34: spec.containers[0].ports[4].name: Invalid value: "abcdefghijklmnop": must be no more than 15 characters',
      'm.yaml:15:49: spec.containers[0].ports[5].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      'm.yaml:16:34: spec.containers[0].ports[6].name: Duplicate value: "web"',
    ]);
  });

  it('reports host ports used twice', () => {
    const text = pod(`  containers:
  - { name: a, image: nginx, ports: [{ containerPort: 80, hostPort: 8080 }] }
  - { name: b, image: nginx, ports: [{ containerPort: 81, hostPort: 8080 }] }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:8:69: spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
    ]);
  });

  it('requires volume mounts to name a volume of the pod, with a unique mountPath', () => {
    const text = withContainer(
      `    volumeMounts:
    - { name: data, mountPath: /data }
    - { name: cache, mountPath: /data }
    - { name: cache }
`,
      '  volumes: [{ name: cache, emptyDir: {} }, { name: cache }]\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:52: spec.volumes[1].name: Duplicate value: "cache"',
      'm.yaml:11:15: spec.containers[0].volumeMounts[0].name: Not found: "data"',
      'm.yaml:12:33: spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique',
      'm.yaml:13:7: spec.containers[0].volumeMounts[2].mountPath: Required value',
    ]);
  });
});
