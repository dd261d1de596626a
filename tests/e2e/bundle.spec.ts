/**
 * Project bundles between two people's vaults, as they would do it: exchange public keys as
 * contacts, export a project sealed to the other vault, have it refused while travel mode puts
 * the receiver outside the client's zone, import it there after checking the signer, see the
 * preview, import again (nothing changes), refuse a tampered copy, open a
 * passphrase hand-off, and have a device-only client's export refused with the reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { ACME, testVault } from './support/test-vault.ts';
import type { MainControls } from './support/main-controls.ts';

async function ownIdentity(page: Page): Promise<{ key: string; fingerprint: string }> {
  await new AppShell(page).open('Settings');
  const key = await page.getByTestId('own-public-key').inputValue();
  const fingerprint = (await page.getByTestId('own-fingerprint').textContent()) ?? '';
  return { key, fingerprint };
}

async function addContact(page: Page, name: string, key: string): Promise<void> {
  await new AppShell(page).open('Settings');
  const form = page.getByRole('form', { name: 'Add a contact' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Their public key').fill(key);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(page.getByRole('list', { name: 'Contacts' })).toContainText(name);
}

async function startImport(page: Page, main: MainControls, path: string) {
  await new AppShell(page).open('Projects');
  await page.getByRole('button', { name: 'Import bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a project bundle' });
  await main.answerOpen(path);
  await dialog.getByRole('button', { name: 'Choose a bundle…' }).click();
  return dialog;
}

test('a project travels to another vault as a signed bundle sealed to it, and back in only once', async ({ app }) => {
  needs(app, 'openSecond', 'starts a second vault beside the first and reads the saved bundle');
  // Two vaults, each unlocked at full Argon2id cost, four exports and five imports: past a minute on a busy 2-core machine.
  test.setTimeout(150_000);
  const { page } = app;
  const main = app.main!;
  const { shell, ws } = await testVault(page, {
    clients: [ACME, { name: 'Hermit Labs', country: 'Germany', currency: 'EUR', rate: '100', residency: 'This device only' }],
    projects: [
      { client: ACME.name, name: 'Churn model' },
      { client: 'Hermit Labs', name: 'Private ledger' },
    ],
  });
  await shell.open('Time');
  await ws.typeBlock('Acme Analytics · Churn model', '2026-11-24 9-12 feature audit');
  await ws.typeBlock('Acme Analytics · Churn model', '2026-11-25 14-16 baseline model');

  const b = await app.openSecond();
  await new AppShell(b.page).ready();
  try {
    const bIdentity = await ownIdentity(b.page);
    expect(bIdentity.fingerprint).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const aIdentity = await ownIdentity(page);
    await addContact(page, 'Bea (subcontractor)', bIdentity.key);
    await addContact(b.page, 'Alex', aIdentity.key);

    // A device-only client never leaves: refused before anything is encrypted.
    await shell.open('Projects');
    await page.getByRole('button', { name: 'Export Private ledger as a bundle' }).click();
    const refused = page.getByRole('dialog', { name: 'Export Private ledger as a bundle' });
    await expect(refused.getByTestId('bundle-refused')).toHaveText(
      'Bundle export blocked: client Hermit Labs is device-only, so its data never leaves this device.',
    );
    await refused.getByRole('button', { name: 'Close' }).click();

    // Sealed to Bea's vault.
    await page.getByRole('button', { name: 'Export Churn model as a bundle' }).click();
    const exportDialog = page.getByRole('dialog', { name: 'Export Churn model as a bundle' });
    await exportDialog.getByRole('radio', { name: 'Only the contacts I choose' }).check();
    await exportDialog.getByRole('checkbox', { name: /Bea \(subcontractor\)/ }).check();
    await exportDialog.getByRole('checkbox', { name: /This vault too/ }).uncheck();
    await exportDialog.getByRole('button', { name: 'Export bundle' }).click();
    await expect(
      exportDialog.getByText(/^Saved to .*\/caravan-project-\d{4}-\d{2}-\d{2}\.caravan \(\d[\d.,]* (bytes|kB|MB)\)\. Recorded in the audit log\.$/),
    ).toBeVisible();
    const sealed = (await main.savedFiles()).at(-1)!;
    const bytes = readFileSync(sealed);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('CRVB');
    for (const secret of ['Acme', 'Churn', 'feature audit']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    await exportDialog.getByRole('button', { name: 'Close' }).click();

    // Travelling in the US, Bea cannot take in an EEA client's data: refused with the reason.
    await new AppShell(b.page).open('Sync');
    const travel = b.page.getByRole('region', { name: 'Travel mode' });
    await travel.getByLabel('I am in').selectOption({ label: 'United States' });
    await travel.getByTestId('trip-plan').getByRole('button', { name: 'Start trip' }).click();
    await b.page.getByRole('dialog', { name: 'Start the trip?' }).getByRole('button', { name: 'Start trip' }).click();
    await expect(travel.getByTestId('travel-status')).toContainText('Travelling in United States');
    let dialog = await startImport(b.page, b.main, sealed);
    await dialog.getByRole('button', { name: "Open with this vault's key" }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Bundle import blocked: client Acme Analytics requires the EEA; you are in United States (US), as travel mode says, outside the EEA.',
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await new AppShell(b.page).open('Sync');
    await travel.getByRole('button', { name: 'End trip' }).click();
    await expect(b.page.getByText('Trip ended')).toBeVisible();

    // Back home, Bea imports it: signer known, preview, merge.
    dialog = await startImport(b.page, b.main, sealed);
    await expect(dialog.getByTestId('bundle-signer')).toContainText('Alex');
    await expect(dialog.getByTestId('bundle-signer')).toContainText(aIdentity.fingerprint);
    await dialog.getByRole('button', { name: "Open with this vault's key" }).click();
    await expect(dialog.getByTestId('bundle-preview-title')).toHaveText('Churn model for Acme Analytics: a client new to this vault.');
    await expect(dialog.getByRole('row', { name: /Time blocks/ })).toHaveText(/Time blocks\s*2\s*0\s*0/);
    const toasts = b.page.getByRole('button', { name: 'Dismiss' });
    while ((await toasts.count()) > 0) await toasts.first().click();
    if (app.shell === 'host') await b.page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/bundle-import.png') });
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByText(/^Imported Churn model for Acme Analytics: \d+ records written\. Recorded in the audit log\.$/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(b.page.getByRole('button', { name: 'Churn model', exact: true })).toBeVisible();
    await new AppShell(b.page).open('Time');
    await expect(b.page.getByText('baseline model')).toBeVisible();

    // The same file again changes nothing.
    dialog = await startImport(b.page, b.main, sealed);
    await dialog.getByRole('button', { name: "Open with this vault's key" }).click();
    await expect(dialog.getByText('importing changes nothing')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A copy changed after signing is refused at once, before any key is asked for.
    const tampered = `${sealed}.tampered.caravan`;
    const copy = Buffer.from(bytes);
    copy[copy.length - 100]! ^= 0x01;
    writeFileSync(tampered, copy);
    dialog = await startImport(b.page, b.main, tampered);
    await expect(dialog.getByRole('alert')).toBeVisible();
    await expect(dialog.getByRole('button', { name: "Open with this vault's key" })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // A hand-off with a passphrase: wrong passphrase refused, right one shows the document.
    await shell.open('Projects');
    await page.getByRole('button', { name: 'Export Churn model as a bundle' }).click();
    const handoff = page.getByRole('dialog', { name: 'Export Churn model as a bundle' });
    await handoff.getByRole('radio', { name: /A hand-off for the client/ }).check();
    await handoff.getByLabel('Passphrase', { exact: true }).fill('orchard lantern 42');
    await handoff.getByLabel('Passphrase again').fill('orchard lantern 42');
    await handoff.getByRole('button', { name: 'Export bundle' }).click();
    await expect(handoff.getByText(/\/caravan-handoff-\d{4}-\d{2}-\d{2}\.caravan/)).toBeVisible({ timeout: 20_000 });
    const handoffPath = (await main.savedFiles()).at(-1)!;
    await handoff.getByRole('button', { name: 'Close' }).click();

    dialog = await startImport(b.page, b.main, handoffPath);
    await dialog.getByLabel('Passphrase of the bundle').fill('wrong passphrase');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 20_000 });
    await dialog.getByLabel('Passphrase of the bundle').fill('orchard lantern 42');
    await dialog.getByRole('button', { name: 'Open' }).click();
    await expect(dialog.getByTestId('handoff-document')).toContainText('# Hand-off: Churn model', { timeout: 20_000 });
    await expect(dialog.getByTestId('handoff-document')).toContainText('5 h in 2 time blocks');
  } finally {
    await b.close();
  }
});
