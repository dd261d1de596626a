/**
 * The sync guards as a person meets them, with two devices on one folder target: a field edited on
 * both while the first was paused shows up under Conflicts (with a count), and "Use this value
 * instead" puts the other value back; deletions on the second device over the limit set in
 * Settings → Sync wait on the first, listed, until "Keep them" brings them back on both.
 * Screenshots of both views at 1024 and 1440, light and dark (in the test's output folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { PASSPHRASE, VaultPage } from './support/vault-page.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { SyncPage } from './support/sync-page.ts';
import { testVault } from './support/test-vault.ts';
import { WorkspacePage } from './support/workspace-page.ts';

let folder: string;
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-e2e-guards-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: width === 1024 ? 700 : 900 });
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${scheme}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function editNote(ws: WorkspacePage, from: string, to: string): Promise<void> {
  const editor = await ws.editRow(from);
  await editor.getByLabel('Note').fill(to);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
}

test('a concurrent edit is listed under Conflicts; deletions over the limit wait for the person', async ({ app }, testInfo) => {
  needs(app, 'openSecond', 'starts a second device beside the first');
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  test.setTimeout(240_000);
  const { page, main } = app;
  const { shell, ws } = await testVault(page, {
    clients: [{ name: 'Helios Robotics', country: 'Austria', currency: 'EUR', rate: '130', residency: 'EU' }],
    projects: [{ client: 'Helios Robotics', name: 'Grasp detection' }],
  });
  await shell.open('Time');
  for (const [i, note] of ['alpha review', 'beta labelling', 'gamma training'].entries()) {
    await ws.typeBlock('Helios Robotics · Grasp detection', `2026-11-2${i + 3} 9-11 ${note}`);
  }
  // Settings → Sync: ask before more than 1 record goes (the defaults need hundreds of blocks).
  await shell.open('Settings');
  const limits = page.getByRole('form', { name: 'Sync' });
  await limits.getByLabel('… or more than this many records').fill('1');
  await limits.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByText('Deletion limits saved.').first()).toBeVisible();

  const sync = new SyncPage(page);
  await sync.open();
  await sync.addTarget('Shared folder', (dialog) => sync.fillFolder(dialog, main, folder, 'Austria'));
  await sync.upToDate();

  const b = await app.openSecond();
  try {
    await b.page.getByRole('button', { name: 'Set up this device from your sync target' }).click();
    await b.page.getByLabel('Name', { exact: true }).fill('Shared folder');
    await b.page.getByLabel('Kind').selectOption('folder');
    const syncB = new SyncPage(b.page);
    await syncB.chooseFolder(b.page.locator('form.entity-form'), b.main, folder);
    await b.page.getByLabel('Country where it stores data').selectOption({ label: 'Austria' });
    await b.page.getByRole('button', { name: 'Find my vault' }).click();
    await new VaultPage(b.page).unlock(PASSPHRASE);
    const shellB = new AppShell(b.page);
    await expect(syncB.status).toContainText('Up to date', { timeout: 30_000 });
    const wsB = new WorkspacePage(b.page);
    await shellB.open('Time');
    await expect(b.page.getByText('gamma training')).toBeVisible({ timeout: 15_000 });

    // A is paused; both edit the same note; B's edit is the later one and syncs first.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(sync.phase).toContainText('Sync paused');
    await shell.open('Time');
    await editNote(ws, 'alpha review', 'alpha review, from the first device');
    await editNote(wsB, 'alpha review', 'alpha review, from the second device');
    await syncB.open();
    await syncB.syncNow();

    await sync.open();
    await page.getByRole('button', { name: 'Resume' }).click();
    await sync.upToDate();
    const conflictsButton = page.getByRole('button', { name: /^Conflicts/ });
    await expect(conflictsButton).toHaveAccessibleName('Conflicts 1 open', { timeout: 20_000 });
    await conflictsButton.click();
    const dialog = page.getByRole('dialog', { name: 'Conflicts' });
    const group = dialog.getByRole('region', { name: /^Time block: Grasp detection/ });
    await expect(group).toContainText('Note');
    await expect(group).toContainText('In use: alpha review, from the second device');
    await expect(group).toContainText('Not used: alpha review, from the first device (This device,');
    expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
    await shots(page, testInfo, 'sync-conflicts');
    // Keyboard: Tab reaches the answer; Enter uses the first device's value.
    await group.getByRole('button', { name: /^Use this value instead/ }).focus();
    await page.keyboard.press('Enter');
    await expect(dialog.getByText('No conflicts')).toBeVisible();
    await shots(page, testInfo, 'sync-conflicts-empty');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(conflictsButton).toHaveAccessibleName('Conflicts');
    await sync.syncNow();
    await syncB.syncNow();
    await shellB.open('Time');
    await expect(b.page.getByText('alpha review, from the first device')).toBeVisible({ timeout: 15_000 });

    // B deletes two blocks; A holds them back and lists them.
    for (const note of ['beta labelling', 'gamma training']) {
      const editor = await wsB.editRow(note);
      await editor.getByRole('button', { name: 'Delete' }).click();
      await expect(wsB.row(note)).toHaveCount(0);
    }
    await syncB.open();
    await syncB.syncNow();
    await sync.syncNow();
    const review = page.getByRole('region', { name: 'Deletions waiting for you' });
    await expect(review.getByRole('heading', { level: 3 })).toHaveText(/would delete 2 of 3 time blocks of Helios Robotics$/, { timeout: 20_000 });
    const listed = review.getByRole('region', { name: /^Records .* would delete$/ });
    await expect(listed.getByRole('row')).toHaveCount(3);
    await expect(listed).toContainText('Grasp detection');
    await expect(listed).toContainText('2 h');
    expect(await seriousViolations(page)).toEqual([]);
    await review.scrollIntoViewIfNeeded();
    await shots(page, testInfo, 'sync-deletions-review');
    await shell.open('Time');
    await expect(page.getByText('gamma training')).toBeVisible();

    await sync.open();
    await review.getByRole('button', { name: 'Keep them' }).click();
    await expect(review).toBeHidden();
    await sync.syncNow();
    await sync.syncNow();
    await syncB.syncNow();
    await shellB.open('Time');
    await expect(b.page.getByText('gamma training')).toBeVisible({ timeout: 15_000 });
    await shell.open('Time');
    await expect(page.getByText('beta labelling')).toBeVisible();
  } finally {
    await b.close();
  }
});
