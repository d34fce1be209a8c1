/**
 * Catalogue entries for base images whose default command is a shell (busybox, centos, debian,
 * alpine) and for the small Go servers of the Kubernetes documentation and e2e tests.
 *
 * A shell started with no script and no stdin (Kubernetes leaves stdin closed unless the
 * container sets `stdin: true`) reads end-of-file at once and exits 0: that is why
 * `kubectl run --image=busybox` without a command completes immediately.
 */
import { MiB } from './types.js';
import type { CatalogueEntry } from './types.js';

const NO_HANDLER = { action: 'ignore' } as const;

function shellImage(
  name: string,
  repositories: string[],
  cmd: string[],
  description: string,
): CatalogueEntry {
  return {
    name,
    description,
    repositories,
    entrypoint: [],
    cmd,
    binaries: [],
    server: 'plain',
    ports: [],
    startupMs: 0,
    files: [],
    routes: [],
    exec: [],
    onSigterm: NO_HANDLER,
    memoryBytes: 1 * MiB,
    sources: [`https://hub.docker.com/_/${name} (image config: CMD ${JSON.stringify(cmd)})`],
  };
}

export const BUSYBOX = shellImage(
  'busybox',
  ['busybox', '*/busybox'],
  ['sh'],
  'BusyBox: CMD sh, which exits 0 at once without a script',
);

export const CENTOS = shellImage(
  'centos',
  ['centos', '*/centos'],
  ['/bin/bash'],
  'CentOS: CMD /bin/bash, which exits 0 at once without a script',
);

export const DEBIAN = shellImage(
  'debian',
  ['debian', 'ubuntu'],
  ['bash'],
  'Debian and Ubuntu: CMD bash, which exits 0 at once without a script',
);

export const ALPINE = shellImage(
  'alpine',
  ['alpine'],
  ['/bin/sh'],
  'Alpine: CMD /bin/sh, which exits 0 at once without a script',
);

/**
 * Go programs install a handler for every signal, so SIGTERM reaches them even as PID 1. With no
 * os/signal.Notify the runtime's dieFromSignal resets the handler and re-raises the signal; the
 * kernel drops that for a PID namespace's init, and the runtime falls back to exit(2). So these
 * servers exit 2 at once (runtime/signal_unix.go).
 */
const GO_DEFAULT_SIGTERM = { action: 'exit', afterMs: 0, code: 2 } as const;

export const LIVENESS: CatalogueEntry = {
  name: 'liveness',
  description: 'Kubernetes docs liveness server (/server): /healthz is 200 for 10 s, then 500',
  repositories: [
    'k8s.gcr.io/liveness',
    'registry.k8s.io/liveness',
    'gcr.io/google_containers/liveness',
    'gcr.io/google-containers/liveness',
  ],
  // FROM scratch with only /server added: the Pod must say `args: [/server]`.
  entrypoint: [],
  cmd: [],
  binaries: ['/server'],
  binariesNeedImage: true,
  server: 'plain',
  ports: [8080],
  startupMs: 0,
  files: ['/server'],
  // server.go: `if duration.Seconds() > 10 { 500 }`, so 10.000 s exactly still answers 200.
  routes: [
    {
      path: '/healthz',
      status: [
        { fromMs: 0, code: 200 },
        { fromMs: 10_001, code: 500 },
      ],
    },
    { path: '/started', status: [{ fromMs: 0, code: 200 }] },
  ],
  exec: [],
  onSigterm: GO_DEFAULT_SIGTERM,
  memoryBytes: 5 * MiB,
  sources: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-probes/',
    'kubernetes/kubernetes test/images/agnhost/liveness/server.go',
  ],
};

export const GOPROXY: CatalogueEntry = {
  name: 'goproxy',
  description: 'Kubernetes docs HTTP proxy (/goproxy) on TCP 8080, listening at once',
  repositories: [
    'k8s.gcr.io/goproxy',
    'registry.k8s.io/goproxy',
    'gcr.io/google_containers/goproxy',
  ],
  entrypoint: ['/goproxy'],
  cmd: [],
  binaries: ['/goproxy'],
  binariesNeedImage: true,
  server: 'plain',
  ports: [8080],
  startupMs: 0,
  files: ['/goproxy'],
  // A proxy answers plain (non-proxy) requests with 500 "This is a proxy server. Does not respond
  // to non-proxy requests."
  routes: [{ path: '/', status: [{ fromMs: 0, code: 500 }] }],
  exec: [],
  onSigterm: GO_DEFAULT_SIGTERM,
  memoryBytes: 5 * MiB,
  sources: ['kubernetes/kubernetes test/images/goproxy (Dockerfile, goproxy.go)'],
};
