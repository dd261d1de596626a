/**
 * Sync as a user runs it: a folder target that receives signed, encrypted
 * segments (and no readable client data), a London bucket that receives the
 * workspace but not an EEA client's data (said on screen, with the reason),
 * status that follows pause, resume and the network. Folders come from main's
 * own picker; the buckets are s3rver on this machine, so "London" is an AWS
 * region through a custom endpoint whose country the person declares, and
 * the screen says it rests on that declaration.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { PASSPHRASE, VaultPage } from './support/vault-page.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { SyncPage } from './support/sync-page.ts';
import { listFiles, testVault } from './support/test-vault.ts';
import { WorkspacePage } from './support/workspace-page.ts';
import { startS3, type S3Server } from '../servers/s3rver.ts';

const CANARY = 'canary5e1c0sync';
let s3: S3Server;
let folder: string;
test.beforeAll(async () => {
  s3 = await startS3();
});
test.afterAll(async () => {
  await s3.close();
});
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-e2e-folder-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/**
 * An AWS bucket in eu-west-2 (London), served by s3rver on this machine: not AWS's endpoint, so
 * the form asks where it stores data and the person declares the United Kingdom.
 */
/** `preview`: what the form says, before the target exists, of the clients it will and will not get. */
function londonBucket(sync: SyncPage, preview: { says: string; reason?: string }) {
  return async (dialog: Locator) => {
    await sync.fillS3Location(dialog, { provider: 'AWS S3', region: 'eu-west-2', bucket: s3.bucket, endpoint: s3.endpoint });
    await expect(dialog.getByTestId('custom-endpoint-hint')).toContainText('Its location is only what you declare.');
    await sync.declare(dialog, 'United Kingdom');
    await expect(sync.where(dialog)).toContainText('Declared');
    await expect(sync.where(dialog)).toContainText(
      /AWS eu-west-2 through the custom endpoint 127\.0\.0\.1:\d+ is in GB \(United Kingdom\) by your declaration; Caravan cannot verify it/,
    );
    // Before the target exists, the form says whose data it will not get, and why.
    const shown = dialog.getByTestId('target-placement-preview');
    await expect(shown).toContainText(preview.says);
    if (preview.reason) await expect(shown).toContainText(preview.reason);
    await sync.fillS3Keys(dialog, s3);
  };
}

