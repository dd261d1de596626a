/**
 * A small real-Chromium harness for store code: bundles store-page.dom.ts with rolldown (iife,
 * browser) into a temporary folder, serves it from 127.0.0.1 on a free port with the app's
 * security headers (so the store runs under the renderer's real CSP: libsodium's WASM needs its
 * 'wasm-unsafe-eval'), and opens it in Debian's Chromium with a persistent profile, whose
 * IndexedDB is on disk (a non-persistent Playwright context is off the record: in memory).
 *
 *   const server = await startStorePageServer();
 *   const harness = await openStorePage(server, { profileDir });
 *   await harness.call('writeCanary', 'vault', 'db', canary);
 *   await harness.close();   // closes the browser: IndexedDB is flushed to the profile folder
 *   await server.close();
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { rolldown } from 'rolldown';
import { SECURITY_HEADERS } from '../../src-main/security/csp.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/support/chromium.ts';
import { HARNESS_GLOBAL, type StoreHarness } from './protocol.ts';

const BUNDLE_NAME = 'store-page.js';

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Caravan store harness</title>
<script src="/${BUNDLE_NAME}"></script></head><body></body></html>`;

let bundled: Promise<Buffer> | undefined;

/**
 * Bundles the page once per process into a temporary folder (never into the repository) and
 * returns the code; the folder is removed once read.
 */
export function buildStorePage(): Promise<Buffer> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caravan-store-page-'));
    const bundle = await rolldown({
      input: fileURLToPath(new URL('./store-page.dom.ts', import.meta.url)),
      platform: 'browser',
      // libsodium reads import.meta.url (inside a try) to find its WASM, which this build inlines.
      checks: { emptyImportMeta: false },
    });
    try {
      await bundle.write({ dir, format: 'iife', entryFileNames: BUNDLE_NAME, sourcemap: false });
      return await readFile(join(dir, BUNDLE_NAME));
    } finally {
      await bundle.close();
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return bundled;
}

/** The harness page's server. */
export interface StorePageServer {
  /** e.g. `http://127.0.0.1:41234`; one origin, so one IndexedDB folder per profile. */
  origin: string;
  url: string;
  close(): Promise<void>;
}

export async function startStorePageServer(): Promise<StorePageServer> {
  const code = await buildStorePage();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (request.method !== 'GET') return void response.writeHead(405, SECURITY_HEADERS).end();
    if (path === '/') {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      return void response.end(PAGE_HTML);
    }
    if (path === `/${BUNDLE_NAME}`) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      return void response.end(code);
    }
    // No favicon: answered empty so that the page logs no failed request.
    response.writeHead(path === '/favicon.ico' ? 204 : 404, SECURITY_HEADERS).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('store page server did not bind');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** The page, ready (libsodium loaded), with a typed way to call it. */
export interface StorePage {
  page: Page;
  context: BrowserContext;
  profileDir: string;
  /** Calls `window.storeHarness[name](...args)` in the page. */
  call<K extends keyof StoreHarness>(name: K, ...args: Parameters<StoreHarness[K]>): Promise<Awaited<ReturnType<StoreHarness[K]>>>;
  /** Closes the browser (and with it IndexedDB, which flushes to disk); removes the profile if the harness made it. */
  close(): Promise<void>;
}

export interface StorePageOptions {
  /** Profile folder to use (kept on close); a fresh temporary one (removed on close) by default. */
  profileDir?: string;
}

export async function openStorePage(server: StorePageServer, options: StorePageOptions = {}): Promise<StorePage> {
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'caravan-store-profile-')));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const errors: string[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(server.url);
    await page
      .waitForFunction((name) => name in window, HARNESS_GLOBAL, { timeout: 10_000 })
      .catch((cause: unknown) => {
        throw new Error(`the store harness page did not start: ${errors.join('; ') || String(cause)}`, { cause });
      });
    const call = <K extends keyof StoreHarness>(name: K, ...args: Parameters<StoreHarness[K]>) =>
      page
        .evaluate(
          ([global, fn, fnArgs]): unknown => {
            const api = (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[global];
            if (api === undefined) throw new Error('window.storeHarness is gone');
            return api[fn]?.(...fnArgs);
          },
          [HARNESS_GLOBAL, name, args] as const,
        )
        .catch((error: unknown) => {
          const page = errors.length > 0 ? ` (page: ${errors.join('; ')})` : '';
          throw new Error(`storeHarness.${name} failed: ${error instanceof Error ? error.message : String(error)}${page}`, { cause: error });
        }) as Promise<Awaited<ReturnType<StoreHarness[K]>>>;
    await call('ready');
    return {
      page,
      context,
      profileDir,
      call,
      close: async () => {
        await context.close();
        if (ownProfile) await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    if (ownProfile) await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}
