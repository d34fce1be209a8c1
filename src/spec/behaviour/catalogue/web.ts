/**
 * Catalogue entries for web servers: nginx (and demo images built on it), Apache httpd, Tomcat.
 *
 * Stop signal: containerd and CRI-O send the image's STOPSIGNAL rather than SIGTERM when it
 * declares one (nginx declares SIGQUIT, httpd SIGWINCH: both a graceful stop). podsim's
 * `onSigterm` describes the reaction to whichever stop signal the runtime sends.
 */
import { MiB } from './types.js';
import type { CatalogueEntry } from './types.js';

const NGINX_HTML = '/usr/share/nginx/html';

export const NGINX: CatalogueEntry = {
  name: 'nginx',
  description: 'Official nginx image and mirrors of it: serves /usr/share/nginx/html on port 80',
  repositories: ['nginx', '*/nginx'],
  // Since 1.19 the image runs a docker-entrypoint.sh that ends in `exec "$@"`; older tags have
  // no ENTRYPOINT, which behaves the same for every command podsim models.
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  entrypointScript: {},
  binaries: ['nginx', 'nginx-debug'],
  server: 'nginx',
  ports: [80],
  startupMs: 100,
  docroot: NGINX_HTML,
  files: [
    NGINX_HTML,
    `${NGINX_HTML}/index.html`,
    `${NGINX_HTML}/50x.html`,
    '/etc/nginx/nginx.conf',
    '/etc/nginx/conf.d/default.conf',
  ],
  routes: [],
  exec: [],
  // A graceful stop with no request in flight finishes within milliseconds.
  onSigterm: { action: 'exit', afterMs: 0, code: 0 },
  memoryBytes: 10 * MiB,
  sources: ['https://github.com/nginxinc/docker-nginx (Dockerfile, docker-entrypoint.sh)'],
};

export const MYAPP: CatalogueEntry = {
  ...NGINX,
  name: 'myapp',
  description:
    'Kubernetes teaching image (ikubernetes/myapp and copies) built on nginx:1.12-alpine',
  repositories: ['ikubernetes/myapp', 'soscscs/myapp'],
  // Built before the nginx image gained its entrypoint script.
  entrypoint: [],
  entrypointScript: undefined,
  files: [NGINX_HTML, `${NGINX_HTML}/index.html`, `${NGINX_HTML}/50x.html`],
  sources: ['https://hub.docker.com/r/ikubernetes/myapp (image history: FROM nginx:1.12-alpine)'],
};

const HTDOCS = '/usr/local/apache2/htdocs';

export const HTTPD: CatalogueEntry = {
  name: 'httpd',
  description: 'Official Apache httpd image: serves /usr/local/apache2/htdocs on port 80',
  repositories: ['httpd', '*/httpd'],
  entrypoint: [],
  cmd: ['httpd-foreground'],
  binaries: ['httpd-foreground', 'httpd', 'apachectl'],
  server: 'httpd',
  ports: [80],
  startupMs: 100,
  docroot: HTDOCS,
  files: [HTDOCS, `${HTDOCS}/index.html`, '/usr/local/apache2/conf/httpd.conf'],
  routes: [],
  exec: [],
  onSigterm: { action: 'exit', afterMs: 0, code: 0 },
  memoryBytes: 20 * MiB,
  sources: ['https://github.com/docker-library/httpd (Dockerfile, httpd-foreground)'],
};

const WEBAPPS = '/usr/local/tomcat/webapps';

/**
 * Official Tomcat images built before docker-library/tomcat#181 (December 2019) ship the example
 * webapps, ROOT included; every build since moves them to webapps.dist, so `/` answers 404.
 * Tags name the version, so the cut is by version: those released before the change were never
 * rebuilt (7.0.98, 8.5.49, 9.0.29 and older, all of 8.0 and 6).
 */
export function isLegacyTomcatTag(tag: string): boolean {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-_.]|$)/.exec(tag);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), m[2] === undefined ? -1 : Number(m[2]), m[3]];
  const p = patch === undefined ? Infinity : Number(patch);
  if (major <= 6) return true;
  if (major === 8 && minor === 0) return true;
  if (major === 7 && minor === 0) return p <= 98;
  if (major === 8 && minor === 5) return p <= 49;
  if (major === 9 && minor === 0) return p <= 29;
  return false;
}

export const TOMCAT_LEGACY: CatalogueEntry = {
  name: 'tomcat',
  description: 'Official Tomcat image before 2020 (e.g. 7.0.94-alpine): the ROOT webapp answers /',
  repositories: ['tomcat', '*/tomcat'],
  tags: {
    description: '7.0.0–7.0.98, 8.0.x, 8.5.0–8.5.49, 9.0.0–9.0.29',
    matches: isLegacyTomcatTag,
  },
  entrypoint: [],
  cmd: ['catalina.sh', 'run'],
  binaries: ['catalina.sh', 'startup.sh'],
  server: 'tomcat',
  ports: [8080],
  startupMs: 3000,
  docroot: `${WEBAPPS}/ROOT`,
  files: [WEBAPPS, `${WEBAPPS}/ROOT`, `${WEBAPPS}/ROOT/index.jsp`, `${WEBAPPS}/ROOT/tomcat.png`],
  // The welcome page is index.jsp, which a plain docroot lookup would not find.
  routes: [{ path: '/', status: [{ fromMs: 0, code: 200 }] }],
  exec: [],
  // catalina.sh `run` execs java; the JVM runs its shutdown hooks (Tomcat stops its connectors
  // and webapps) and then exits 128 + 15.
  onSigterm: { action: 'exit', afterMs: 1000, code: 143 },
  memoryBytes: 150 * MiB,
  sources: [
    'https://github.com/docker-library/tomcat (Dockerfile, pull request #181)',
    'https://tomcat.apache.org/tomcat-9.0-doc/security-howto.html#Default_web_applications',
  ],
};

export const TOMCAT: CatalogueEntry = {
  ...TOMCAT_LEGACY,
  description: 'Official Tomcat image since 2020: webapps is empty, so every path answers 404',
  tags: undefined,
  files: [WEBAPPS, `${WEBAPPS}.dist/ROOT`, `${WEBAPPS}.dist/ROOT/index.jsp`],
  routes: [],
};