test('a folder receives only signed, encrypted segments; a London bucket gets the workspace but not the EEA client, and the screen says why', async ({
  app,
}) => {
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  const { page, main } = app;
  await testVault(page, {
    clients: [{ name: `Nordwind ${CANARY}`, country: 'Germany', currency: 'EUR', rate: '110', residency: 'EEA', notes: `secret ${CANARY}` }],
    projects: [{ client: `Nordwind ${CANARY}`, name: `Forecasting ${CANARY}` }],
  });
  const sync = new SyncPage(page);

  await sync.open();
  await expect(sync.phase).toContainText('Add a target to sync');
  await sync.addTarget('USB disk', (dialog) => sync.fillFolder(dialog, main, folder, 'Germany'));
  await sync.upToDate();
  await expect(sync.report('USB disk')).toContainText(/sent [1-9]\d* batch(es)? of changes/);
  await expect(sync.status).toContainText('Up to date');
  // Nothing of this device's own is refused on a new target (its epoch record once was: its roster entry came later).
  await expect(page.getByText(/did not verify/)).toHaveCount(0);

  // On the folder: the roster entry, the workspace and the client's logs, its key wrapped for the key epoch. No canary.
  const written = await listFiles(folder);
  expect(written.some((f) => /^devices\/[0-9a-f]{32}\.json$/.test(f))).toBe(true);
  expect(written.some((f) => /^p\/workspace\/log\/[0-9a-f]{32}\/1\.seg$/.test(f))).toBe(true);
  const clientLogs = written.filter((f) => /^p\/[0-9a-f-]{36}\/log\/[0-9a-f]{32}\/\d+\.seg$/.test(f));
  expect(clientLogs.length).toBeGreaterThan(0);
  expect(written.some((f) => /^p\/[0-9a-f-]{36}\/key\/[0-9a-f]{16}\.bin$/.test(f))).toBe(true);
  expect(written.some((f) => /^p\/[0-9a-f-]{36}\/key\.bin$/.test(f))).toBe(false);
  for (const f of written) {
    const bytes = await readFile(join(folder, f));
    expect(bytes.includes(Buffer.from(CANARY, 'utf8')), f).toBe(false);
    expect(bytes.includes(Buffer.from(CANARY, 'utf16le')), f).toBe(false);
  }
  const clientId = clientLogs[0]?.split('/')[1] ?? '';

  // A London bucket: the workspace goes, the EEA client is held back with the reason.
  await sync.addTarget('London bucket', londonBucket(sync, { says: 'No client’s data will go there; held back:', reason: 'outside the EEA' }));
  const london = sync.report('London bucket');
  await expect(london).toContainText(`Held back: Nordwind ${CANARY}.`, { timeout: 20_000 });
  await expect(london).toContainText(
    /AWS eu-west-2 through the custom endpoint 127\.0\.0\.1:\d+ is in GB \(United Kingdom\) by your declaration; Caravan cannot verify it, outside the EEA/,
  );
  // Main asked the person itself before each target was added, naming where the bytes go.
  const asked = await main.confirmations();
  expect(asked.map((q) => q.message)).toEqual([
    `Let Caravan send encrypted data to the folder ${folder}?`,
    `Let Caravan send encrypted data to the bucket ${s3.bucket} at ${new URL(s3.endpoint).host}?`,
  ]);
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2_000 }).catch(() => undefined);
  await expect(page.getByText(/did not verify/)).toHaveCount(0);
  if (app.shell === 'host') await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots/sync-status.png') });
  const inBucket = await listFiles(join(s3.root, s3.bucket)).catch(() => [] as string[]);
  expect(inBucket.some((f) => f.includes('workspace'))).toBe(true);
  expect(inBucket.some((f) => f.includes(clientId))).toBe(false);

  // Pause and resume; offline waits.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(sync.phase).toContainText('Sync paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await sync.upToDate();
  await main.setOnline(false);
  await expect(sync.phase).toContainText('Offline: sync waits');
  await main.setOnline(true);
  await sync.upToDate();
});

