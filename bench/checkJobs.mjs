// The check-jobs rung (issue 7): throughput of `podsim check` with --jobs 1 and --jobs 2 on a fixed
// check whose every run passes (so both evaluate all runs). Each measurement is its own process,
// start-up included, as a user would run it; the better of two attempts counts (shared machines).
// Usage: node bench/checkJobs.mjs [RUNS]   (default 2000; needs `npm run build`)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 2000);
const scenario = join(root, 'traces/liveness-exec/check-startup.yaml');
const cwd = mkdtempSync(join(tmpdir(), 'podsim-bench-check-'));

function wallMs(jobs) {
  const args = [join(root, 'bin/podsim.js'), 'check', scenario];
  args.push('--assert', 'ready within 10s', '--runs', String(runs), '--jobs', String(jobs));
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (out !== `passed ${runs} runs (seed 1)\n`) throw new Error(`unexpected output: ${out}`);
  return ms;
}

const best = (jobs) => Math.min(wallMs(jobs), wallMs(jobs));
// The ratio needs two idle cores: the load when measuring says whether it had them.
const load = loadavg()[0];
const ms1 = best(1);
const ms2 = best(2);
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
    cores: availableParallelism(),
    loadAvg1mBefore: load,
    loadAvg1mAfter: loadavg()[0],
  }),
);
