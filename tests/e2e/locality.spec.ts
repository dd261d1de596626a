/**
 * The locality guard as a user meets it: a client whose policy is the EEA, an
 * S3 target in London, and the guard holding that client's data back with a
 * reason, recording it in an audit log that verifies (and stops verifying
 * when the file is edited). The page itself cannot reach anything outside.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { startOutsideServer } from './support/outside-server.ts';
import { SyncPage } from './support/sync-page.ts';
import { ACME, testVault } from './support/test-vault.ts';
import { startS3, type S3Server } from '../servers/s3rver.ts';

// A real S3 API on this machine stands in for the providers' buckets. It is not the provider's own
// endpoint for the region, so the region alone places nothing: the person declares the country
// the bucket stores data in, and every screen says the place rests on that declaration.
let s3: S3Server;
test.beforeAll(async () => {
  s3 = await startS3();
});
test.afterAll(async () => {
  await s3.close();
});

async function addS3Target(sync: SyncPage, label: string, provider: string, region: string, country: string, expectWhere: RegExp): Promise<void> {
  await sync.addTarget(label, async (dialog) => {
    await sync.fillS3Location(dialog, { provider, region, bucket: s3.bucket, endpoint: s3.endpoint });
    // Not the provider's endpoint: without a declaration the place is unknown, and the form says why.
    await expect(sync.where(dialog)).toContainText('Unknown');
    await expect(dialog.getByTestId('custom-endpoint-hint')).toBeVisible();
    await sync.declare(dialog, country);
    await expect(sync.where(dialog)).toContainText('Declared');
    await sync.fillS3Keys(dialog, s3);
    // Main's resolver says where the data would be before the target exists.
    await expect(sync.where(dialog)).toContainText(expectWhere);
  });
  await expect(sync.targets.getByRole('rowheader', { name: label })).toBeVisible();
}

test('an EEA client’s data is held back from a London bucket, the UI says why, and the audit log records it and verifies', async ({ app }, testInfo) => {
  const { page } = app;
  const { shell } = await testVault(page, { clients: [ACME] });
  const sync = new SyncPage(page);

  await sync.open();
  await expect(page.getByText('No targets yet')).toBeVisible();
  await addS3Target(
    sync,
    'London bucket',
    'AWS S3',
    'eu-west-2',
    'United Kingdom',
    /AWS eu-west-2 through the custom endpoint 127\.0\.0\.1:\d+ is in GB \(United Kingdom\) by your declaration/,
  );
  await addS3Target(
    sync,
    'Frankfurt bucket',
    'AWS S3',
    'eu-central-1',
    'Germany',
    /AWS eu-central-1 through the custom endpoint 127\.0\.0\.1:\d+ is in DE \(Germany\) by your declaration/,
  );

  // Held back, with the reason in words; allowed where the policy allows.
  const row = sync.placementRow(/Acme Analytics/);
  await expect(row.getByRole('cell').nth(0)).toContainText('Held back');
  await expect(row.getByRole('cell').nth(0)).toContainText(
    /client Acme Analytics requires the EEA; AWS eu-west-2 through the custom endpoint 127\.0\.0\.1:\d+ is in GB \(United Kingdom\) by your declaration; Caravan cannot verify it, outside the EEA\./,
  );
  await expect(row.getByRole('cell').nth(1)).toContainText('Allowed');

  // The audit log holds the decision (with names put back by the vault) and verifies.
  const audit = sync.audit;
  await expect(audit.getByRole('status')).toContainText(/Verified: \d+ entries/);
  // The log records a custom S3 endpoint, not "AWS": the bytes would not have gone to AWS.
  await expect(audit).toContainText(
    'Sync upload to London bucket for Acme Analytics blocked: S3-compatible endpoint in United Kingdom (GB) is outside the EEA.',
  );
  await expect(audit).toContainText('Sync upload to Frankfurt bucket for Acme Analytics allowed');
  // Toasts may leave by themselves meanwhile: dismiss what is still there, for a clean screenshot.
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2_000 }).catch(() => undefined);
  await page.screenshot({ path: testInfo.outputPath('sync.png'), fullPage: true });
  if (app.shell === 'host') await page.screenshot({ path: join(import.meta.dirname, '../../docs/screenshots/locality-sync.png'), fullPage: true });

  // On disk the log is sealed: neither names nor ids nor codes are readable.
  const auditDir = join(app.dataDir, 'locality', 'audit');
  const logFile = (await readdir(auditDir)).find((f) => f.endsWith('.jsonl'));
  expect(logFile).toBeDefined();
  const onDisk = await readFile(join(auditDir, logFile ?? ''), 'utf8');
  expect(onDisk).not.toMatch(/Acme|London|outside-policy|egress|eu-west-2/);

  // The same answer from the client's own "where is my data" view.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'Where is Acme Analytics’s data' }).click();
  const where = page.getByRole('dialog', { name: 'Where is Acme Analytics’s data' });
  await expect(where.getByRole('row', { name: /London bucket/ })).toContainText('Held back');
  await expect(where.getByRole('row', { name: /Frankfurt bucket/ })).toContainText('Allowed');
  await where.getByRole('button', { name: 'Close' }).click();

  // Editing one entry on disk (here: swapping two lines) is caught, with where.
  const lines = onDisk.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(3);
  [lines[1], lines[2]] = [lines[2] ?? '', lines[1] ?? ''];
  await writeFile(join(auditDir, logFile ?? ''), `${lines.join('\n')}\n`);
  await sync.open();
  await expect(audit.getByRole('status')).toContainText('The log does not verify: Entry 1');
});

test('weakening a policy asks first, in main’s own dialog, and is audited; then the London bucket is allowed', async ({ app }) => {
  needs(app, 'main', 'main’s own confirmation dialog is answered through the shell’s controls');
  const { page, main } = app;
  const { shell } = await testVault(page, { clients: [{ name: 'Borealis Labs', country: 'Sweden', currency: 'SEK', rate: '1200', residency: 'EEA' }] });
  const sync = new SyncPage(page);
  await sync.open();
  await addS3Target(sync, 'London bucket', 'AWS S3', 'eu-west-2', 'United Kingdom', /is in GB \(United Kingdom\) by your declaration/);
  const row = sync.placementRow(/Borealis Labs/);
  await expect(row).toContainText('Held back');

  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Borealis Labs' }).click();
  const form = page.getByRole('dialog', { name: 'Edit client' });
  await form.getByRole('radio', { name: 'EEA and adequacy countries', exact: true }).check();
  // Main asks, not the page: the question names the countries the policy opens.
  await main.answerConfirm('cancel');
  const asked = (await main.confirmations()).length;
  await form.getByRole('button', { name: 'Save changes' }).click();
  // Cancel keeps the old policy: nothing was saved, and the form says why.
  await expect(form.getByText(/You did not allow “Borealis Labs”/)).toBeVisible();
  const questions = await main.confirmations();
  expect(questions).toHaveLength(asked + 1);
  expect(questions.at(-1)).toMatchObject({ title: 'Allow this client’s data to go further?' });
  expect(questions.at(-1)?.detail).toContain('United Kingdom (GB)');
  expect(questions.at(-1)?.detail).toContain('“Borealis Labs”');
  await expect(page.getByRole('dialog', { name: 'Allow this client’s data to go further?' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('row', { name: /Borealis Labs/ })).toContainText('EEA');
  await expect(page.getByRole('row', { name: /Borealis Labs/ })).not.toContainText('adequacy');

  await main.answerConfirm('confirm');
  await page.getByRole('button', { name: 'Edit Borealis Labs' }).click();
  await form.getByRole('radio', { name: 'EEA and adequacy countries', exact: true }).check();
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  expect(await main.confirmations()).toHaveLength(asked + 2);
  await expect(page.getByRole('row', { name: /Borealis Labs/ })).toContainText('EEA and adequacy countries');

  await sync.open();
  await expect(row).toContainText('Allowed');
  const audit = sync.audit;
  await expect(audit).toContainText('Residency policy of Borealis Labs weakened from the EEA to the EEA or an adequate country: you confirmed the change.');
  await expect(audit).toContainText('Change of Borealis Labs’s residency policy from the EEA to the EEA or an adequate country refused: you did not allow it.');
  await expect(audit.getByRole('status')).toContainText('Verified');
});

test('the US needs a recorded attestation: without it the bucket is held back, with it the bucket is allowed', async ({ app }) => {
  needs(app, 'main', 'main’s own confirmation dialog is answered through the shell’s controls');
  const { page, main } = app;
  const { shell } = await testVault(page, {
    clients: [{ name: 'Cobalt Insights', country: 'France', currency: 'EUR', rate: '100', residency: 'EEA and adequacy countries' }],
  });
  const sync = new SyncPage(page);
  await sync.open();
  await addS3Target(
    sync,
    'Virginia bucket',
    'AWS S3',
    'us-east-1',
    'United States',
    /AWS us-east-1 through the custom endpoint .* is in US \(United States\) by your declaration/,
  );
  const row = sync.placementRow(/Cobalt Insights/);
  await expect(row).toContainText('Held back');
  await expect(row).toContainText('record an attestation for US');

  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Cobalt Insights' }).click();
  const form = page.getByRole('dialog', { name: 'Edit client' });
  await form.getByLabel('Attestation for United States').fill('Provider certified under the EU-US Data Privacy Framework (checked 2026-11-30)');
  await main.answerConfirm('confirm');
  await form.getByRole('button', { name: 'Save changes' }).click();
  await expect(form).toBeHidden();
  // Main's question named the attestation, in the person's words.
  expect((await main.confirmations()).at(-1)?.detail).toContain(
    'Attestation for United States (US): “Provider certified under the EU-US Data Privacy Framework (checked 2026-11-30)”',
  );

  await sync.open();
  await expect(row).toContainText('Allowed');
  await expect(row).toContainText('Allowed on your attestation');
  await expect(sync.audit).toContainText('Attestation for US recorded for Cobalt Insights');
});

test('a fetch from the page to an outside host is refused and never arrives', async ({ app }) => {
  const outside = await startOutsideServer();
  try {
    await new AppShell(app.page).ready();
    const fetched = await app.page.evaluate(async (target) => {
      try {
        await fetch(`${target}/upload`, { method: 'POST', body: 'client data', mode: 'no-cors' });
        return true;
      } catch {
        return false;
      }
    }, outside.origin);
    expect(fetched).toBe(false);
    expect(outside.hits).toEqual([]);
  } finally {
    await outside.close();
  }
});
