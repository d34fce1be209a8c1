import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1.js';
import { errorsOf, loadOne } from './manifestHelpers.js';

const svc = (spec: string, name = 'web'): string => `apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
${spec}`;

describe('Service names and ports (ValidateService, validateServicePort)', () => {
  it('requires the name to be a DNS-1035 label', () => {
    expect(errorsOf(svc('  ports: [{ port: 80 }]\n', '1web'))).toEqual([
      "m.yaml:3:19: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it('requires ports, except for headless and ExternalName services', () => {
    expect(errorsOf(svc('  selector: { app: web }\n'))).toEqual([
      'm.yaml:5:3: spec.ports: Required value',
    ]);
    expect(loadOne(svc('  clusterIP: None\n  selector: { app: web }\n')).kind).toBe('Service');
    expect(loadOne(svc('  type: ExternalName\n  externalName: db.example.com.\n')).kind).toBe(
      'Service',
    );
  });

  it('requires names on every port when there are several, unique and DNS-1123 labels', () => {
    const text = svc(`  ports:
  - { port: 80 }
  - { port: 81, name: Web }
  - { port: 82, name: metrics }
  - { port: 83, name: metrics }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:5: spec.ports[0].name: Required value',
      "m.yaml:7:23: spec.ports[1].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      'm.yaml:9:23: spec.ports[3].name: Duplicate value: "metrics"',
    ]);
  });

  it('checks port numbers, protocols and target ports', () => {
    const text = svc(`  ports:
  - { name: a, port: 0, protocol: HTTP }
  - { name: b, port: 443, targetPort: "HTTPS" }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:22: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'm.yaml:6:35: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      // targetPort was defaulted from port, so it is located at the port entry.
      'm.yaml:6:5: spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      'm.yaml:7:39: spec.ports[1].targetPort: Invalid value: "HTTPS": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'm.yaml:7:39: spec.ports[1].targetPort: Invalid value: "HTTPS": must contain at least one letter (a-z)',
    ]);
  });

  it('reports a port listed twice with the same protocol', () => {
    const text = svc('  ports: [{ name: a, port: 80 }, { name: b, port: 80 }]\n');
    expect(errorsOf(text)).toEqual([
      'm.yaml:5:34: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
  });

  it('checks selector labels', () => {
    expect(errorsOf(svc('  ports: [{ port: 80 }]\n  selector: { app: "web app" }\n'))).toEqual([
      "m.yaml:6:20: spec.selector: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ]);
  });
});

describe('Service types', () => {
  it('accepts only ClusterIP, NodePort, LoadBalancer and ExternalName', () => {
    expect(errorsOf(svc('  type: Internal\n  ports: [{ port: 80 }]\n'))).toEqual([
      'm.yaml:5:9: spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('forbids a nodePort on a ClusterIP service', () => {
    expect(errorsOf(svc('  ports: [{ port: 80, nodePort: 30080 }]\n'))).toEqual([
      "m.yaml:5:33: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });

  it('forbids a nodePort on an ExternalName service too: nothing would listen on it', () => {
    expect(
      errorsOf(
        svc(
          '  type: ExternalName\n  externalName: db.example.com\n  ports: [{ port: 5432, nodePort: 30432 }]\n',
        ),
      ),
    ).toEqual([
      "m.yaml:7:35: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ExternalName'",
    ]);
  });

  it('keeps nodePorts inside --service-node-port-range and unique', () => {
    const text = svc(`  type: NodePort
  ports:
  - { name: a, port: 80, nodePort: 30080 }
  - { name: b, port: 81, nodePort: 30080 }
  - { name: c, port: 82, nodePort: 29999 }
`);
    expect(errorsOf(text)).toEqual([
      'm.yaml:8:36: spec.ports[1].nodePort: Duplicate value: 30080',
      'm.yaml:9:36: spec.ports[2].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ]);
    expect(errorsOf(text, { nodePortRange: [20000, 22767] })).toEqual([
      'm.yaml:7:36: spec.ports[0].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 20000-22767',
      'm.yaml:8:36: spec.ports[1].nodePort: Duplicate value: 30080',
      'm.yaml:8:36: spec.ports[1].nodePort: Invalid value: 30080: provided port is not in the valid range. The range of valid ports is 20000-22767',
      'm.yaml:9:36: spec.ports[2].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 20000-22767',
    ]);
  });

  it('requires an externalName that is a DNS-1123 subdomain, and no cluster IP, for ExternalName', () => {
    expect(errorsOf(svc('  type: ExternalName\n'))).toEqual([
      'm.yaml:5:3: spec.externalName: Required value',
    ]);
    expect(
      errorsOf(svc('  type: ExternalName\n  externalName: Db_Host\n  clusterIP: 10.0.0.10\n')),
    ).toEqual([
      "m.yaml:6:17: spec.externalName: Invalid value: \"Db_Host\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      'm.yaml:5:3: spec.clusterIPs: Forbidden: may not be set for ExternalName services',
    ]);
  });

  it('rejects clusterIP None for NodePort services and malformed cluster IPs', () => {
    expect(errorsOf(svc('  type: NodePort\n  clusterIP: None\n  ports: [{ port: 80 }]\n'))).toEqual(
      [
        'm.yaml:5:3: spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services',
      ],
    );
    expect(errorsOf(svc('  clusterIP: 10.0.0.300\n  ports: [{ port: 80 }]\n'))).toEqual([
      'm.yaml:5:14: spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
  });

  it('checks sessionAffinity and the traffic policies', () => {
    const text = svc(
      '  ports: [{ port: 80 }]\n  sessionAffinity: Sticky\n  externalTrafficPolicy: Local\n',
    );
    expect(errorsOf(text)).toEqual([
      'm.yaml:6:20: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
      'm.yaml:7:26: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    ]);
  });

  it('keeps a written clusterIP, copied into clusterIPs as the registry does', () => {
    const s = loadOne(svc('  clusterIP: 10.96.0.20\n  ports: [{ port: 53, protocol: UDP }]\n'))
      .object as Service;
    expect(s.spec!.clusterIP).toBe('10.96.0.20');
    expect(s.spec!.clusterIPs).toEqual(['10.96.0.20']);
    expect(s.spec!.ports).toEqual([{ port: 53, protocol: 'UDP', targetPort: 53 }]);
  });
});