test('a new device joins from the folder target with the passphrase, and the vault arrives', async ({ app }) => {
  needs(app, 'openSecond', 'starts a second device beside the first');
  needs(app, 'main', 'answers the native folder picker, which only the host and the double can');
  // Two devices, each deriving its key with Argon2id (256 MiB): on a loaded machine this alone takes most of a minute.
  test.setTimeout(120_000);
  const { page, main } = app;
  const { shell, ws } = await testVault(page, {
    clients: [{ name: 'Helios Robotics', country: 'Austria', currency: 'EUR', rate: '130', residency: 'EU' }],
    projects: [{ client: 'Helios Robotics', name: 'Grasp detection' }],
  });
  const sync = new SyncPage(page);
  await shell.open('Time');
  await ws.typeBlock('Helios Robotics · Grasp detection', '2026-11-24 9-11:30 labelling review');
  await sync.open();
  await sync.addTarget('Shared folder', (dialog) => sync.fillFolder(dialog, main, folder, 'Austria'));
  await sync.upToDate();

  const b = await app.openSecond();
  try {
    await expect(b.page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await b.page.getByRole('button', { name: 'Set up this device from your sync target' }).click();
    await b.page.getByLabel('Name', { exact: true }).fill('Shared folder');
    await b.page.getByLabel('Kind').selectOption('folder');
    const empty = join(folder, 'not-here');
    await mkdir(empty);
    const joinForm = b.page.locator('form.entity-form');
    const syncB = new SyncPage(b.page);
    await syncB.chooseFolder(joinForm, b.main, empty);
    await b.page.getByLabel('Country where it stores data').selectOption({ label: 'Austria' });
    await b.page.getByRole('button', { name: 'Find my vault' }).click();
    await expect(b.page.getByText('There is no Caravan vault on this target')).toBeVisible();
    await syncB.chooseFolder(joinForm, b.main, folder);
    await b.page.getByRole('button', { name: 'Find my vault' }).click();
    // Main asked the new device's person before it read anything from either folder (the click's
    // question reaches main a moment after the click: polled).
    await expect
      .poll(async () => (await b.main.confirmations()).map((q) => q.message))
      .toEqual([`Read your vault from the folder ${empty}?`, `Read your vault from the folder ${folder}?`]);
    await new VaultPage(b.page).unlock(PASSPHRASE);
    const shellB = new AppShell(b.page);
    await expect(shellB.nav).toBeVisible();
    await expect(syncB.status).toContainText('Up to date', { timeout: 30_000 });
    await shellB.open('Clients');
    await expect(b.page.getByRole('rowheader', { name: /Helios Robotics/ })).toBeVisible({ timeout: 15_000 });
    await shellB.open('Time');
    await expect(b.page.getByText('labelling review')).toBeVisible();

    // And back: a client made on the new device reaches the first one.
    const wsB = new WorkspacePage(b.page);
    await wsB.createClient({ name: 'Kestrel Health', country: 'France', currency: 'EUR', rate: '120', residency: 'EU' });
    await syncB.open();
    await syncB.syncNow();
    await sync.syncNow();
    await shell.open('Clients');
    await expect(page.getByRole('rowheader', { name: /Kestrel Health/ })).toBeVisible({ timeout: 15_000 });

    // A removes B: what B writes afterwards is refused, and said so.
    await sync.open();
    const devices = page.getByRole('table', { name: 'Devices' });
    await expect(devices.getByRole('row')).toHaveCount(3);
    await devices.getByRole('button', { name: /^Remove/ }).click();
    await page.getByRole('dialog', { name: 'Remove this device?' }).getByRole('button', { name: 'Remove device' }).click();
    await expect(devices).toContainText('Removed: its new changes are refused', { timeout: 20_000 });
    await wsB.createClient({ name: 'Lynx Capital', country: 'Italy', currency: 'EUR', rate: '150', residency: 'EU' });
    await syncB.open();
    await syncB.syncNow();
    await sync.requestSync();
    await expect(sync.report('Shared folder')).toContainText('did not verify', { timeout: 20_000 });
    await shell.open('Clients');
    await expect(page.getByRole('rowheader', { name: /Lynx Capital/ })).toHaveCount(0);
  } finally {
    await b.close();
  }
});

test('strengthening a policy lists the target that now holds data it may not, and one action deletes the copies there', async ({ app }) => {
  const { page } = app;
  const { shell } = await testVault(page, {
    clients: [{ name: 'Orion Retail', country: 'Netherlands', currency: 'EUR', rate: '100', residency: 'EEA and adequacy countries' }],
  });
  const sync = new SyncPage(page);
  await sync.open();
  await sync.addTarget('London bucket', londonBucket(sync, { says: 'Every client’s policy allows this place' }));
  await sync.upToDate();
  const clientFiles = async () => (await listFiles(join(s3.root, s3.bucket)).catch(() => [] as string[])).filter((f) => /^p\/[0-9a-f-]{36}\//.test(f));
  await expect.poll(clientFiles).not.toEqual([]);

  // The client now requires the EEA: London (GB) is out, and it holds the client's data.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Orion Retail' }).click();
  const form = page.getByRole('dialog', { name: 'Edit client' });
  await form.getByRole('radio', { name: 'EEA', exact: true }).check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  const warning = page.getByText('1 sync target(s) hold data of Orion Retail that the new policy no longer allows');
  await expect(warning).toBeVisible();
  await page.getByRole('button', { name: 'Remove copies' }).click();
  await expect(page.getByText('Orion Retail’s copies were deleted from 1 target(s).')).toBeVisible();
  await expect.poll(clientFiles).toEqual([]);

  await sync.open();
  const audit = sync.audit;
  await expect(audit).toContainText('Residency policy of Orion Retail strengthened from the EEA or an adequate country to the EEA');
  await expect(audit).toContainText("Copies of Orion Retail's data deleted from London bucket");
  // And nothing of the client goes back there.
  await sync.syncNow();
  expect(await clientFiles()).toEqual([]);
});
