/**
 * Probe lines of `kubectl describe`, e.g.
 * `exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3`.
 * Mirrors describe.go DescribeProbe.
 */
import type { Probe } from 'kubernetes-types/core/v1.js';

/**
 * Probe fields as the API server defaults them (pkg/apis/core/v1/defaults.go SetDefaults_Probe,
 * SetDefaults_HTTPGetAction, and the `+default=""` of GRPCAction.service). API objects always
 * carry these; podsim's own pods may omit them.
 */
const probeDefaults = (p: Probe) => ({
  initialDelaySeconds: p.initialDelaySeconds ?? 0,
  timeoutSeconds: p.timeoutSeconds || 1,
  periodSeconds: p.periodSeconds || 10,
  successThreshold: p.successThreshold || 1,
  failureThreshold: p.failureThreshold || 3,
});

const UTF8 = new TextEncoder();

/**
 * net/url escape() for the host and path parts of url.URL.String(): unreserved characters stay,
 * the path keeps its reserved characters except '?', the host keeps sub-delims, ':' and brackets
 * and any non-ASCII text; everything else becomes %XX per UTF-8 byte.
 */
function urlEscape(s: string, mode: 'host' | 'path'): string {
  let out = '';
  for (const ch of s) {
    const keep =
      /^[A-Za-z0-9\-_.~]$/.test(ch) ||
      (mode === 'path' && '$&+,/:;=@'.includes(ch)) ||
      (mode === 'host' && (`!$&'()*+,;=:[]<>"`.includes(ch) || ch.codePointAt(0)! >= 0x80));
    if (keep) out += ch;
    else
      for (const b of UTF8.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** net.JoinHostPort: brackets around a host that contains a colon (IPv6). */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL{Scheme, Host, Path}.String() for the three fields DescribeProbe sets. */
function urlString(scheme: string, host: string, path: string): string {
  let out = scheme === '' ? '' : `${scheme}:`;
  if (scheme !== '' || host !== '') {
    if (host !== '' || path !== '') out += '//';
    out += urlEscape(host, 'host');
  }
  const escapedPath = urlEscape(path, 'path');
  if (escapedPath !== '' && !escapedPath.startsWith('/') && host !== '') out += '/';
  return out + escapedPath;
}

/** DescribeProbe. */
export function describeProbe(probe: Probe): string {
  const d = probeDefaults(probe);
  const attrs =
    `delay=${d.initialDelaySeconds}s timeout=${d.timeoutSeconds}s period=${d.periodSeconds}s ` +
    `#success=${d.successThreshold} #failure=${d.failureThreshold}`;
  if (probe.exec != null) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet != null) {
    const h = probe.httpGet;
    const port = String(h.port ?? '');
    const host = port.length > 0 ? joinHostPort(h.host ?? '', port) : (h.host ?? '');
    const url = urlString((h.scheme || 'HTTP').toLowerCase(), host, h.path || '/');
    return `http-get ${url} ${attrs}`;
  }
  if (probe.tcpSocket != null) {
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${String(probe.tcpSocket.port ?? '')} ${attrs}`;
  }
  if (probe.grpc != null) {
    return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  }
  return `unknown ${attrs}`;
}
