import { describe, expect, it } from 'vitest';
import { errorsOf, pod } from './manifestHelpers.js';

/** A pod with one container `app` whose extra lines are given (indented by 4). */
const withContainer = (lines: string, specExtra = ''): string =>
  pod(`${specExtra}  containers:
  - name: app
    image: nginx:1
${lines}`);

describe('environment (ValidateEnv, validateEnvVarValueFrom)', () => {
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

describe('volumes (ValidateVolumes, validateVolumeSource)', () => {
  it('allows one source per volume and checks the sources podsim models', () => {
    const text = pod(`  containers: [{ name: app, image: nginx }]
  volumes:
  - { name: both, emptyDir: {}, hostPath: { path: /tmp } }
  - { name: host, hostPath: { path: /var/../etc, type: Folder } }
  - { name: creds, secret: { defaultMode: 1000 } }
  - { name: conf, configMap: { name: c, items: [{ key: k, path: /abs }] } }
  - { name: claim, persistentVolumeClaim: {} }
  - { name: Bad_Name }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:8:43: spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
      'm.yaml:9:37: spec.volumes[1].hostPath.path: Invalid value: "/var/../etc": must not contain \'..\'',
      'm.yaml:9:56: spec.volumes[1].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      'm.yaml:10:28: spec.volumes[2].secret.secretName: Required value',
      'm.yaml:10:43: spec.volumes[2].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
      'm.yaml:11:65: spec.volumes[3].configMap.items[0].path: Invalid value: "/abs": must be a relative path',
      'm.yaml:12:43: spec.volumes[4].persistentVolumeClaim.claimName: Required value',
      "m.yaml:13:13: spec.volumes[5].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('checks subPath as a relative path without backsteps, at volumeMounts.subPath as upstream does', () => {
    const text = withContainer(
      '    volumeMounts: [{ name: data, mountPath: /data, subPath: ../up }]\n',
      '  volumes: [{ name: data }]\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:10:61: spec.containers[0].volumeMounts.subPath: Invalid value: "../up": must not contain \'..\'',
    ]);
  });
});

describe('env sources (ValidateEnvFrom, validateObjectFieldSelector)', () => {
  it('checks envFrom prefixes and references', () => {
    const text = withContainer(`    envFrom:
    - { prefix: 1X_, configMapRef: { name: conf } }
    - { secretRef: {} }
    - {}
`);
    expect(errorsOf(text)).toEqual([
      "m.yaml:10:17: spec.containers[0].envFrom[0].prefix: Invalid value: \"1X_\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      'm.yaml:11:20: spec.containers[0].envFrom[1].secretRef.name: Required value',
      'm.yaml:12:7: spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    ]);
  });

  it('converts downward API field paths like ConvertDownwardAPIFieldLabel', () => {
    const text = withContainer(`    env:
    - { name: A, valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } }
    - { name: B, valueFrom: { fieldRef: { fieldPath: spec.containers } } }
    - { name: C, valueFrom: { fieldRef: { apiVersion: v2, fieldPath: metadata.name } } }
    - { name: D, valueFrom: { resourceFieldRef: { resource: limits.gpu } } }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:11:54: spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Invalid value: "spec.containers": error converting fieldPath: field label not supported: spec.containers',
      'm.yaml:12:70: spec.containers[0].env[2].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.name": error converting fieldPath: unsupported pod version: v2',
      'm.yaml:13:61: spec.containers[0].env[3].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"',
    ]);
  });
});
