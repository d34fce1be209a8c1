/**
 * An interrupted `podsim run --trace OUT` never leaves a partial trace under OUT and never destroys
 * an existing OUT: the writer fills a temporary file beside it and renames it only when complete.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function bigRun(dir: string): string {
  const nodes = Array.from(
    { length: 20 },
    (_, i) => `  - { name: n${i}, cpu: "64", memory: 256Gi, pods: 500 }`,
  ).join('\n');
  writeFileSync(
    join(dir, 'scenario.yaml'),
    `apiVersion: podsim/v1alpha1\nkind: Scenario\nuntil: 2h\nmanifests: [pods.yaml]\nnodes:\n${nodes}\n`,
  );
  let pods = '';
  for (let i = 0; i < 4000; i++) {
    pods += `---\napiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n  - {name: c, image: "busybox:1.36", command: [sh, -c, "sleep 20; exit 1"]}\n`;
  }
  writeFileSync(join(dir, 'pods.yaml'), pods);
  return join(dir, 'scenario.yaml');
}

/** Runs the CLI and sends SIGINT after `ms`. */
function interrupted(
  args: string[],
  ms: number,
): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/podsim.js', ...args], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGINT'), ms);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('run --trace interrupted by SIGINT', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podsim-int-'));
  const scenario = bigRun(dir);

  it('leaves no file under the final name', async () => {
    const out = join(dir, 'new.jsonl');
    const r = await interrupted(['run', scenario, '--trace', out], 2500);
    expect(r.signal).toBe('SIGINT');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps an existing file intact even with --force', async () => {
    const out = join(dir, 'kept.jsonl');
    writeFileSync(out, 'the user wrote this\n');
    const r = await interrupted(['run', scenario, '--trace', out, '--force'], 2500);
    expect(r.signal).toBe('SIGINT');
    expect(readFileSync(out, 'utf8')).toBe('the user wrote this\n');
    // Only the temporary file of the interrupted run may remain beside it, never a renamed one.
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl'))).toEqual(['kept.jsonl']);
  });

  it('lets the next run to the same target remove the temporary file a killed run left', async () => {
    const out = join(dir, 'again.jsonl');
    await interrupted(['run', scenario, '--trace', out], 2500);
    const small = join(dir, 'small.yaml');
    writeFileSync(
      small,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: one}\nspec:\n  containers:\n  - {name: c, image: "nginx:1.20.2"}\n',
    );
    const done = await interrupted(['run', small, '--trace', out, '--until', '10s'], 30_000);
    expect(done.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith('.again.jsonl.'))).toEqual([]);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toContain('"format":"podsim-trace"');
  });
}, 60_000);
