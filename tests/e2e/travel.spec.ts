/**
 * Travel mode as a user meets it: a trip to a country outside a client's
 * policy takes that client off the device (after checking it has a complete
 * copy on a target its policy allows), a device-only client blocks the trip
 * until it is marked safe for travel, and ending the trip brings the client
 * back by sync, with every step in the audit log.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, needs, test } from './support/fixtures.ts';
import { SyncPage } from './support/sync-page.ts';
import { ACME, testVault } from './support/test-vault.ts';

let folder: string;
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-e2e-travel-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('a trip to the US takes the EEA client off this device; ending it brings the client back from the sync target', async ({ app }) => {
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  const { page, main } = app;
  const { shell } = await testVault(page, {
    clients: [ACME, { name: 'Hermit Labs', country: 'France', currency: 'EUR', rate: '90', residency: 'This device only' }],
    projects: [{ client: ACME.name, name: 'Churn model' }],
  });
  const sync = new SyncPage(page);

  await sync.open();
  const travel = page.getByRole('region', { name: 'Travel mode' });
  await travel.getByLabel('I am in').selectOption({ label: 'United States' });
  const plan = travel.getByTestId('trip-plan');
  await expect(plan).toContainText('Leaving this device for the trip: Acme Analytics, Hermit Labs');
  // No target yet: Acme could not come back; Hermit is device-only.
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toContainText('Acme Analytics has no sync target its policy allows');
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toContainText('Hermit Labs is device-only');
  await expect(plan.getByRole('button', { name: 'Start trip' })).toBeDisabled();

  // A compliant copy: a folder declared in Germany, synced.
  // The folder comes from main's own picker.
  await sync.addTarget('Home NAS', (dialog) => sync.fillFolder(dialog, main, folder, 'Germany'));
  await sync.upToDate();

  // Hermit stays on the device when marked safe for travel.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Hermit Labs' }).click();
  const form = page.getByRole('dialog', { name: 'Edit client' });
  await form.getByLabel('Safe for travel').check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();

  await sync.open();
  await sync.syncNow();
  await travel.getByLabel('I am in').selectOption({ label: 'United States' });
  await expect(plan).toContainText('Leaving this device for the trip: Acme Analytics.');
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toHaveCount(0);
  await plan.getByRole('button', { name: 'Start trip' }).click();
  await page.getByRole('dialog', { name: 'Start the trip?' }).getByRole('button', { name: 'Start trip' }).click();
  await expect(travel.getByTestId('travel-status')).toContainText('Travelling in United States');
  await expect(travel.getByTestId('travel-status')).toContainText('1 client is off this device');

  // Gone from the device, and sync does not bring it back during the trip.
  await shell.open('Clients');
  await expect(page.getByRole('rowheader', { name: /Hermit Labs/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Acme Analytics/ })).toHaveCount(0);
  await sync.open();
  await sync.syncNow();
  await shell.open('Projects');
  await expect(page.getByText('Churn model')).toHaveCount(0);

  // Back home: the client and its project return from the folder.
  await sync.open();
  await travel.getByRole('button', { name: 'End trip' }).click();
  await expect(page.getByText('Trip ended')).toBeVisible();
  await sync.upToDate();
  await shell.open('Clients');
  await expect(page.getByRole('rowheader', { name: /Acme Analytics/ })).toBeVisible({ timeout: 20_000 });
  await shell.open('Projects');
  await expect(page.getByText('Churn model')).toBeVisible();

  await sync.open();
  const audit = sync.audit;
  await expect(audit).toContainText('Travel mode on in United States');
  await expect(audit).toContainText('Acme Analytics restored to this device');
  await expect(audit.getByRole('status')).toContainText('Verified');
});
