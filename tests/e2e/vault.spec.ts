/**
 * The vault as a person uses it: create with a recovery kit, lock, a wrong
 * passphrase, unlock, change the passphrase (a new key generation), rotate the keys, lock,
 * recover with the kit.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { NEW_PASSPHRASE, PASSPHRASE, VaultPage } from './support/vault-page.ts';

test('journey: create, save the kit, lock, fail once, unlock, change passphrase, lock, recover with the kit', async ({ app }) => {
  const { page } = app;
  const vault = new VaultPage(page);

  const kit = await vault.create(PASSPHRASE, { saveKit: true });
  expect(kit).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
  if (app.main) {
    const saved = await readFile((await app.main.savedFiles())[0] ?? '', 'utf8');
    expect(saved).toContain(`Recovery key: ${kit}`);
  }

  await vault.lock();
  await vault.unlock('not the passphrase at all');
  await expect(page.getByRole('alert')).toHaveText(/Wrong passphrase\. 4 tries left before a 30 s wait/);
  await vault.unlock(PASSPHRASE);
  await vault.expectUnlocked();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
  await page.getByLabel('Type it again').fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  // A passphrase change makes a new key generation (docs/key-epochs.md).
  await expect(page.getByText('Passphrase changed, with a new key (generation 2). Your recovery kit still works.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('keys-card')).toContainText('Key generation 2');

  // Rotate keys now, by keyboard: a wrong passphrase changes nothing, the right one makes generation 3.
  await page.getByLabel('Passphrase', { exact: true }).fill('not it');
  await page.getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(page.getByTestId('keys-card').getByRole('alert')).toHaveText('The passphrase is not right. Nothing was changed.', { timeout: 30_000 });
  await page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Passphrase', { exact: true }).press('Enter');
  await expect(page.getByTestId('keys-card')).toContainText('New key in use on this device (generation 3)', { timeout: 30_000 });
  await expect(page.getByTestId('keys-card')).toContainText('Key generation 3');

  await vault.lock();
  await vault.unlock(PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');

  await page.getByRole('button', { name: /Forgot your passphrase/ }).click();
  await page.getByLabel('Recovery key').fill(kit.toLowerCase().replaceAll('-', ' '));
  const afterRecovery = 'violet engine parsley glacier mango';
  await page.getByLabel('New passphrase').fill(afterRecovery);
  await page.getByLabel('Type it again').fill(afterRecovery);
  await page.getByRole('button', { name: 'Unlock and set new passphrase' }).click();
  await vault.expectUnlocked();

  // The passphrase set during recovery is the one that works now.
  await vault.lock();
  await vault.unlock(afterRecovery);
  await vault.expectUnlocked();
});

test('a recovery kit with a typo is caught before anything is tried', async ({ app }) => {
  const vault = new VaultPage(app.page);
  const kit = await vault.create();
  await vault.lock();
  await app.page.getByRole('button', { name: /Forgot your passphrase/ }).click();
  const typo = (kit[0] === 'A' ? 'B' : 'A') + kit.slice(1);
  await app.page.getByLabel('Recovery key').fill(typo);
  await app.page.getByLabel('New passphrase').fill(NEW_PASSPHRASE);
  await app.page.getByLabel('Type it again').fill(NEW_PASSPHRASE);
  await app.page.getByRole('button', { name: 'Unlock and set new passphrase' }).click();
  await expect(app.page.getByRole('alert')).toContainText(/typo|mistyped|check/i);
});

test('a weak or mismatched passphrase cannot create a vault', async ({ app }) => {
  const { page } = app;
  await page.getByLabel('Passphrase', { exact: true }).fill('password123');
  await page.getByLabel('Type it again').fill('password123');
  await expect(page.getByRole('button', { name: 'Create vault' })).toBeDisabled();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type it again').fill(`${PASSPHRASE}x`);
  await expect(page.getByText('The two passphrases do not match.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create vault' })).toBeDisabled();
});

test('the vault locks at once when the computer sleeps or the screen locks', async ({ app }) => {
  needs(app, 'main', 'sends OS power events, which the host and the double can');
  const vault = new VaultPage(app.page);
  await vault.create();
  await app.main.emitPower('lock-screen');
  await expect(app.page.getByText('Locked because the screen was locked.')).toBeVisible();
  await vault.unlock();
  await vault.expectUnlocked();
  await app.main.emitPower('suspend');
  await expect(app.page.getByText('Locked because the computer went to sleep.')).toBeVisible();
});

test('auto-lock after the chosen idle time', async ({ app }) => {
  const vault = new VaultPage(app.page);
  await vault.create();
  await app.page.getByRole('link', { name: 'Settings' }).click();
  // Fake timers first, so the idle timer armed by the new setting runs on the test's clock.
  await app.page.clock.install();
  await app.page.getByLabel('Lock after').selectOption('1');
  // The select is controlled by the store, which updates once the choice is saved (IndexedDB);
  // under load that takes a moment, and the idle timer is armed only then.
  await expect(app.page.getByLabel('Lock after')).toHaveValue('1');
  await app.page.clock.fastForward(59_000);
  await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await app.page.clock.fastForward(2_000);
  await expect(app.page.getByText('Locked after 1 minute without activity.')).toBeVisible();
});

test('unlock on this device is refused with an explanation where the OS store is plain text', async ({ app }) => {
  needs(app, 'main', 'the browser host and the Electron double stand in for a Linux desktop whose keyring is basic_text');
  await new VaultPage(app.page).create();
  await app.page.getByRole('link', { name: 'Settings' }).click();
  await expect(app.page.getByTestId('device-unlock-unavailable')).toContainText('plain text');
});

test.describe('with a secure OS store', () => {
  test.use({ hostOptions: { secureStorage: 'available' } });

  test('unlock on this device: enrol, lock, unlock without the passphrase', async ({ app }) => {
    const vault = new VaultPage(app.page);
    await vault.create();
    await app.page.getByRole('link', { name: 'Settings' }).click();
    // A controlled checkbox that follows main's answer: click, then wait for the state main reports.
    await app.page.getByLabel(/Let this device unlock Caravan/).click();
    await expect(app.page.getByLabel(/Let this device unlock Caravan/)).toBeChecked();
    await vault.lock();
    await app.page.getByRole('button', { name: 'Unlock with this device' }).click();
    await vault.expectUnlocked();
  });
});

test('screenshots of the vault screens for the README', async ({ app }) => {
  test.skip(app.shell !== 'host', 'README screenshots come from the browser host');
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type it again').fill(PASSPHRASE);
  await expect(page.getByTestId('strength-label')).toContainText('strong');
  await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/vault-create.png') });
  const vault = new VaultPage(page);
  await page.reload();
  await vault.create();
  await vault.lock();
  await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/vault-unlock.png') });
});
