import { describe, expect, it } from 'vitest';
import { errorsOf, pod } from './manifestHelpers.js';

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

  it('checks env names and valueFrom sources', () => {
    const text = withContainer(`    env:
    - { name: 1BAD, value: x }
    - name: FROM_CM
      valueFrom: { configMapKeyRef: {} }
    - name: EMPTY
      valueFrom: {}
    - name: BOTH
      value: x
      valueFrom: { secretKeyRef: { name: creds, key: password } }
    - name: FIELD
      valueFrom: { fieldRef: { fieldPath: status.phase } }
`);
    expect(errorsOf(text)).toEqual([
      "m.yaml:10:15: spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      "m.yaml:12:37: spec.containers[0].env[1].valueFrom.configMapKeyRef.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'm.yaml:12:37: spec.containers[0].env[1].valueFrom.configMapKeyRef.key: Required value',
      'm.yaml:14:18: spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      'm.yaml:17:18: spec.containers[0].env[3].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
      'm.yaml:19:43: spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
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

describe('resources (ValidateResourceRequirements)', () => {
  it('reports unparsable quantities with the resource.ParseQuantity messages', () => {
    const text = withContainer('    resources: { limits: { cpu: 500mm, memory: 100MB } }\n');
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:33: spec.containers[0].resources.limits[cpu]: Invalid value: "500mm": unable to parse quantity\'s suffix',
      'm.yaml:9:48: spec.containers[0].resources.limits[memory]: Invalid value: "100MB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ]);
  });

  it('requires requests not to exceed limits, and quantities not to be negative', () => {
    const text = withContainer(
      '    resources: { limits: { cpu: 500m, memory: -1Gi }, requests: { cpu: 1 } }\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:47: spec.containers[0].resources.limits[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
      'm.yaml:9:72: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      // The negative limit was also copied into requests by SetDefaults_Pod, and is reported there too.
      'm.yaml:9:65: spec.containers[0].resources.requests[memory]: Invalid value: "-1Gi": must be greater than or equal to 0',
    ]);
  });

  it('accepts only standard or extended resource names; extended ones in whole units', () => {
    const text = withContainer('    resources: { limits: { gpu: 1, example.com/fpga: 500m } }\n');
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:33: spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      'm.yaml:9:54: spec.containers[0].resources.limits[example.com/fpga]: Invalid value: 500m: must be an integer',
      // SetDefaults_Pod copied both limits into requests, where they fail again.
      'm.yaml:9:16: spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      'm.yaml:9:16: spec.containers[0].resources.requests[example.com/fpga]: Invalid value: 500m: must be an integer',
    ]);
  });
});

describe('init containers and sidecars', () => {
  it('forbids probes and lifecycle on init containers that are not restartable', () => {
    const text = pod(`  initContainers:
  - name: setup
    image: busybox
    readinessProbe: { exec: { command: [cat] } }
    lifecycle: { postStart: { exec: { command: [cat] } } }
  containers: [{ name: app, image: nginx }]
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:16: spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
      'm.yaml:9:21: spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  it('accepts only restartPolicy Always on an init container, and none on a regular one', () => {
    const text = pod(`  initContainers: [{ name: setup, image: busybox, restartPolicy: OnFailure }]
  containers: [{ name: app, image: nginx, restartPolicy: Always }]
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:7:58: spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
      'm.yaml:6:66: spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
  });

  it('validates the probes of a sidecar like those of a container', () => {
    const text = pod(`  initContainers:
  - name: proxy
    image: envoy
    restartPolicy: Always
    startupProbe: { tcpSocket: { port: 0 }, successThreshold: 2 }
  containers: [{ name: app, image: nginx }]
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:40: spec.initContainers[0].startupProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'm.yaml:10:63: spec.initContainers[0].startupProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
  });
});

describe('probes and hooks (validateProbe, validateHandler)', () => {
  it('requires exactly one handler', () => {
    const text = withContainer(`    livenessProbe:
      exec: { command: [cat, /tmp/healthy] }
      httpGet: { port: 80 }
    readinessProbe:
      periodSeconds: 5
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:11:16: spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type',
      'm.yaml:13:7: spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ]);
  });

  it('requires non-negative timings and a success threshold of 1 for liveness and startup', () => {
    const text = withContainer(`    livenessProbe:
      tcpSocket: { port: 80 }
      initialDelaySeconds: -5
      periodSeconds: -1
      successThreshold: 3
      failureThreshold: -2
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:11:28: spec.containers[0].livenessProbe.initialDelaySeconds: Invalid value: -5: must be greater than or equal to 0',
      'm.yaml:12:22: spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'm.yaml:14:25: spec.containers[0].livenessProbe.failureThreshold: Invalid value: -2: must be greater than or equal to 0',
      'm.yaml:13:25: spec.containers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1',
    ]);
  });

  it('allows a probe terminationGracePeriodSeconds only above 0 and not on readiness', () => {
    const text =
      withContainer(`    livenessProbe: { exec: { command: [cat] }, terminationGracePeriodSeconds: 0 }
    readinessProbe: { exec: { command: [cat] }, terminationGracePeriodSeconds: 10 }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:9:79: spec.containers[0].livenessProbe.terminationGracePeriodSeconds: Invalid value: 0: must be greater than 0',
      'm.yaml:10:80: spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes',
    ]);
  });

  it('checks handler ports, schemes and commands', () => {
    const text = withContainer(`    livenessProbe: { httpGet: { port: "8080", scheme: FTP } }
    startupProbe: { exec: { command: [] } }
    lifecycle:
      preStop: { sleep: { seconds: 60 } }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:12:36: spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be greater than 0 and less than terminationGracePeriodSeconds (30)',
      'm.yaml:9:39: spec.containers[0].livenessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter (a-z)',
      'm.yaml:9:55: spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
      'm.yaml:10:38: spec.containers[0].startupProbe.exec.command: Required value',
    ]);
  });
});
