/**
 * The timeline in a real browser (Debian's Chromium through playwright-core): lanes, markers and
 * hover titles are there, markup from the manifests stayed text, and the page's own script runs
 * under its Content-Security-Policy. Leaves a screenshot in test-output/timeline.png.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run.js';
import { loadTrace } from '../../src/trace/loadTrace.js';
import { timelineModel } from '../../src/trace/timelineModel.js';
import { probeKillTrace } from './traceHelpers.js';

const CHROMIUM = '/usr/bin/chromium';
// Outside CI a machine without Chromium skips this file (saying so); in CI it must run.
const runnable = existsSync(CHROMIUM) || process.env.CI !== undefined;
if (!runnable)
  console.warn(
    `timeline browser test skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`,
  );

describe.runIf(runnable)('the timeline in Chromium', () => {
  it('shows every lane and marker with its title, and runs no markup from the trace', async () => {
    const trace = probeKillTrace();
    mkdirSync('test-output', { recursive: true });
    const html = resolve('test-output/timeline.html');
    expect((await cli(['timeline', trace, '-o', html, '--force'])).code).toBe(0);
    const model = timelineModel(loadTrace(trace));
    const markers = model.lanes.reduce((n, l) => n + l.markers.length, 0);

    const browser = await chromium.launchPersistentContext(
      mkdtempSync(join(tmpdir(), 'podsim-chromium-')),
      {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1460, height: 500 },
        // A browser that does not come up fails the test instead of holding the run.
        timeout: 30_000,
      },
    );
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => void requests.push(r.url()));
      await page.goto(pathToFileURL(html).href);
      expect(await page.locator('g.lane').count()).toBe(4);
      expect(await page.locator('g.marker').count()).toBe(markers);
      expect(await page.locator('g.marker > title').count()).toBe(markers);
      expect(await page.locator('g.tick').count()).toBe(
        model.lanes.reduce((n, l) => n + l.ticks.length, 0),
      );
      const podTitle = await page
        .locator('g.lane.pod[data-pod="default/web"] text.name title')
        .textContent();
      expect(podTitle).toBe(
        'pod default/web\nlabels: app=web\nannotation note: <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
      );
      expect(
        await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned),
      ).toBeUndefined();
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      // The page's own script is allowed by its hash: a click copies the marker's details.
      await page.locator('g.marker.warning').first().click();
      expect(await page.locator('#detail').textContent()).toBe(
        await page.locator('g.marker.warning > title').first().textContent(),
      );
      expect(requests).toEqual([pathToFileURL(html).href]);
      await page.screenshot({ path: 'test-output/timeline.png', fullPage: true });
    } finally {
      await browser.close();
    }
    expect(existsSync('test-output/timeline.png')).toBe(true);
  });
});
