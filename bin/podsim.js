#!/usr/bin/env node
// The podsim command: binds the CLI to the real process (files, stdout, exit code).
import { existsSync } from 'node:fs';
import { main } from '../dist/cli/main.js';
import { readTextFile } from '../dist/spec/textFile.js';

// `podsim … | head` closes the pipe early: stop quietly, as other command-line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  readFile: readTextFile,
  exists: (p) => existsSync(p),
  isTTY: Boolean(process.stdout.isTTY),
  // podsim check's progress bar: on a terminal only, never in CI logs or pipes.
  ...(process.stderr.isTTY && !process.env.CI
    ? { progress: { write: (s) => process.stderr.write(s), now: () => Date.now() } }
    : {}),
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`podsim: internal error: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 70;
  },
);
