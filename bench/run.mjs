// `npm run bench`: the benchmark ladder. Each rung runs in its own process (peak RSS is its own);
// results go to bench/results/<timestamp-free name>.json and are compared with the previous run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const LADDER = quick
  ? [
      ['fold', 200_000],
      ['replay', 200_000],
      ['single', 0],
      ['pods', 1000],
      ['deployment', 1000],
      ['check-jobs', 400],
    ]
  : [
      ['fold', 1_000_000],
      ['replay', 1_000_000],
      ['replay', 10_000_000],
      ['single', 0],
      ['pods', 1000],
      ['pods', 10_000],
      ['deployment', 10_000],
      // A short check, where the main thread runs alone by design (workers start only when the
      // runs left would take it over 3 s, see src/check/user/pool.ts), and a long one, where
      // --jobs 2 pays: the target's regime.
      ['check-jobs', 2000],
      ['check-jobs', 40_000],
    ];

function rung(step, arg) {
  const out = execFileSync(
    process.execPath,
    step === 'check-jobs'
      ? [join(here, 'checkJobs.mjs'), String(arg)]
      : ['--expose-gc', '--max-old-space-size=8192', join(here, 'steps.mjs'), step, String(arg)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop());
}

const fmt = (n, d = 0) =>
  n === undefined
    ? ''
    : Number(n).toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const results = [];
for (const [step, arg] of LADDER) {
  process.stderr.write(`bench: ${step} ${arg || ''}…\n`);
  results.push(rung(step, arg));
}

const dir = join(here, 'results');
mkdirSync(dir, { recursive: true });
const latest = join(dir, quick ? 'latest-quick.json' : 'latest.json');
const previous = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) : undefined;
const key = (r) => `${r.step} ${r.arg}`;
const prevOf = (r) => previous?.results.find((p) => key(p) === key(r));

const rows = [
  [
    'rung',
    'wall ms',
    'events/s',
    'sim-s / wall-s',
    'peak RSS MiB',
    'trace B/event',
    'notes',
    'vs previous',
  ],
];
for (const r of results) {
  const p = prevOf(r);
  const rate = r.realEventsPerSec ?? r.eventsPerSec;
  const change = p
    ? `${(((rate ?? r.runsPerSec) / (p.realEventsPerSec ?? p.eventsPerSec ?? p.runsPerSec) - 1) * 100).toFixed(0)}%`
    : '–';
  const notes =
    r.step === 'fold'
      ? `real ${fmt(r.realEventsPerSec)} /s = ${fmt(r.ratioToImmerBaseline, 2)}× Immer-per-pod on a 4-field record (${fmt(r.immerPerPodEventsPerSec)} /s)` +
        (r.ratioToImmerSameWrites === undefined
          ? ''
          : `, ${fmt(r.ratioToImmerSameWrites, 2)}× Immer making the reducers' own writes (${fmt(r.immerSameWritesEventsPerSec)} /s)`) +
        `, ${fmt(r.ratioToMutable, 3)}× mutable (${fmt(r.mutableEventsPerSec)} /s)`
      : r.step === 'single'
        ? `${fmt(r.runsPerSec)} runs/s, ${fmt(r.eventsPerRun, 1)} events/run`
        : r.step === 'check-jobs'
          ? `${fmt(r.ratio, 2)}× runs/s with --jobs 2 (${fmt(r.runsPerSecJobs1)} → ${fmt(r.runsPerSecJobs2)}; target ≥ 1.7×)` +
            (r.coresBusyJobs1 === undefined
              ? ''
              : `; --jobs 1 keeps ${fmt(r.coresBusyJobs1, 2)} of ${r.cores} cores busy, so ≤ ${fmt(r.cores / r.coresBusyJobs1, 2)}× is possible`)
          : r.step === 'pods'
            ? `${fmt(r.eventsPerHealthyPodHour, 1)} events per healthy pod-hour`
            : r.step === 'deployment'
              ? `one Deployment, 100 nodes: all ${fmt(r.pods)} pods Ready at ${fmt(r.allReadyAtVirtualMs / 1000)} s virtual`
              : `RSS before replay ${fmt(r.rssBeforeMiB)} MiB`;
  rows.push([
    `${r.step} ${r.arg ? fmt(r.arg) : ''}`.trim(),
    fmt(r.wallMs),
    fmt(rate),
    fmt(r.simulatedSecondsPerWallSecond),
    fmt(r.peakRssMiB),
    fmt(r.traceBytesPerEvent, 1),
    notes,
    change,
  ]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  '));
const replays = results.filter((r) => r.step === 'replay');
if (replays.length === 2) {
  console.log(
    `replay peak RSS, ${fmt(replays[1].arg)} vs ${fmt(replays[0].arg)} events: ${(replays[1].peakRssMiB / replays[0].peakRssMiB).toFixed(2)}×`,
  );
}
writeFileSync(`${latest}.tmp`, JSON.stringify({ node: process.version, results }, null, 2));
renameSync(`${latest}.tmp`, latest);
