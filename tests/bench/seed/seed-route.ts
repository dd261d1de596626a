/**
 * Serves the seed page on the app's own origin, from the browser side: Playwright's
 * `context.route` answers `${origin}/__bench/seed.html` and its script, so the host (and the app)
 * know nothing about it, and the page shares the app's IndexedDB. The script is
 * seed-page.dom.ts bundled with rolldown (iife, browser), once per process, in memory.
 *
 *   await installSeedPage(context, host.origin);      // after the navigation policy's route
 *   const result = await seedVault(page, host.origin, { passphrase, blocks: 100_000, seed: 1, chunk: 5_000 });
 *   await page.goto(`${host.url}#/time`);
 *
 * `seedVault` (and `listAllOnSeedPage`) navigate `page` to the seed page, which unloads the app
 * (and so locks it): the app never has the vault open while the seed page does.
 */
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { SECURITY_HEADERS } from '../../../src-main/security/csp.ts';
import { type ListAllResult, SEED_GLOBAL, SEED_PAGE_PATH, SEED_SCRIPT_PATH, type SeedApi, type SeedRequest, type SeedResult } from './protocol.ts';

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Caravan bench seed</title>
<script src="${SEED_SCRIPT_PATH}"></script></head><body><p>Seeding…</p></body></html>`;

let bundled: Promise<string> | undefined;

/** The seed page's script, bundled once per process. */
export function buildSeedScript(): Promise<string> {
  bundled ??= (async () => {
    const bundle = await rolldown({
      input: fileURLToPath(new URL('./seed-page.dom.ts', import.meta.url)),
      platform: 'browser',
      // libsodium reads import.meta.url (inside a try) to find its WASM, which this build inlines.
      checks: { emptyImportMeta: false },
    });
    try {
      const { output } = await bundle.generate({ format: 'iife', sourcemap: false });
      const chunk = output[0];
      if (!chunk || chunk.type !== 'chunk') throw new Error('seed page build produced no code');
      return chunk.code;
    } finally {
      await bundle.close();
    }
  })();
  return bundled;
}

/**
 * Answers the seed page and its script on `origin` in `context`, with the app's security headers
 * (its CSP allows libsodium's WASM). Install it after any catch-all route: Playwright tries the
 * routes added last first.
 */
export async function installSeedPage(context: BrowserContext, origin: string): Promise<string> {
  const script = await buildSeedScript();
  const headers = { ...SECURITY_HEADERS, 'Cache-Control': 'no-store' };
  await context.route(`${origin}${SEED_PAGE_PATH}`, (route) =>
    route.fulfill({ status: 200, headers, contentType: 'text/html; charset=utf-8', body: PAGE_HTML }),
  );
  await context.route(`${origin}${SEED_SCRIPT_PATH}`, (route) =>
    route.fulfill({ status: 200, headers, contentType: 'text/javascript; charset=utf-8', body: script }),
  );
  return `${origin}${SEED_PAGE_PATH}`;
}

/** Opens the seed page in `page` (leaving the app, which locks it) and runs `call` there. */
async function onSeedPage<T>(page: Page, origin: string, what: string, call: () => Promise<T>): Promise<T> {
  const errors: string[] = [];
  const onError = (error: Error) => errors.push(error.message);
  page.on('pageerror', onError);
  try {
    await page.goto(`${origin}${SEED_PAGE_PATH}`);
    await page
      .waitForFunction((name) => name in window, SEED_GLOBAL, { timeout: 15_000 })
      .catch((cause: unknown) => {
        throw new Error(`the seed page did not start: ${errors.join('; ') || String(cause)}`, { cause });
      });
    return await call().catch((error: unknown) => {
      const page = errors.length > 0 ? ` (page: ${errors.join('; ')})` : '';
      throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}${page}`, { cause: error });
    });
  } finally {
    page.off('pageerror', onError);
  }
}

type SeedWindow = Record<string, SeedApi | undefined>;

/** Opens the seed page in `page` and seeds the vault of `origin`. Navigate back to the app afterwards. */
export function seedVault(page: Page, origin: string, request: SeedRequest): Promise<SeedResult> {
  return onSeedPage(page, origin, 'seeding', () =>
    page.evaluate(([name, req]) => (window as unknown as SeedWindow)[name]!.seed(req), [SEED_GLOBAL, request] as const),
  );
}

/** Opens the seed page in `page` and times listTimeBlocks of every block of the vault of `origin`, `runs` times. */
export function listAllOnSeedPage(page: Page, origin: string, passphrase: string, runs: number): Promise<ListAllResult> {
  return onSeedPage(page, origin, 'listAll', () =>
    page.evaluate(([name, secret, count]) => (window as unknown as SeedWindow)[name]!.listAll(secret, count), [SEED_GLOBAL, passphrase, runs] as const),
  );
}
