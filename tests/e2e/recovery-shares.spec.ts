/**
 * Recovery shares as a person uses them: split the kit 2-of-3 in Settings, lock, forget the
 * passphrase, and get in with two of the three shares, by keyboard.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { REPO_ROOT } from '../host/server.ts';
import { seriousViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { PASSPHRASE, VaultPage } from './support/vault-page.ts';

const AFTER_RECOVERY = 'violet engine parsley glacier mango';

async function shareText(sheet: Locator): Promise<string> {
  return (await sheet.locator('code').allTextContents()).join('-');
}

/** Settings → Security → Split recovery into shares, 2 of 3 (the defaults); returns the three shares. */
async function splitTwoOfThree(page: Page, kit: string): Promise<string[]> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Split recovery into shares…' }).click();
  const form = page.getByRole('form', { name: 'Split recovery into shares' });
  await form.getByLabel('Recovery key').fill(kit.toLowerCase());
  await expect(form.getByLabel('Shares to make')).toHaveValue('3');
  await expect(form.getByLabel('Shares needed to recover')).toHaveValue('2');
  await form.getByRole('button', { name: 'Make shares' }).click();
  await expect(page.getByText('3 shares made; any 2 of them open your vault.', { exact: false })).toBeVisible();
  const sheets = [1, 2, 3].map((n) => page.getByTestId(`recovery-share-${n}`));
  for (const [index, holder] of ['Ana (my sister)', 'Ben, my accountant', 'Bank safe deposit box'].entries()) {
    await sheets[index]!.getByLabel('Who is it for?').fill(holder);
  }
  return await Promise.all(sheets.map(shareText));
}

test('journey: split the kit 2-of-3, lock, forget the passphrase, get in with two shares', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);
  const kit = await vault.create();

  // A kit typed wrong is refused before any share is made.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Split recovery into shares…' }).click();
  const form = page.getByRole('form', { name: 'Split recovery into shares' });
  await form.getByLabel('Recovery key').fill((kit[0] === 'A' ? 'B' : 'A') + kit.slice(1));
  await form.getByRole('button', { name: 'Make shares' }).click();
  await expect(form.getByRole('alert')).toContainText('typo');
  await page.getByRole('link', { name: 'Today' }).click();

  const shares = await splitTwoOfThree(page, kit);
  expect(new Set(shares).size).toBe(3);
  for (const share of shares) expect(share).toMatch(/^([0-9A-Z]{4}-){17}[0-9A-Z]{4}$/);
  expect(await seriousViolations(page, '.share-sheets')).toEqual([]);

  // Each share is saved (or printed) on its own, with whom it is for.
  const second = page.getByTestId('recovery-share-2');
  await second.getByRole('button', { name: 'Save share 2 as a file…' }).click();
  await expect(second.getByRole('status')).toHaveText(/^Saved to /);
  if (app.main) {
    const saved = await readFile((await app.main.savedFiles())[0] ?? '', 'utf8');
    expect(saved).toContain(`Share 2 of 3: ${shares[1]}`);
    expect(saved).toContain('Kept by: Ben, my accountant');
    expect(saved).not.toContain(shares[0]);
  }
  const third = page.getByTestId('recovery-share-3');
  await third.getByRole('button', { name: 'Print share 3…' }).click();
  await expect(third.getByRole('status')).toHaveText(/Sent to the printer|Printing was cancelled/);
  if (app.host) expect(app.host.printRequests()).toBe(1);
  if (app.shell === 'host') {
    await page.getByTestId('recovery-share-1').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/recovery-shares.png') });
  }
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('recovery-share-1')).toHaveCount(0);

  // The passphrase is forgotten: the kit screen, then shares, by keyboard alone.
  await vault.lock();
  await page.getByRole('button', { name: /Forgot your passphrase/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Use shares instead' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Recover with shares' })).toBeVisible();
  await expect(page.getByLabel('First share')).toBeFocused();
  const progress = page.getByTestId('share-progress');
  await expect(progress).toHaveText('No share read yet.');

  // One share alone: progress says so, and nothing can be tried.
  await page.keyboard.type(shares[2]!.toLowerCase().replaceAll('-', ' '));
  await expect(progress).toHaveText('1 of 2 shares: 1 more is needed.');
  await expect(page.getByText('Share 3 of 3 (any 2 open the vault) ✓')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Second share')).toBeFocused();
  // The same share again is refused on its field, in words.
  await page.keyboard.type(shares[2]!);
  await expect(page.getByText('This is the same share as the first one (share 3 of 3). Type a different share.')).toBeVisible();
  await expect(page.getByLabel('Second share')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Control+a');
  await page.keyboard.type(shares[0]!);
  await expect(progress).toHaveText('2 of 2 shares: enough to recover.');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('New passphrase')).toBeFocused();
  await page.keyboard.type(AFTER_RECOVERY);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Type it again')).toBeFocused();
  await page.keyboard.type(AFTER_RECOVERY);
  await expect(page.getByRole('button', { name: 'Unlock and set new passphrase' })).toBeEnabled({ timeout: 15_000 });
  expect(await seriousViolations(page)).toEqual([]);
  if (app.shell === 'host') await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/recovery-shares-unlock.png') });
  await page.keyboard.press('Enter');
  await vault.expectUnlocked();

  // The passphrase set with the shares is the one that works now; the old one does not.
  await vault.lock();
  await vault.unlock(PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await vault.unlock(AFTER_RECOVERY);
  await vault.expectUnlocked();
});

