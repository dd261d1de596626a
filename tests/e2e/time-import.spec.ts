/**
 * Moving in from Toggl Track: the detailed report's rows become blocks under clients and projects
 * the import creates (non-Latin names kept), in the zone chosen; the same file again adds nothing;
 * a file with bad rows names them and writes nothing. A 10 000-row report is read and imported
 * with the times it took recorded in the test's output.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { seriousViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { testVault } from './support/test-vault.ts';
import { TimeImportPage } from './support/time-import-page.ts';

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/time-import');

test('a Toggl report imported twice adds its blocks once; a file with bad rows writes nothing', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const { ws } = await testVault(page);
  const imp = new TimeImportPage(page);

  await imp.choose(join(FIXTURES, 'toggl-detailed.csv'));
  await imp.setZone('Europe/Lisbon');
  await expect(imp.summary()).toContainText('Toggl Track detailed report, toggl-detailed.csv: 4 rows read: 4 new, 0 already imported.');
  await expect(imp.preview.getByRole('group', { name: 'New client Łódź Analytics' })).toBeVisible();
  await expect(imp.preview.getByLabel('Time zone of Αθήνα Labs')).toHaveValue('Europe/Lisbon');
  await expect(imp.blocksToAdd().locator('tbody tr')).toHaveCount(4);
  await expect(imp.blocksToAdd().locator('tbody tr').first()).toContainText(/9:00–10:30.*Łódź Analytics.*Churn model.*Yes.*€90\.00/u);
  expect(await seriousViolations(page, 'dialog[open]:last-of-type')).toEqual([]);
  await imp.importAll(4);
  await expect(page.getByText('4 new, 0 already imported from toggl-detailed.csv.').first()).toBeVisible();
  // The Time screen shows times in the device's zone (Berlin here): 09:00 in Lisbon is 10:00.
  await expect(ws.tableRows()).toHaveCount(4);
  await expect(ws.row('Modelling: Feature engineering')).toContainText('Churn model');
  await expect(ws.row('Data labelling')).toContainText('Vision pilot');

  // The same file again: everything is recognised, nothing can be added.
  await imp.choose(join(FIXTURES, 'toggl-detailed.csv'));
  await imp.setZone('Europe/Lisbon');
  await expect(imp.summary()).toContainText('4 rows read: 0 new, 4 already imported.');
  await expect(imp.preview.getByRole('button', { name: 'Nothing new to import' })).toBeDisabled();
  await imp.cancel();
  await expect(ws.tableRows()).toHaveCount(4);

  // Bad rows are named, and Import stays off.
  await imp.choose(join(FIXTURES, 'toggl-bad-rows.csv'));
  const errors = imp.preview.getByTestId('time-import-errors');
  await expect(errors).toContainText("Row 3: 'Europe/Lisbn' is not a time zone.");
  await expect(errors).toContainText('Row 4: End 09:00 is before Start 10:30.');
  await expect(errors).toContainText('Row 6: 02:30 on 2026-03-29 does not exist in Europe/Zurich');
  await expect(imp.preview.getByRole('button', { name: /^Import / })).toBeDisabled();
  await imp.cancel();
  await expect(ws.tableRows()).toHaveCount(4);
});

test('a 10 000-row Clockify report is read with progress and imported in one go', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await testVault(page);
  const header =
    'Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal),Billable Rate (EUR),Billable Amount (EUR)';
  const lines = [header];
  for (let i = 0; i < 10_000; i++) {
    // Four 30-minute entries a day from 1 January 2024, across five projects of two clients.
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 4) * 86_400_000);
    const date = `${String(day.getUTCMonth() + 1).padStart(2, '0')}/${String(day.getUTCDate()).padStart(2, '0')}/${day.getUTCFullYear()}`;
    const hour = 9 + (i % 4);
    lines.push(
      `Project ${i % 5},${i % 5 < 3 ? 'Zürich Re' : 'Łódź Analytics'},Entry ${i},,Ana,,ana@example.test,,Yes,${date},${hour}:00,${date},${hour}:30,00:30:00,0.50,80.00,40.00`,
    );
  }
  const file = testInfo.outputPath('clockify-10000.csv');
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const imp = new TimeImportPage(page);
  const chosen = Date.now();
  await imp.choose(file, 90_000);
  const previewMs = Date.now() - chosen;
  await imp.setZone('Europe/Berlin');
  await expect(imp.summary()).toContainText('10,000 rows read: 10,000 new, 0 already imported.', { timeout: 60_000 });
  const started = Date.now();
  await imp.importAll(10_000, 120_000);
  await expect(page.getByText('10,000 new, 0 already imported from clockify-10000.csv.').first()).toBeVisible();
  const readMs = await page.evaluate(() => document.documentElement.dataset.timeImportReadMs);
  const writeMs = await page.evaluate(() => document.documentElement.dataset.timeImportWriteMs);
  const line = `10 000 rows: read ${readMs} ms, preview shown after ${previewMs} ms, written ${writeMs} ms (import click to dialog closed ${Date.now() - started} ms)`;
  testInfo.annotations.push({ type: 'timing', description: line });
  console.log(line);
});
