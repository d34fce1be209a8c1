/**
 * The timeline page: lanes and spans come from the folded pod status instant by instant, every
 * text from the trace is escaped, and the file is complete, self-contained and deterministic.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { timelineHtml } from '../../src/trace/timelineHtml.js';
import { timelineModel } from '../../src/trace/timelineModel.js';
import { escapeXml } from '../../src/trace/timelineSvg.js';
import { goldenTrace, probeKillTrace, scratchDir } from './traceHelpers.js';

const PK = probeKillTrace();
const model = timelineModel(loadTrace(PK));
const spans = (pod: string, container?: string): Array<[number, number, string]> =>
  model.lanes
    .find((l) => l.pod === pod && l.container === container)!
    .spans.map((s) => [s.from, s.to, s.label]);

describe('the timeline model', () => {
  it('has a lane per pod followed by its containers, pods in order of creation', () => {
    expect(model.lanes.map((l) => `${l.pod} ${l.container ?? '-'}`)).toEqual([
      'default/web -',
      'default/web app',
      'default/shadow -',
      'default/shadow side',
    ]);
  });

  it('draws each container instance as its own span, even when the restart is instantaneous', () => {
    expect(spans('default/web', 'app')).toEqual([
      [0, 1000, 'Waiting: ContainerCreating'],
      [1000, 75000, 'Running'],
      [75000, 145000, 'Running (restart 1)'],
      [145000, 210000, 'Running (restart 2)'],
    ]);
    expect(spans('default/web')).toEqual([
      [0, 1000, 'Pending'],
      [1000, 180000, 'Running'],
      [180000, 210000, 'Terminating'],
    ]);
  });

  it('shows grace periods and probe results on the container lane', () => {
    const app = model.lanes.find((l) => l.container === 'app')!;
    expect(app.overlays.map((o) => [o.kind, o.from, o.to])).toEqual([
      ['grace', 45000, 75000],
      ['grace', 115000, 145000],
      ['grace', 180000, 210000],
    ]);
    expect(app.ticks.map((t) => [t.at, t.ok])).toEqual([
      [35000, false],
      [40000, false],
      [45000, false],
      [105000, false],
      [110000, false],
      [115000, false],
      [175000, false],
    ]);
  });

  it('says when a probe attempt that took time began', () => {
    const m = timelineModel(loadTrace(goldenTrace('probe-timeout')));
    const c = m.lanes.find((l) => l.container === 'liveness-exec-container')!;
    expect(c.ticks[0]!.detail).toBe(
      'liveness probe failure at 64s (attempt began at 63s): Get "http://10.244.0.2:80/index.html": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
  });

  it('shows the restart back-off of a crash loop as spans ending at each retry', () => {
    const m = timelineModel(loadTrace(goldenTrace('sleep-exit-always')));
    const busybox = m.lanes.find((l) => l.container === 'busybox')!;
    expect(busybox.overlays.filter((o) => o.kind === 'backoff').map((o) => o.label)).toEqual([
      'back-off 10s',
      'back-off 20s',
      'back-off 40s',
      'back-off 80s',
      'back-off 2m40s',
      'back-off 5m',
      'back-off 5m',
    ]);
    expect(busybox.spans.some((s) => s.label === 'Waiting: CrashLoopBackOff')).toBe(true);
  });
});

describe('the timeline page', () => {
  const html = timelineHtml(model);

  it('escapes markup from annotations, container args and probe messages', () => {
    expect(escapeXml(`<a href="x">'&`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
    expect(html).not.toContain('<script>window');
    expect(html).not.toContain('<img');
    expect(html).toContain(escapeXml('<script>window.__pwned = 1</script>'));
    expect(html).toContain(
      escapeXml(`cat: can't open '/tmp/<img src=x onerror="window.__pwned = 3">'`),
    );
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('needs no network: no external URL, and a policy that allows only its own script', () => {
    // Escaped text holds no '<', so every tag found here is real markup.
    const tags = html.match(/<[^>]*>/g)!;
    const external = tags.filter(
      (t) =>
        /\s(?:src|href)=|url\((?!#)/.test(t) ||
        /https?:/.test(t.replace(' xmlns="http://www.w3.org/2000/svg"', '')),
    );
    expect(external).toEqual([]);
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-[A-Za-z0-9+/=]+'">/,
    );
  });

  it('labels the time axis in kubectl age format', () => {
    const labels = [...html.matchAll(/<text class="axis"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect([...new Set(labels)]).toEqual([
      '0s',
      '30s',
      '60s',
      '90s',
      '2m',
      '2m30s',
      '3m',
      '3m30s',
      '4m',
    ]);
  });

  it('gives every marker a hover title', () => {
    const markers = html.match(
      /<g class="marker[^"]*" data-seq="\d+" tabindex="0"><path [^>]*\/><title>[^<]+<\/title><\/g>/g,
    );
    expect(markers).toHaveLength(model.lanes.reduce((n, l) => n + l.markers.length, 0));
  });

  it('is written by podsim timeline atomically, the same bytes every time', async () => {
    const dir = scratchDir();
    const out = join(dir, 'pk.html');
    const r = await cli(['timeline', PK, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      `wrote ${out} (4 lanes, ${Buffer.byteLength(readFileSync(out, 'utf8'))} bytes)\n`,
    );
    const first = readFileSync(out, 'utf8');
    // An existing file is replaced only with --force, and is untouched without it.
    const refused = await cli(['timeline', PK, '-o', out]);
    expect([refused.code, refused.err]).toEqual([
      2,
      `podsim: -o ${out}: the file exists; pass --force to replace it\n`,
    ]);
    writeFileSync(out, 'mine');
    expect((await cli(['timeline', PK, '-o', out])).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await cli(['timeline', PK, '-o', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(first);
    // No temporary file is left beside it.
    expect(readdirSync(dir)).toEqual(['pk.html']);
  });

  it('overlays a second run with --diff, lane by lane', async () => {
    const out = join(scratchDir(), 'diff.html');
    const r = await cli([
      'timeline',
      goldenTrace('sleep-exit-always'),
      '-o',
      out,
      '--diff',
      goldenTrace('sleep-exit-never'),
    ]);
    expect(r.code).toBe(0);
    const names = [...readFileSync(out, 'utf8').matchAll(/<text class="name"[^>]*>([^<]*)</g)].map(
      (m) => m[1],
    );
    expect(names).toEqual(['A: pod/foo', 'B: pod/foo', 'A: busybox', 'B: busybox']);
  });

  it('reports an output it cannot write in one line', async () => {
    const out = join(scratchDir(), 'missing-dir', 'x.html');
    const r = await cli(['timeline', PK, '-o', out]);
    expect(r.code).toBe(2);
    // In words, without the temporary file's name.
    expect(r.err).toBe(
      `podsim: timeline: cannot write ${out}: the directory ${dirname(out)} does not exist\n`,
    );
  });
});
