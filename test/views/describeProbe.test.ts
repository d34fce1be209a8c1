import { describe, expect, it } from 'vitest';
import { describeProbe } from '../../src/views/index.js';

const attrs = 'delay=0s timeout=1s period=10s #success=1 #failure=3';

describe('describeProbe (DescribeProbe)', () => {
  it('prints an exec probe with its command as a Go slice', () => {
    expect(
      describeProbe({
        exec: { command: ['cat', '/tmp/healthy'] },
        initialDelaySeconds: 5,
        periodSeconds: 5,
        timeoutSeconds: 1,
        successThreshold: 1,
        failureThreshold: 3,
      }),
    ).toBe('exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3');
  });

  it('fills in the fields the API server defaults', () => {
    expect(describeProbe({ httpGet: { port: 8080 } })).toBe(`http-get http://:8080/ ${attrs}`);
  });

  it('prints an http-get probe as net/url would: scheme, host:port, escaped path', () => {
    expect(
      describeProbe({
        httpGet: { scheme: 'HTTPS', host: '10.0.0.1', port: 'https', path: '/ready?full=1' },
      }),
    ).toBe(`http-get https://10.0.0.1:https/ready%3Ffull=1 ${attrs}`);
    expect(describeProbe({ httpGet: { host: '::1', port: 80, path: 'a b/ü' } })).toBe(
      `http-get http://[::1]:80/a%20b/%C3%BC ${attrs}`,
    );
  });

  it('prints a tcp-socket probe as host:port, the host usually empty', () => {
    expect(describeProbe({ tcpSocket: { port: 8080 } })).toBe(`tcp-socket :8080 ${attrs}`);
  });

  it('prints a grpc probe with its service, empty by default', () => {
    expect(describeProbe({ grpc: { port: 50051 } })).toBe(`grpc <pod>:50051  ${attrs}`);
    expect(describeProbe({ grpc: { port: 50051, service: 'health' } })).toBe(
      `grpc <pod>:50051 health ${attrs}`,
    );
  });

  it('prints unknown for a probe without a handler', () => {
    expect(describeProbe({})).toBe(`unknown ${attrs}`);
  });
});
