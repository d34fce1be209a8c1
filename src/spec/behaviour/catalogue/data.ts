/**
 * Catalogue entries for data stores: Redis and MySQL. Both images start through a
 * docker-entrypoint.sh that execs its arguments, putting the server in front of arguments that
 * start with `-` (so `args: ["--port", "7000"]` still runs redis-server).
 */
import { MiB } from './types.js';
import type { CatalogueEntry, CatalogueExec } from './types.js';

const REDIS_DOWN = 'Could not connect to Redis at 127.0.0.1:6379: Connection refused';

function redisCli(args: string, output: string): CatalogueExec[] {
  return ['redis-cli', '/usr/local/bin/redis-cli'].map((cli) => ({
    command: `${cli} ${args}`,
    output,
    failure: REDIS_DOWN,
    durationMs: 5,
  }));
}

export const REDIS: CatalogueEntry = {
  name: 'redis',
  description: 'Official Redis image: redis-server on port 6379; redis-cli ping/quit answer',
  repositories: ['redis', '*/redis'],
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['redis-server'],
  entrypointScript: { prependForOptions: 'redis-server' },
  binaries: ['redis-server'],
  server: 'redis',
  ports: [6379],
  startupMs: 50,
  files: ['/data', '/usr/local/bin/redis-server', '/usr/local/bin/redis-cli'],
  routes: [],
  exec: [...redisCli('ping', 'PONG'), ...redisCli('quit', 'OK')],
  // Redis acts on SIGTERM from its serverCron timer (10 times a second by default), saves the
  // dataset when save points are configured, and exits 0.
  onSigterm: { action: 'exit', afterMs: 100, code: 0 },
  memoryBytes: 8 * MiB,
  sources: ['https://github.com/docker-library/redis (Dockerfile, docker-entrypoint.sh)'],
};

const MYSQL_DOWN =
  "mysqladmin: connect to server at 'localhost' failed\n" +
  "error: 'Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)'";

function mysqladmin(command: string): CatalogueExec {
  return { command, output: 'mysqld is alive', failure: MYSQL_DOWN, durationMs: 20 };
}

export const MYSQL: CatalogueEntry = {
  name: 'mysql',
  description: 'Official MySQL 8+ image: mysqld on 3306 (and X protocol 33060) after first init',
  repositories: ['mysql', '*/mysql'],
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['mysqld'],
  entrypointScript: {
    prependForOptions: 'mysqld',
    // The entrypoint refuses to initialise an empty data directory without a root password
    // policy; MYSQL_ROOT_PASSWORD_FILE counts because the script reads it into the variable.
    requiredEnv: {
      anyOf: [
        'MYSQL_ROOT_PASSWORD',
        'MYSQL_ROOT_PASSWORD_FILE',
        'MYSQL_ALLOW_EMPTY_PASSWORD',
        'MYSQL_RANDOM_ROOT_PASSWORD',
      ],
      message:
        '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
        '    You need to specify one of the following as an environment variable:\n' +
        '    - MYSQL_ROOT_PASSWORD\n' +
        '    - MYSQL_ALLOW_EMPTY_PASSWORD\n' +
        '    - MYSQL_RANDOM_ROOT_PASSWORD',
      exitCode: 1,
    },
  },
  binaries: ['mysqld'],
  server: 'mysql',
  ports: [3306, 33060],
  // A fresh container initialises its data directory first (mysqld --initialize-insecure, then a
  // temporary server with networking off to set the root password), so the ports open only after
  // about 15 s; a container restarted on an initialised volume would be ready in about 2 s.
  startupMs: 15_000,
  files: ['/var/lib/mysql', '/etc/my.cnf', '/usr/local/bin/docker-entrypoint.sh'],
  routes: [],
  exec: [
    mysqladmin('mysqladmin ping'),
    mysqladmin('mysqladmin ping -h localhost'),
    mysqladmin('mysqladmin ping -h 127.0.0.1'),
  ],
  // mysqld flushes InnoDB and closes its files before exiting 0.
  onSigterm: { action: 'exit', afterMs: 2000, code: 0 },
  memoryBytes: 400 * MiB,
  sources: ['https://github.com/docker-library/mysql (Dockerfile, docker-entrypoint.sh)'],
};
