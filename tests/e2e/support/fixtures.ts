/**
 * End-to-end tests own their world: each test gets a fresh data folder and a
 * fresh browser profile, and runs against one of three shells:
 * - `host`: the browser test host (main's handler table over a WebSocket) in Debian's Chromium;
 * - `double`: the built main and preload under the Electron double, a real Chromium page as the window;
 * - `electron`: the real shell, where its binary is installed.
 * Specs reach the world around the page through `app.main` (dialogs, tray, power, clock), which the
 * host and the double both answer; main's log is attached to a failing test.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect, _electron, type Page, type TestInfo } from '@playwright/test';
import { REPO_ROOT, startHost, type Host, type HostOptions } from '../../host/server.ts';
import { launchDouble, type DoubleApp } from '../../electron-double/launch.ts';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';
import { findElectronBinary } from './electron-binary.ts';
import { applyMainPolicy } from './main-policy.ts';
import { doubleControls, hostControls, hostLog, type MainControls } from './main-controls.ts';

export type Shell = 'host' | 'double' | 'electron';

/** Another device: its own main, its own profile. */
export interface SecondApp {
  page: Page;
  main: MainControls;
  dataDir: string;
  close(): Promise<void>;
}

export interface AppUnderTest {
  shell: Shell;
  page: Page;
  /** The folder main uses for this test's data. */
  dataDir: string;
  /** The Chromium profile folder: where IndexedDB files land (host and double). */
  profileDir?: string;
  /** The browser test host (host only). */
  host?: Host;
  /** The Electron double's process and controls (double only). */
  double?: DoubleApp;
  /** The world around the page (host and double; not the real shell). */
  main?: MainControls;
  /** Kills main as a crash would and starts it again on the same data; returns the page to go on with. */
  restartMain?(options?: { clockOffsetMs?: number }): Promise<Page>;
  /** Starts a second device beside this one. */
  openSecond?(): Promise<SecondApp>;
  /** Ends the app as a person would (the browser, or main and its Chromium), so everything is written out. */
  quitApp?(): Promise<void>;
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

async function secondHost(): Promise<SecondApp> {
  const host = await startHost();
  const browser = await openHostedBrowser(host);
  return {
    page: browser.page,
    main: hostControls(host),
    dataDir: host.dataDir,
    close: async () => {
      await browser.close();
      await host.close();
      await rm(host.dataDir, { recursive: true, force: true });
    },
  };
}

function attachLogOnFailure(testInfo: TestInfo, lines: () => string[]): Promise<void> | undefined {
  if (testInfo.status === testInfo.expectedStatus) return undefined;
  return testInfo.attach('main-log', { body: lines().join('\n') || '(main logged nothing)', contentType: 'text/plain' });
}

async function launchHosted(use: (app: AppUnderTest) => Promise<void>, options: HostOptions, testInfo: TestInfo): Promise<void> {
  let host = await startHost(options);
  const seconds: SecondApp[] = [];
  try {
    const browser = await openHostedBrowser(host);
    try {
      const app: AppUnderTest = {
        shell: 'host',
        page: browser.page,
        dataDir: host.dataDir,
        profileDir: browser.profileDir,
        host,
        main: hostControls(host),
        async restartMain(restart = {}) {
          await host.kill();
          const port = Number(new URL(host.origin).port);
          host = await startHost({ ...options, dataDir: host.dataDir, port, ...restart, loseBlockAcks: false });
          app.host = host;
          app.main = hostControls(host);
          await browser.page.reload();
          return browser.page;
        },
        async openSecond() {
          const second = await secondHost();
          seconds.push(second);
          return second;
        },
        quitApp: () => browser.page.context().close(),
      };
      try {
        await use(app);
      } finally {
        await attachLogOnFailure(testInfo, () => hostLog(host));
      }
    } finally {
      await browser.close();
    }
  } finally {
    for (const second of seconds) await second.close().catch(() => undefined);
    await host.close();
    await rm(host.dataDir, { recursive: true, force: true });
  }
}

/** The host's options, as the double's launch options. Saved files go beside the profile, not into it. */
function doubleOptions(options: HostOptions, dataDir: string) {
  return {
    userDataDir: dataDir,
    saveDir: `${dataDir}-saved`,
    keyring: options.secureStorage === 'available' ? ('gnome_libsecret' as const) : ('basic_text' as const),
    ...(options.clockOffsetMs ? { clockOffsetMs: options.clockOffsetMs } : {}),
  };
}

async function startDouble(options: HostOptions, dataDir: string): Promise<{ app: DoubleApp; page: Page }> {
  await mkdir(`${dataDir}-saved`, { recursive: true });
  const app = await launchDouble(doubleOptions(options, dataDir));
  try {
    if (options.loseBlockAcks) await app.control('ipc.substitute', { from: 'timer:blockStored', to: 'timer:state' });
    const page = await app.firstWindow();
    return { app, page };
  } catch (error) {
    await app.kill();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- main's log ---\n${app.logs().join('\n')}`, { cause: error });
  }
}

async function launchUnderDouble(use: (app: AppUnderTest) => Promise<void>, options: HostOptions, testInfo: TestInfo): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-double-'));
  const seconds: { close(): Promise<void> }[] = [];
  const started: DoubleApp[] = [];
  const remove = (dir: string) => Promise.all([rm(dir, { recursive: true, force: true }), rm(`${dir}-saved`, { recursive: true, force: true })]);
  try {
    let current = await startDouble(options, dataDir);
    started.push(current.app);
    const app: AppUnderTest = {
      shell: 'double',
      page: current.page,
      dataDir,
      profileDir: dataDir,
      double: current.app,
      main: doubleControls(current.app, () => app.page),
      async restartMain(restart = {}) {
        await current.app.kill();
        current = await startDouble({ ...options, ...restart, loseBlockAcks: false }, dataDir);
        started.push(current.app);
        Object.assign(app, { page: current.page, double: current.app, main: doubleControls(current.app, () => app.page) });
        return current.page;
      },
      async openSecond() {
        const secondDir = await mkdtemp(join(tmpdir(), 'caravan-double-'));
        const second = await startDouble({}, secondDir).catch(async (error: unknown) => {
          await remove(secondDir);
          throw error;
        });
        started.push(second.app);
        const handle: SecondApp = {
          page: second.page,
          main: doubleControls(second.app, () => second.page),
          dataDir: secondDir,
          close: async () => {
            await second.app.close();
            await remove(secondDir);
          },
        };
        seconds.push(handle);
        return handle;
      },
      quitApp: () => current.app.close(),
    };
    try {
      await use(app);
    } finally {
      await attachLogOnFailure(testInfo, () => current.app.logs());
    }
    // A rule main broke counts even where main caught the error (no tray, no shortcut).
    expect(
      started.flatMap((launched) => launched.violations()),
      'Electron lifecycle rules broken by main',
    ).toEqual([]);
  } finally {
    for (const second of seconds) await second.close().catch(() => undefined);
    for (const launched of started) await launched.close().catch(() => undefined);
    await remove(dataDir);
  }
}

async function launchElectron(use: (app: AppUnderTest) => Promise<void>, skip: (reason: string) => void): Promise<void> {
  const binary = findElectronBinary();
  if ('missing' in binary) return skip(binary.missing);
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-electron-'));
  // `electron .` as `npm start` runs it: the app path is the repository, where package.json names the built main.
  const electronApp = await _electron.launch({
    executablePath: binary.path,
    args: [REPO_ROOT],
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
    else if (shell === 'double') await launchUnderDouble(use, hostOptions, testInfo);
    else await launchHosted(use, hostOptions, testInfo);
  },
});

/** For specs that need what only some shells offer: skips elsewhere, saying why. */
export function needs<K extends keyof AppUnderTest>(app: AppUnderTest, key: K, why: string): asserts app is AppUnderTest & Required<Pick<AppUnderTest, K>> {
  test.skip(app[key] === undefined, why);
}

export { expect };
