// The check-jobs rung (issue 7): throughput of `podsim check` with --jobs 1 and --jobs 2 on a fixed
// check whose every run passes (so both evaluate all runs). Each measurement is its own process,
// start-up included, as a user would run it; the better of two attempts counts (shared machines).
// Usage: node bench/checkJobs.mjs [RUNS]   (default 2000; needs `npm run build`). The full ladder
// runs it twice: 2,000 runs (a short check: by design only the main thread runs) and 40,000.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 2000);
const scenario = join(root, 'traces/liveness-exec/check-startup.yaml');
const cwd = mkdtempSync(join(tmpdir(), 'podsim-bench-check-'));

/**
 * CPU milliseconds (user + system) of the waited-for children so far, from /proc (Linux; undefined
 * elsewhere): with it the rung reports how many cores `--jobs 1` already keeps busy, since V8's
 * garbage collector and compiler run on helper threads beside the JavaScript thread.
 */
function childCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // Fields after the parenthesised command name: cutime and cstime are the 14th and 15th of them,
  // in USER_HZ ticks (100 a second on Linux whatever the kernel's own tick).
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
}

function wallMs(jobs) {
  const args = [join(root, 'bin/podsim.js'), 'check', scenario];
  args.push('--assert', 'ready within 10s', '--runs', String(runs), '--jobs', String(jobs));
  const cpu0 = childCpuMs();
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out !== `passed ${runs} runs (seed 1)\n`) throw new Error(`unexpected output: ${out}`);
  const cpu = cpu0 === undefined ? undefined : childCpuMs() - cpu0;
  return { ms, cores: cpu === undefined ? undefined : cpu / ms };
}

/** The faster of two attempts (shared machines), with the cores it kept busy. */
function best(jobs) {
  const a = wallMs(jobs);
  const b = wallMs(jobs);
  return a.ms <= b.ms ? a : b;
}
// The ratio needs two idle cores: the load when measuring says whether it had them.
const load = loadavg()[0];
const one = best(1);
const two = best(2);
const ms1 = one.ms;
const ms2 = two.ms;
rmSync(cwd, { recursive: true, force: true });
const runsPerSecJobs1 = runs / (ms1 / 1000);
const runsPerSecJobs2 = runs / (ms2 / 1000);
console.log(
  JSON.stringify({
    step: 'check-jobs',
    arg: runs,
    wallMs: ms1 + ms2,
    runsPerSec: runsPerSecJobs2,
    runsPerSecJobs1,
    runsPerSecJobs2,
    ratio: runsPerSecJobs2 / runsPerSecJobs1,
    // CPU time / wall time: above 1 for --jobs 1 means its helper threads already use the second
    // core, so --jobs 2 can gain at most (cores / coresBusyJobs1).
    coresBusyJobs1: one.cores,
    coresBusyJobs2: two.cores,
    cores: availableParallelism(),
    loadAvg1mBefore: load,
    loadAvg1mAfter: loadavg()[0],
  }),
);
