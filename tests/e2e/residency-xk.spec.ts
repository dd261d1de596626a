/**
 * A client whose residency names Kosovo (XK) syncs. The residency picker has always offered XK, a
 * user-assigned code; main used to refuse it, so saving such a client failed in main, every unlock
 * failed `locality:open` whole and nothing synced for any client. Here a client restricted to
 * Kosovo and one in the EEA are made in the UI; a folder declared to be in Kosovo receives the
 * Kosovo client's segments, and the EEA client is held back from it with the reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, needs, test } from './support/fixtures.ts';
import { SyncPage } from './support/sync-page.ts';
import { listFiles, testVault } from './support/test-vault.ts';

let folder: string;
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-e2e-xk-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

test('a client restricted to Kosovo (XK) syncs to a folder declared in Kosovo; an EEA client is held back from it', async ({ app }) => {
  needs(app, 'main', 'answers the folder picker from the test');
  const { page } = app;
  const { shell, ws, vault } = await testVault(page, {
    clients: [{ name: 'Nordwind', country: 'Germany', currency: 'EUR', rate: '110', residency: 'EEA' }],
  });
  const sync = new SyncPage(page);

  // The residency picker: only Kosovo.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name', { exact: true }).fill('Prishtina Studio');
  await dialog.getByLabel('Country').selectOption({ label: 'Kosovo' });
  // The currency and time zone follow the country (Kosovo: the euro, Central European time).
  await expect(dialog.getByLabel('Currency')).toHaveValue('EUR');
  await expect(dialog.getByLabel('Time zone')).toHaveValue('Europe/Belgrade');
  await dialog.getByLabel('Default hourly rate').fill('70');
  await dialog.getByRole('radio', { name: 'Only these countries', exact: true }).check();
  await dialog.getByLabel('Find a country').fill('kos');
  await dialog.getByRole('group', { name: 'Allowed countries' }).getByRole('checkbox', { name: 'Kosovo' }).check();
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('rowheader', { name: /Prishtina Studio/ })).toBeVisible();
  // Main took the policy: no "the locality guard did not take the policy" notice.
  await expect(page.getByText(/did not take the policy/)).toHaveCount(0);
  await ws.createProject({ client: 'Prishtina Studio', name: 'Brand refresh' });

  await sync.open();
  await sync.addTarget('Prishtina disk', async (add) => {
    await sync.fillFolder(add, app.main, folder, 'Kosovo');
    await expect(sync.where(add)).toContainText(/is in XK \(Kosovo\) by your declaration/);
    // Before it is added, the form says the EEA client will not go there.
    await expect(add.getByTestId('target-placement-preview')).toContainText('Nordwind');
  });

  const report = sync.report('Prishtina disk');
  await expect(report).toContainText(/sent [1-9]\d* batch(es)? of changes/, { timeout: 20_000 });
  await expect(report).toContainText('Held back: Nordwind.');
  await expect(page.getByText(/locality guard could not/)).toHaveCount(0);

  // The Kosovo client's partition is on the folder; the EEA client's is not.
  const clientPartitions = new Set((await listFiles(folder)).filter((f) => /^p\/[0-9a-f-]{36}\/log\//.test(f)).map((f) => f.split('/')[1]));
  expect(clientPartitions.size).toBe(1);

  // Locking and unlocking opens the guard again with both policies: sync carries on.
  await vault.lock();
  await vault.unlock();
  await vault.expectUnlocked();
  await sync.open();
  await sync.upToDate();
  await expect(page.getByText(/locality guard could not/)).toHaveCount(0);
});