test('shares made beside the kit at creation open the vault; one share, or a share of another split, cannot', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);
  let atCreation: string[] = [];
  const kit = await vault.create(PASSPHRASE, {
    atKit: async () => {
      await page.getByRole('button', { name: 'Also split it into shares…' }).click();
      await page.getByLabel('Shares to make').selectOption('2');
      await expect(page.getByRole('textbox', { name: 'Recovery key' })).toHaveCount(0); // Caravan holds the new kit: nothing to type
      await page.getByRole('button', { name: 'Make shares' }).click();
      atCreation = await Promise.all([1, 2].map((n) => shareText(page.getByTestId(`recovery-share-${n}`))));
      // While a share prints (the sheets mark the body), the kit beside it is not on the page.
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('recovery-kit')).toBeVisible();
      await page.evaluate(() => (document.body.dataset.printing = 'recovery-share'));
      await expect(page.getByTestId('recovery-kit')).toBeHidden();
      await page.evaluate(() => delete document.body.dataset.printing);
      await page.emulateMedia({ media: 'screen' });
    },
  });
  expect(atCreation).toHaveLength(2);
  const later = await splitTwoOfThree(page, kit);
  await page.getByRole('button', { name: 'Done' }).click();

  await vault.lock();
  await page.getByRole('button', { name: /Forgot your passphrase/ }).click();
  await page.getByRole('button', { name: 'Use shares instead' }).click();
  await page.getByLabel('First share').fill(atCreation[0]!);
  await page.getByLabel('Second share').fill(later[1]!);
  await expect(page.getByText(/This share is from a different split than the first one/)).toBeVisible();
  await page.getByLabel('New passphrase').fill(AFTER_RECOVERY);
  await page.getByLabel('Type it again').fill(AFTER_RECOVERY);
  await expect(page.getByTestId('share-progress')).toHaveText('1 of 2 shares: 1 more is needed.');
  await expect(page.getByRole('button', { name: 'Unlock and set new passphrase' })).toBeDisabled();

  await page.getByLabel('Second share').fill(atCreation[1]!);
  await expect(page.getByTestId('share-progress')).toHaveText('2 of 2 shares: enough to recover.');
  await page.getByRole('button', { name: 'Unlock and set new passphrase' }).click();
  await vault.expectUnlocked();
});
