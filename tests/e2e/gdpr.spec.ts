/**
 * The GDPR tools as a freelancer meets them on the Clients screen: an access export that holds
 * the client's records and no one else's, the Art. 30 record as a PDF, an erasure confirmed by
 * typing the name with a receipt, and the retention review once a client's period has passed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../host/server.ts';
import { parseCsv } from '../../src-renderer/reports/csv.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { ACME, OTHER_CLIENT, testVault } from './support/test-vault.ts';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Clears the toasts so that a screenshot shows the screen itself. */
async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Dismiss' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

function pdfText(path: string): string {
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

test('export a client’s data, write its Art. 30 record, erase it after typing its name, and keep the receipt', async ({ app }, testInfo) => {
  needs(app, 'main', 'reads the saved files through the save dialog the host or the double answers');
  test.skip(!existsSync('/usr/bin/pdftotext'), 'pdftotext (poppler-utils) is not installed');
  const { page } = app;
  const main = app.main;
  const { shell, ws } = await testVault(page, {
    clients: [{ ...ACME, email: 'privacy@acme.example' }, OTHER_CLIENT],
    projects: [
      { client: ACME.name, name: 'Churn model' },
      { client: OTHER_CLIENT.name, name: 'Secret roadmap' },
    ],
  });
  await shell.open('Time');
  await ws.typeBlock('Acme Analytics · Churn model', '2026-11-18 9-12 feature audit');
  await ws.typeBlock('Acme Analytics · Churn model', '2026-11-19 14-16 baseline model');
  await ws.typeBlock('Other Client · Secret roadmap', '2026-11-19 9-10 confidential planning');

  // Access export, JSON: one file with Acme's records only.
  await shell.open('Clients');
  await page
    .getByRole('row', { name: /Acme Analytics/ })
    .getByRole('button', { name: 'Export Acme Analytics’s data' })
    .click();
  const exportDialog = page.getByRole('dialog', { name: 'Export Acme Analytics’s data' });
  await expect(exportDialog.getByRole('list', { name: 'What the export holds' })).toContainText('2 time blocks');
  await exportDialog.getByRole('button', { name: 'Save JSON' }).click();
  await expect(exportDialog.getByText(/^Saved to .*\.json\. Recorded in the audit log\.$/)).toBeVisible();
  const jsonPath = (await main.savedFiles()).at(-1)!;
  // No client name in the default name (the person may type one in the dialog).
  expect(jsonPath).toMatch(/\/caravan-export-\d{4}-\d{2}-\d{2}\.json$/);
  const jsonText = readFileSync(jsonPath, 'utf8');
  const doc = JSON.parse(jsonText) as {
    format: string;
    client: { name: string };
    projects: { name: string }[];
    timeBlocks: { note: string; clientId: string }[];
  };
  expect(doc.format).toBe('caravan-client-export');
  expect(doc.client.name).toBe('Acme Analytics');
  expect(doc.projects.map((p) => p.name)).toEqual(['Churn model']);
  expect(doc.timeBlocks.map((b) => b.note)).toEqual(['feature audit', 'baseline model']);
  expect(jsonText).not.toContain('Other Client');
  expect(jsonText).not.toContain('Secret roadmap');
  expect(jsonText).not.toContain('confidential planning');

  // CSV: one save per file, as the button says.
  const before = (await main.savedFiles()).length;
  await exportDialog.getByRole('button', { name: 'Save CSV (saves 11 files)' }).click();
  await expect(exportDialog.getByText(/^Saved 11 CSV files in /)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('export.png') });
  const csvPaths = (await main.savedFiles()).slice(before);
  expect(csvPaths.map((p) => p.replace(/^.*export-\d{4}-\d{2}-\d{2}-/, ''))).toEqual([
    'client.csv',
    'projects.csv',
    'phases.csv',
    'time-blocks.csv',
    'experiments.csv',
    'expenses.csv',
    'kill-switches.csv',
    'kill-switch-acknowledgements.csv',
    'invoices.csv',
    'invoice-documents.csv',
    'invoice-lines.csv',
  ]);
  const blockRows = parseCsv(readFileSync(csvPaths[3]!, 'utf8'));
  expect(blockRows.slice(1).map((r) => r[blockRows[0]!.indexOf('note')])).toEqual(['feature audit', 'baseline model']);
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  // Art. 30 record: the processor's details are asked once, then the PDF.
  await page.getByRole('button', { name: 'Record of processing for Acme Analytics' }).click();
  const recordDialog = page.getByRole('dialog', { name: 'Record of processing: Acme Analytics' });
  await recordDialog.getByLabel('Your name or business').fill('Jo Freelancer');
  await recordDialog.getByLabel('Your email').fill('jo@example.org');
  await recordDialog.getByLabel('Your country').selectOption({ label: 'Portugal' });
  await expect(recordDialog.getByTestId('record-targets')).toContainText('Transfers outside the EEA: none.');
  await page.screenshot({ path: testInfo.outputPath('record.png') });
  await recordDialog.getByRole('button', { name: 'Save PDF' }).click();
  await expect(recordDialog.getByText(/^Saved to .*record-of-processing-\d{4}-\d{2}-\d{2}\.pdf\.$/)).toBeVisible();
  const recordText = pdfText((await main.savedFiles()).at(-1)!);
  expect(recordText).toContain('Record of processing activities: Acme Analytics');
  expect(recordText).toContain('Article 30(2)');
  expect(recordText).toContain('Jo Freelancer');
  expect(recordText).toContain('privacy@acme.example');
  expect(recordText).toMatch(/Transfers outside the EEA\s+None\./);
  expect(recordText).not.toContain('Other Client');
  await recordDialog.getByRole('button', { name: 'Close' }).click();
  // Kept for the next record: the form does not ask again.
  await page.getByRole('button', { name: 'Record of processing for Other Client' }).click();
  await expect(page.getByRole('dialog', { name: 'Record of processing: Other Client' })).toContainText('Processor: Jo Freelancer, jo@example.org');
  await page.getByRole('dialog', { name: 'Record of processing: Other Client' }).getByRole('button', { name: 'Close' }).click();

  // Erasure: nothing happens until the name is typed.
  await page.getByRole('button', { name: 'Erase Acme Analytics' }).click();
  const erase = page.getByRole('dialog', { name: 'Erase Acme Analytics' });
  await expect(erase.getByRole('list', { name: 'What will be deleted' })).toContainText('Time blocks: 2');
  // What it says about copies elsewhere is what the erasure does: the targets' copies go, other devices follow.
  await expect(erase).toContainText('deletes the client’s copies on your sync targets, and your other devices erase it at their next sync');
  await expect(erase).not.toContainText('not built');
  await page.screenshot({ path: testInfo.outputPath('erase.png') });
  const eraseButton = erase.getByRole('button', { name: 'Erase for good' });
  await expect(eraseButton).toBeDisabled();
  await erase.getByLabel('Type Acme Analytics to confirm').fill('Acme');
  await expect(eraseButton).toBeDisabled();
  await erase.getByLabel('Type Acme Analytics to confirm').fill('Acme Analytics');
  await eraseButton.click();

  const receipt = page.getByRole('dialog', { name: 'Erasure receipt' });
  await expect(receipt.getByText('Acme Analytics is erased on this device.')).toBeVisible();
  const rows = receipt.getByRole('table', { name: 'Rows deleted on this device' });
  await expect(rows.getByRole('row', { name: /Client record/ })).toContainText('1');
  await expect(rows.getByRole('row', { name: /Projects/ })).toContainText('1');
  await expect(rows.getByRole('row', { name: /Time blocks/ })).toContainText('2');
  await expect(receipt).toContainText('Destroyed');
  await expect(receipt.getByRole('definition').filter({ hasText: /^Recorded\.$/ })).toBeVisible();
  await expect(receipt).toContainText('No sync target held this client’s data');
  await dismissToasts(page);
  await page.setViewportSize({ width: 1280, height: 1000 });
  await receipt.evaluate((dialog) => dialog.scrollTo(0, 0));
  if (app.shell === 'host') await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/gdpr-receipt.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await receipt.getByRole('button', { name: 'Save receipt' }).click();
  await expect(receipt.getByText(/^Receipt saved to .*erasure-receipt-\d{4}-\d{2}-\d{2}\.md\.$/)).toBeVisible();
  const receiptText = readFileSync((await main.savedFiles()).at(-1)!, 'utf8');
  expect(receiptText).toContain('# Erasure receipt: Acme Analytics');
  expect(receiptText).toContain('- Data key: destroyed.');
  expect(receiptText).toContain('| Time blocks | 2 |');
  expect(receiptText).toContain('This erased the client on this device.');
  await receipt.getByRole('button', { name: 'Close' }).click();

  // Gone from Clients and Time; the other client is untouched.
  await expect(page.getByRole('rowheader', { name: /Acme Analytics/ })).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name: /Other Client/ })).toBeVisible();
  await shell.open('Time');
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(page.getByRole('grid', { name: 'Time blocks' })).not.toContainText('Acme');
  await expect(page.getByRole('grid', { name: 'Time blocks' })).toContainText('confidential planning');

  // The audit log holds the export and the erasure.
  await shell.open('Sync');
  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit.getByRole('status')).toContainText(/Verified: \d+ entries/);
  await expect(audit).toContainText('exported to a file on this device');
  await expect(audit).toContainText('erased on this device (data key destroyed, rows deleted)');
});

