/** The shell as a person meets it: navigation by mouse and keyboard, honest placeholders, app info, themes, network state. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { VaultPage } from './support/vault-page.ts';
import { SCREENS as NAV_SCREENS } from '../../src-renderer/nav/screens.ts';

// Every screen the navigation lists, from the list the app itself renders.
const SCREENS = NAV_SCREENS.map((screen) => screen.label);
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('every main screen is reachable from the navigation', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  await expect(shell.heading).toHaveText('Today');
  for (const label of SCREENS) {
    await shell.open(label);
    await expect(shell.nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
});

test('the keyboard reaches every screen: Ctrl+1..9, and Tab through the navigation', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  for (const [index, label] of SCREENS.entries()) {
    await app.page.keyboard.press(`Control+${index + 1}`);
    await expect(shell.heading).toHaveText(label);
  }
  // Focus lands on the new screen's heading; Shift+Tab walks back into the navigation.
  await app.page.keyboard.press('Control+1');
  await expect(shell.heading).toBeFocused();
  await app.page.keyboard.press('Shift+Tab');
  await expect(shell.nav.getByRole('button', { name: 'Lock' })).toBeFocused();
  await app.page.keyboard.press('Shift+Tab');
  await expect(shell.nav.getByRole('link', { name: 'Settings' })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Settings');
});

test('a reload locks the vault and, once unlocked, returns to the same screen', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  await shell.open('Reports');
  await app.page.reload();
  const vault = new VaultPage(app.page);
  await vault.unlock();
  await vault.expectUnlocked();
  await expect(shell.heading).toHaveText('Reports');
});

test('Settings shows what main reports: version, platform and the data folder', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  await shell.open('Settings');
  const info = app.page.getByTestId('app-info');
  await expect(info).toContainText(version);
  await expect(info).toContainText(app.dataDir);
  await expect(app.page.getByText(`Caravan ${version}`)).toBeVisible();
});

test('the theme follows the OS, and a choice in Settings overrides it', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  const background = () => app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await app.page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  await app.page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  expect(dark).not.toBe(light);

  await shell.open('Settings');
  await app.page.getByLabel('Dark').check();
  expect(await background()).toBe(dark);
  await app.page.reload();
  // The choice holds on the lock screen too, before any key is in memory.
  await expect(app.page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
  expect(await background()).toBe(dark);
  const vault = new VaultPage(app.page);
  await vault.unlock();
  await vault.expectUnlocked();
  await app.page.getByLabel('Follow the system').check();
  expect(await background()).toBe(light);
});

test('online and offline are pushed from main as they change', async ({ app }) => {
  needs(app, 'main', 'switches the network main sees, which the host and the double can');
  const shell = new AppShell(app.page);
  await shell.ready();
  await expect(shell.netStatus).toHaveText(/Online/);
  await app.main.setOnline(false);
  await expect(shell.netStatus).toHaveText(/Offline/);
  await app.main.setOnline(true);
  await expect(shell.netStatus).toHaveText(/Online/);
});

test('screenshots of the shell for the README', async ({ app }) => {
  test.skip(app.shell !== 'host', 'README screenshots come from the browser host');
  const shell = new AppShell(app.page);
  await shell.ready();
  for (const scheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme: scheme });
    await shell.open('Settings');
    await app.page.screenshot({ path: join(REPO_ROOT, `docs/screenshots/shell-settings-${scheme}.png`) });
  }
  await app.page.emulateMedia({ colorScheme: 'light' });
  await shell.open('Today');
  await app.page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/shell-today.png') });
});
