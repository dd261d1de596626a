/**
 * What only the desktop shell does, shown with the built main and preload under the Electron double:
 * the tray runs the timer while the window is hidden, closing the window keeps the app in the tray,
 * Quit from the tray keeps the running block, a second launch focuses the first, sleep and screen lock
 * reach the timer, the global shortcut, and a packaged build's DevTools, menu and profile folder.
 * (The Linux `basic_text` keyring is in vault.spec.ts, which runs here too.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchDouble, type DoubleApp } from '../electron-double/launch.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { VaultPage } from './support/vault-page.ts';
import { WorkspacePage } from './support/workspace-page.ts';

const MIN = 60_000;
const STATUS = 'Deep work on Nordlicht · Churn POC';

async function clientAndProject(ws: WorkspacePage) {
  await ws.createClient({ name: 'Nordlicht', country: 'Germany', currency: 'EUR', rate: '95', residency: 'EEA' });
  await ws.createProject({ client: 'Nordlicht', name: 'Churn POC' });
}

async function firstWindow(double: DoubleApp) {
  const [window] = await double.windows();
  if (!window) throw new Error('the app has no window');
  return window;
}

test.describe('the desktop shell', () => {
  test.use({ hostOptions: { clockOffsetMs: -60 * MIN } });

  test('closing the window keeps Caravan in the tray; the tray starts and stops the timer while it is hidden, and reopens it', async ({ app }) => {
    needs(app, 'double', 'closes the real window and clicks the real tray, which only the Electron double runs');
    const { page, main, double } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');

    const window = await firstWindow(double);
    await double.control('window.close', { id: window.id });
    await expect.poll(async () => (await firstWindow(double)).visible).toBe(false);
    expect(double.process.exitCode).toBeNull();

    await expect.poll(async () => JSON.stringify((await main!.tray()).items)).toContain('Nordlicht · Churn POC');
    const start = (await main!.tray()).items.find((item) => item.id.startsWith('start:'));
    await main!.clickTray(start!.id);
    await expect.poll(async () => (await main!.tray()).icon).toBe('running');
    await main!.advanceClock(25 * MIN);
    await main!.clickTray('stop');
    await expect.poll(async () => (await main!.tray()).icon).toBe('idle');

    await main!.clickTray('open');
    await expect.poll(async () => (await firstWindow(double)).visible).toBe(true);
    // The page stayed alive behind the hidden window: the block reached the vault meanwhile.
    // Read on Time, not Today: main's clock runs an hour behind here, so between midnight and 01:00
    // the block started yesterday, and Today lists a block on the day it started.
    await shell.open('Time');
    await expect(new WorkspacePage(page).tableRows()).toHaveCount(1);
    await expect(new WorkspacePage(page).tableRows().first()).toContainText('0:25');
  });

  test('Quit from the tray keeps the running block: it is in the vault after the next start', async ({ app }) => {
    needs(app, 'restartMain', 'quits and restarts the app, which only the Electron double does as a process');
    needs(app, 'double', 'clicks the real tray');
    let { page } = app;
    await new AppShell(page).ready();
    await clientAndProject(new WorkspacePage(page));
    await new AppShell(page).open('Today');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('timer-status')).toHaveText(STATUS);
    await app.main!.advanceClock(40 * MIN);

    const quitting = app.double.exited;
    await app.main!.clickTray('quit');
    expect(await quitting).toBe(0);

    page = await app.restartMain({ clockOffsetMs: -20 * MIN });
    const vault = new VaultPage(page);
    await vault.unlock();
    await vault.expectUnlocked();
    await new AppShell(page).open('Today');
    await expect(page.getByTestId('timer-status')).toBeHidden();
    // On Time, not Today: with main's clock behind, near midnight the block started yesterday.
    await new AppShell(page).open('Time');
    await expect(new WorkspacePage(page).tableRows()).toHaveCount(1);
    await expect(new WorkspacePage(page).tableRows().first()).toContainText('0:40');
  });

  test('a second launch hands over to the first, which shows its window and quits itself', async ({ app }) => {
    needs(app, 'double', 'starts a second process of the built main');
    const { double } = app;
    await new AppShell(app.page).ready();
    const window = await firstWindow(double);
    await double.control('window.close', { id: window.id });
    await expect.poll(async () => (await firstWindow(double)).visible).toBe(false);

    const second = await launchDouble({ userDataDir: app.dataDir });
    try {
      expect(await second.exited).toBe(0);
      // It quit before ready: no Chromium of its own, no window.
      await expect(second.ready).rejects.toThrow(/exited .* before it was ready/);
      await expect.poll(async () => (await firstWindow(double)).visible).toBe(true);
      expect((await firstWindow(double)).focused).toBe(true);
    } finally {
      await second.kill();
    }
  });

  test('sleep locks the vault and counts as away; a short screen lock is kept silently', async ({ app }) => {
    needs(app, 'double', 'fires powerMonitor events');
    const { page, main } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('timer-status')).toHaveText(STATUS);

    // A two-minute screen lock (under the 5-minute away threshold) is kept without a question.
    await main!.emitPower('lock-screen');
    await expect(page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
    await main!.advanceClock(2 * MIN);
    await main!.emitPower('unlock-screen');
    const vault = new VaultPage(page);
    await vault.unlock();
    await vault.expectUnlocked();
    await shell.open('Today');
    expect((await main!.timerView()).away).toBeFalsy();

    // Thirty minutes asleep: main asks what that time was, in the window and in the tray.
    await main!.emitPower('suspend');
    await expect(page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
    await main!.advanceClock(30 * MIN);
    await main!.emitPower('resume');
    await expect.poll(async () => (await main!.timerView()).away?.cause).toBe('suspend');
    await expect.poll(async () => (await main!.tray()).items.map((item) => item.label)).toContain('Count it as a break');
    await vault.unlock();
    await vault.expectUnlocked();
    await shell.open('Today');
    await expect(page.getByRole('alertdialog')).toContainText('What was that time?');
  });

  test('the global shortcut starts and stops deep work on the last project', async ({ app }) => {
    needs(app, 'double', 'presses a global shortcut');
    const { page, double } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');
    await expect.poll(() => double.control<string[]>('shortcut.registered')).toEqual(['CommandOrControl+Alt+T']);
    await expect.poll(async () => JSON.stringify((await app.main!.tray()).items)).toContain('Nordlicht · Churn POC');

    await double.control('shortcut.press', { accelerator: 'CommandOrControl+Alt+T' });
    await expect(page.getByTestId('timer-status')).toHaveText(STATUS);
    await double.control('shortcut.press', { accelerator: 'CommandOrControl+Alt+T' });
    await expect(page.getByTestId('timer-status')).toBeHidden();
  });
});

test.describe('a packaged build', () => {
  test('has no DevTools, an application menu without developer items, and ignores CARAVAN_USER_DATA_DIR', async ({ app }) => {
    needs(app, 'double', 'starts the built main as a packaged app would run');
    const home = await mkdtemp(join(tmpdir(), 'caravan-home-'));
    const packaged = await launchDouble({ packaged: true, userDataDir: app.dataDir, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
    try {
      const page = await packaged.firstWindow();
      const state = await packaged.control<{ userData: string }>('app.state');
      expect(state.userData).toBe(join(home, '.config', 'Caravan'));
      const [window] = await packaged.windows();
      expect(window?.devTools).toBe(false);
      const menu = JSON.stringify(await packaged.control('appMenu.state'));
      expect(menu).not.toMatch(/toggleDevTools|Developer|reload/i);
      expect(menu).toMatch(/copy/);
      await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    } finally {
      await packaged.close();
      await rm(home, { recursive: true, force: true });
    }
  });
});

test('main answers only the app window’s own frame: a subframe or a foreign page is refused', async ({ app }) => {
  needs(app, 'double', 'calls the built main’s IPC handlers with a sender frame the page cannot forge');
  const { double } = app;
  await new AppShell(app.page).ready();
  const asSubframe = await double.control<{ ok: boolean; value?: unknown }>('ipc.invokeFromFrame', {
    channel: 'app:info',
    args: [],
    url: 'app://caravan/index.html',
    mainFrame: false,
  });
  expect(asSubframe).toMatchObject({ ok: true, value: { ok: false, error: { code: 'forbidden-sender' } } });
  const asForeignPage = await double.control('ipc.invokeFromFrame', { channel: 'app:info', args: [], url: 'https://evil.example/', mainFrame: true });
  expect(asForeignPage).toMatchObject({ ok: true, value: { ok: false, error: { code: 'forbidden-sender' } } });
  const asApp = await double.control('ipc.invokeFromFrame', { channel: 'app:info', args: [], url: 'app://caravan/index.html', mainFrame: true });
  expect(asApp).toMatchObject({ ok: true, value: { ok: true } });
});

test('main refuses navigations the page starts, to the web and to a blob: page it made itself', async ({ app }) => {
  needs(app, 'double', 'reads the verdicts of main’s will-navigate handler');
  const { page, double } = app;
  await new AppShell(page).ready();
  await page.evaluate(() => {
    location.href = 'https://evil.example/phish';
  });
  await expect
    .poll(async () => (await firstWindow(double)).navigations)
    .toContainEqual({ url: 'https://evil.example/phish', kind: 'navigate', allowed: false });
  await page.evaluate(() => {
    location.href = URL.createObjectURL(new Blob(['<h1>not the app</h1>'], { type: 'text/html' }));
  });
  await expect.poll(async () => (await firstWindow(double)).navigations.filter((n) => n.url.startsWith('blob:')).map((n) => n.allowed)).toEqual([false]);
});

test('main’s window-open handler opens no window: an allowlisted https link goes to the system browser, anything else nowhere', async ({ app }) => {
  needs(app, 'double', 'asks the built main’s window-open handler directly (the page’s CSP sandbox stops window.open before it)');
  const { double } = app;
  await new AppShell(app.page).ready();
  const window = await firstWindow(double);
  for (const url of ['https://docs.caravan.app/guide', 'https://evil.example/', 'http://docs.caravan.app/', 'app://caravan/index.html', 'file:///etc/passwd']) {
    expect(await double.control('window.askOpen', { id: window.id, url })).toEqual({ allowed: false });
  }
  expect(await double.control('shell.opened')).toEqual(['https://docs.caravan.app/guide']);
});
