/**
 * End-to-end tests own their world: each test gets a fresh data folder and a
 * fresh browser profile, and runs either against the browser test host in
 * Debian's Chromium or against the real Electron shell.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, _electron, type Page } from '@playwright/test';
import { REPO_ROOT, startHost, type Host, type HostOptions } from '../../host/server.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { findElectronBinary } from './electron-binary.ts';
import { applyMainPolicy } from './main-policy.ts';

export type Shell = 'host' | 'electron';

export interface AppUnderTest {
  shell: Shell;
  page: Page;
  /** The folder main uses for this test's data. */
  dataDir: string;
  /** The browser profile folder (host only): where IndexedDB files land. */
  profileDir?: string;
  /** The test host (host only). */
  host?: Host;
}

/**
 * A browser on a fresh profile, pointed at a running host, with main's request and navigation
 * policy applied: one "device". Tests that need a second device call it with a second host.
 */
export async function openHostedBrowser(host: Host): Promise<{ page: Page; profileDir: string; close(): Promise<void> }> {
  const profileDir = await mkdtemp(join(tmpdir(), 'caravan-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    // Playwright turns Chromium's popup blocker off; main denies every window, so keep it on.
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  try {
    await applyMainPolicy(context, host);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    return {
      page,
      profileDir,
      close: async () => {
        await context.close();
        await rm(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    await rm(profileDir, { recursive: true, force: true });
    throw error;
  }
}

async function launchHosted(use: (app: AppUnderTest) => Promise<void>, options: HostOptions): Promise<void> {
  const host = await startHost(options);
  try {
    const browser = await openHostedBrowser(host);
    try {
      await use({ shell: 'host', page: browser.page, dataDir: host.dataDir, profileDir: browser.profileDir, host });
    } finally {
      await browser.close();
    }
  } finally {
    await host.close();
    await rm(host.dataDir, { recursive: true, force: true });
  }
}

async function launchElectron(use: (app: AppUnderTest) => Promise<void>, skip: (reason: string) => void): Promise<void> {
  const binary = findElectronBinary();
  if ('missing' in binary) return skip(binary.missing);
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-electron-'));
  const electronApp = await _electron.launch({
    executablePath: binary.path,
    args: [join(REPO_ROOT, 'out/main/index.js')],
    env: { ...process.env, CARAVAN_USER_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
  });
  try {
    const page = await electronApp.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    await use({ shell: 'electron', page, dataDir });
  } finally {
    await electronApp.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<{ shell: Shell; hostOptions: HostOptions; app: AppUnderTest }>({
  shell: ['host', { option: true }],
  hostOptions: [{}, { option: true }],
  app: async ({ shell, hostOptions }, use, testInfo) => {
    if (shell === 'electron') await launchElectron(use, (reason) => testInfo.skip(true, reason));
    else await launchHosted(use, hostOptions);
  },
});

export { expect } from '@playwright/test';