test('a client whose retention period has passed is listed for review, and "Keep" extends it', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, {
    clients: [{ name: 'Old Co', country: 'Austria', currency: 'EUR', rate: '80', residency: 'EU' }],
    projects: [{ client: 'Old Co', name: 'Audit 2026' }],
  });
  await shell.open('Time');
  const blockDay = isoDay(Date.now() - 60 * DAY);
  await ws.typeBlock('Old Co · Audit 2026', `${blockDay} 9-11 last piece of work`);

  await shell.open('Clients');
  await page.getByRole('button', { name: 'Edit Old Co' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit client' });
  await edit.getByLabel('Keep data for (months)').fill('1');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  // Editing the client is activity: the month runs from now, so nothing is due yet.
  const review = page.getByRole('region', { name: /Retention review/ });
  await expect(review).toBeHidden();

  // Forty days later (the page's clock only), with no activity since, the review appears.
  await page.clock.setFixedTime(Date.now() + 40 * DAY);
  await shell.open('Today');
  await shell.open('Clients');
  await expect(review).toBeVisible();
  await expect(review).toContainText('1 client kept longer than agreed');
  await expect(review).toContainText('Old Co');
  await expect(review).toContainText('Kept 1 month after the last activity');
  await expect(review.getByRole('button', { name: 'Erase Old Co' })).toBeVisible();
  if (app.shell === 'host') {
    await dismissToasts(page);
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/gdpr-retention.png') });
  }

  await review.getByRole('button', { name: 'Export Old Co’s data' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export Old Co’s data' });
  await expect(exportDialog.getByRole('list', { name: 'What the export holds' })).toContainText('1 time block');
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await review.getByRole('button', { name: 'Keep (extend 12 months): Old Co' }).click();
  await expect(page.getByText(/^Keeping Old Co’s data: the retention period is now 13 months, so the next review is on /)).toBeVisible();
  await expect(review).toBeHidden();
  await page.getByRole('button', { name: 'Edit Old Co' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit client' }).getByLabel('Keep data for (months)')).toHaveValue('13');
});
