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
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { WorkspacePage } from './support/workspace-page.ts';

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
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  await ws.createClient({ name: 'Acme Analytics', country: 'Germany', currency: 'EUR', rate: '120', residency: 'EEA' });
  await ws.createProject({ client: 'Acme Analytics', name: 'Churn model' });
  await ws.createClient({ name: 'Hermit Labs', country: 'France', currency: 'EUR', rate: '90', residency: 'This device only' });

  await shell.open('Sync');
  const travel = page.getByRole('region', { name: 'Travel mode' });
  await travel.getByLabel('I am in').selectOption({ label: 'United States' });
  const plan = travel.getByTestId('trip-plan');
  await expect(plan).toContainText('Leaving this device for the trip: Acme Analytics, Hermit Labs');
  // No target yet: Acme could not come back; Hermit is device-only.
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toContainText('Acme Analytics has no sync target its policy allows');
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toContainText('Hermit Labs is device-only');
  await expect(plan.getByRole('button', { name: 'Start trip' })).toBeDisabled();

  // A compliant copy: a folder declared in Germany, synced.
  await page.getByRole('button', { name: 'Add target' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a sync target' });
  await dialog.getByLabel('Name', { exact: true }).fill('Home NAS');
  await dialog.getByLabel('Kind').selectOption('folder');
  // The folder comes from main's own picker.
  await main.answerFolder(folder);
  await dialog.getByRole('button', { name: 'Choose…' }).click();
  await expect(dialog.getByLabel('Folder', { exact: true })).toHaveValue(folder);
  await dialog.getByLabel('Country where it stores data').selectOption({ label: 'Germany' });
  await dialog.getByRole('button', { name: 'Add target' }).click();
  await expect(page.getByTestId('sync-phase')).toContainText('Up to date', { timeout: 20_000 });

  // Hermit stays on the device when marked safe for travel.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Hermit Labs' }).click();
  const form = page.getByRole('dialog', { name: 'Edit client' });
  await form.getByLabel('Safe for travel').check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();

  await shell.open('Sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-phase')).toContainText('Up to date', { timeout: 20_000 });
  await travel.getByLabel('I am in').selectOption({ label: 'United States' });
  await expect(plan).toContainText('Leaving this device for the trip: Acme Analytics.');
  await expect(plan.getByRole('list', { name: 'What blocks the trip' })).toHaveCount(0);
  await plan.getByRole('button', { name: 'Start trip' }).click();
  await page.getByRole('dialog', { name: 'Start the trip?' }).getByRole('button', { name: 'Start trip' }).click();
  await expect(travel.getByTestId('travel-status')).toContainText('Travelling in United States');
  await expect(travel.getByTestId('travel-status')).toContainText('1 client(s) are off this device');

  // Gone from the device, and sync does not bring it back during the trip.
  await shell.open('Clients');
  await expect(page.getByRole('rowheader', { name: /Hermit Labs/ })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Acme Analytics/ })).toHaveCount(0);
  await shell.open('Sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-phase')).toContainText('Up to date', { timeout: 20_000 });
  await shell.open('Projects');
  await expect(page.getByText('Churn model')).toHaveCount(0);

  // Back home: the client and its project return from the folder.
  await shell.open('Sync');
  await travel.getByRole('button', { name: 'End trip' }).click();
  await expect(page.getByText('Trip ended')).toBeVisible();
  await expect(page.getByTestId('sync-phase')).toContainText('Up to date', { timeout: 20_000 });
  await shell.open('Clients');
  await expect(page.getByRole('rowheader', { name: /Acme Analytics/ })).toBeVisible({ timeout: 20_000 });
  await shell.open('Projects');
  await expect(page.getByText('Churn model')).toBeVisible();

  await shell.open('Sync');
  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit).toContainText('Travel mode on in United States');
  await expect(audit).toContainText('Acme Analytics restored to this device');
  await expect(audit.getByRole('status')).toContainText('Verified');
});
