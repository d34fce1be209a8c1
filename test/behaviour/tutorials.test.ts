/**
 * Every container of the tutorial manifests, inferred as podsim runs it: PID 1's program, its
 * reaction to SIGTERM and the ports that listen. The manifests are read unmodified.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Container } from 'kubernetes-types/core/v1.js';
import { describe, expect, test } from 'vitest';
import type { Behaviour, Step } from '../../src/model/behaviour.js';
import { inferBehaviour } from '../../src/spec/behaviour/index.js';

const TUTORIALS = 'test/fixtures/tutorials';

interface Found {
  key: string;
  container: Container;
  namespace: string;
  initContainer: boolean;
}

/** Containers of Pods and of workload templates (Deployment, ReplicationController). */
function tutorialContainers(): Found[] {
  const out: Found[] = [];
  for (const file of readdirSync(TUTORIALS)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(TUTORIALS, file), 'utf8'))) {
      const o = doc.toJS() as { kind?: string; metadata?: { namespace?: string }; spec?: any };
      const spec = o?.kind === 'Pod' ? o.spec : o?.spec?.template?.spec;
      if (!spec) continue;
      const namespace = o.metadata?.namespace ?? 'default';
      for (const [initContainer, list] of [
        [true, spec.initContainers ?? []],
        [false, spec.containers ?? []],
      ] as const) {
        for (const container of list as Container[]) {
          out.push({ key: `${file} ${container.name}`, container, namespace, initContainer });
        }
      }
    }
  }
  return out;
}

type Expected = Pick<Behaviour, 'program' | 'onSigterm' | 'ports'>;

const serve: Step[] = [{ kind: 'serve' }];
const ignore = { action: 'ignore' } as const;
const nginx: Expected = {
  program: serve,
  onSigterm: { action: 'exit', afterMs: 0, code: 0 },
  ports: [80],
};
// Go programs as PID 1 exit 2 on SIGTERM (the runtime's fallback when re-raising is dropped).
const goServer = (port: number): Expected => ({
  program: serve,
  onSigterm: { action: 'exit', afterMs: 0, code: 2 },
  ports: [port],
});
const tomcat: Expected = {
  program: serve,
  onSigterm: { action: 'exit', afterMs: 1000, code: 143 },
  ports: [8080],
};
const healthy = (rest: number): Step[] => [
  { kind: 'touch', path: '/tmp/healthy' },
  { kind: 'sleep', ms: 30_000 },
  { kind: 'rm', path: '/tmp/healthy' },
  { kind: 'sleep', ms: rest },
];
const webData: Step[] = Array.from({ length: 10 }, (): Step[] => [
  { kind: 'touch', path: '/data/nginx/html/myserver/index.html' },
  { kind: 'sleep', ms: 1000 },
]).flat();

const EXPECTED: Record<string, Expected> = {
  'always-test.yaml nginx': nginx,
  'deployment-novolume.yaml nginx': nginx,
  'deployment-replicas1.yaml nginx': nginx,
  'deployment.yaml nginx': nginx,
  'exec.yaml liveness-exec-container': {
    program: [
      { kind: 'touch', path: '/tmp/live' },
      { kind: 'sleep', ms: 30_000 },
      { kind: 'rm', path: '/tmp/live' },
      { kind: 'sleep', ms: 3_600_000 },
    ],
    onSigterm: ignore,
    ports: [],
  },
  'goproxy.yaml goproxy': goServer(8080),
  'httpget.yaml liveness-httpget-container': nginx,
  'ifnotpresent-test.yaml nginx': nginx,
  'liveness-exec.yaml liveness': { program: healthy(60_000), onSigterm: ignore, ports: [] },
  'liveness-http.yaml liveness': goServer(8080),
  'liveness-httpget-pod.yaml liveness-exec-container': nginx,
  'myapp-pod.yaml init-myservice': {
    program: [{ kind: 'waitForService', service: 'myservice', pollMs: 2000 }],
    onSigterm: ignore,
    ports: [],
  },
  'myapp-pod.yaml init-mydb': {
    program: [{ kind: 'waitForService', service: 'mydb', pollMs: 2000 }],
    onSigterm: ignore,
    ports: [],
  },
  'myapp-pod.yaml myapp-container': {
    program: [
      { kind: 'echo', text: 'The app is running!' },
      { kind: 'sleep', ms: 3_600_000 },
    ],
    onSigterm: ignore,
    ports: [],
  },
  'myserver-init-containers.yaml init-web-data': { program: webData, onSigterm: ignore, ports: [] },
  'myserver-init-containers.yaml change-data-owner': { program: [], onSigterm: ignore, ports: [] },
  'myserver-init-containers.yaml myserver-myapp-container': nginx,
  'myserver-lifecycle-hooks.yaml myserver-myapp1-lifecycle-label': tomcat,
  'myserver-liveness-exec-redis.yaml myserver-myapp-redis-container': {
    program: serve,
    onSigterm: { action: 'exit', afterMs: 100, code: 0 },
    ports: [6379],
  },
  'myserver-liveness-httpget.yaml myserver-myapp-frontend-label': nginx,
  'myserver-liveness-tcpsocket.yaml myserver-myapp-frontend-label': nginx,
  'myserver-startup-probe.yaml myserver-myapp-frontend-label': nginx,
  'myserver-startup-readiness-liveness.yaml myserver-myapp-frontend-label': nginx,
  'never-test.yaml nginx': nginx,
  'nginx-dep.yaml nginx': nginx,
  'nginx-rc.yaml nginx': nginx,
  'pod1-v2.yaml nginx': nginx,
  'pod1.yaml nginx': { program: [{ kind: 'echo', text: 'SUCCESS' }], onSigterm: ignore, ports: [] },
  'pod2.yaml web': nginx,
  'pod2.yaml db': {
    program: serve,
    onSigterm: { action: 'exit', afterMs: 2000, code: 0 },
    ports: [3306, 33060],
  },
  'pod3-never.yaml busybox': {
    program: [
      { kind: 'sleep', ms: 30_000 },
      { kind: 'exit', code: 3 },
    ],
    onSigterm: ignore,
    ports: [],
  },
  'pod3.yaml busybox': {
    program: [
      { kind: 'sleep', ms: 30_000 },
      { kind: 'exit', code: 3 },
    ],
    onSigterm: ignore,
    ports: [],
  },
  'readiness-httpget.yaml readiness-httpget-container': nginx,
  'tcpsocket.yaml nginx': nginx,
  'test-liveness-exec.yaml liveness': { program: healthy(50_000), onSigterm: ignore, ports: [] },
  'tomcat_deploy_svc.yaml tomcat': tomcat,
};

const found = tutorialContainers();
const behaviourOf = (key: string): Behaviour => {
  const f = found.find((x) => x.key === key)!;
  return inferBehaviour(f.container, { namespace: f.namespace, initContainer: f.initContainer });
};

describe('tutorial containers', () => {
  test('every container of every tutorial manifest has an expectation', () => {
    expect(found.map((f) => f.key).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(found.map((f) => [f.key]))('%s', (key) => {
    const b = behaviourOf(key);
    expect({ program: b.program, onSigterm: b.onSigterm, ports: b.ports }).toEqual(EXPECTED[key]);
  });
});
