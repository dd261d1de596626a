/**
 * Time from loading the built renderer to first paint in Chromium, against a
 * baseline page (a static heading) served the same way in the same run. Each
 * sample is a fresh browser context, so nothing is cached between samples.
 */
import { createServer } from 'node:http';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/chromium.ts';
import { startHost } from '../../host/server.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

const SAMPLES = 15;

/**
 * Records when the first screen a person can act on exists: on a fresh
 * profile that is the create-vault form (the vault gate has read the meta
 * store); once a vault exists it is the unlock form.
 */
const SHELL_READY_PROBE = `
  new MutationObserver((_, observer) => {
    if (document.querySelector('nav[aria-label="Main"], .vault-card form')) {
      window.__shellReady = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

async function paintTimes(browser: Browser, url: string): Promise<{ fcp: number; ready: number | null }> {
  const context = await browser.newContext();
  await context.addInitScript(SHELL_READY_PROBE);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const result = await page.evaluate(async () => {
    const deadline = performance.now() + 10_000;
    let fcp: PerformanceEntry | undefined;
    const readyAt = () => (window as unknown as { __shellReady?: number }).__shellReady;
    const isApp = document.getElementById('root') !== null;
    // Wait for both marks (the baseline page has no app, so only for its paint).
    while ((!fcp || (isApp && readyAt() === undefined)) && performance.now() < deadline) {
      fcp ??= performance.getEntriesByName('first-contentful-paint')[0];
      await new Promise((r) => setTimeout(r, 10));
    }
    const ready = readyAt() ?? null;
    return { fcp: fcp?.startTime ?? Number.NaN, ready };
  });
  await context.close();
  return result;
}

async function startBaselineServer() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><h1>Baseline</h1></body></html>');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('baseline server did not bind');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise<void>((d) => server.close(() => d())) };
}

export async function firstPaint(): Promise<Figure[]> {
  const host = await startHost();
  const baseline = await startBaselineServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
  try {
    // One warm-up of each so the OS file cache is not what we measure.
    await paintTimes(browser, host.url);
    await paintTimes(browser, baseline.url);
    const app: number[] = [];
    const ready: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const sample = await paintTimes(browser, host.url);
      app.push(sample.fcp);
      if (sample.ready !== null) ready.push(sample.ready);
      base.push((await paintTimes(browser, baseline.url)).fcp);
    }
    const baselineSummary = { description: 'static HTML heading, same Chromium, same run', value: summarize(base) };
    return [
      figure({
        id: 'renderer.first-paint',
        description: 'built renderer (browser host): navigation start to first contentful paint',
        unit: 'ms',
        value: summarize(app),
        baseline: baselineSummary,
        goal: '< 500 ms',
      }),
      figure({
        id: 'renderer.first-screen-ready',
        description: 'built renderer: navigation start to the first actionable screen (create-vault form) in the DOM',
        unit: 'ms',
        value: summarize(ready),
        baseline: baselineSummary,
      }),
    ];
  } finally {
    await browser.close();
    await baseline.close();
    await host.close();
  }
}
