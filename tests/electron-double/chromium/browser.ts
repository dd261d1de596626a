/**
 * The Chromium behind every BrowserWindow: Debian's Chromium, launched by
 * Playwright when the app becomes ready, with the app's user-data folder as
 * its profile (Electron keeps IndexedDB and the rest there too), and a CDP
 * port so the test process can drive the same pages.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/chromium.ts';

let context: BrowserContext | null = null;
let port = 0;

export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  // Electron has no popup blocker of its own (window.open reaches setWindowOpenHandler): keep Playwright's default.
  const args = CHROMIUM_ARGS.filter((arg) => arg !== '--block-new-web-contents');
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [...args, '--remote-debugging-port=0', `--lang=${process.env['ELECTRON_DOUBLE_LOCALE'] ?? 'en-GB'}`],
    viewport: null,
    locale: process.env['ELECTRON_DOUBLE_LOCALE'] ?? 'en-GB',
    ...(process.env['TZ'] ? { timezoneId: process.env['TZ'] } : {}),
  });
  const active = await readFile(join(profileDir, 'DevToolsActivePort'), 'utf8');
  port = Number(active.split('\n')[0]);
  return context;
}

export function browserContext(): BrowserContext {
  if (!context) throw new Error('electron double: Chromium is not running (the app is not ready)');
  return context;
}

export function hasBrowser(): boolean {
  return context !== null;
}

export function cdpPort(): number {
  return port;
}

export async function closeChromium(): Promise<void> {
  const closing = context;
  context = null;
  await closing?.close().catch(() => undefined);
}
