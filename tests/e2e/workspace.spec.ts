/** The workspace as a new user meets it: a client, a project, typed time, a filtered table, a CSV they can open. */
import { readFile } from 'node:fs/promises';
import { AppShell } from './support/app-shell.ts';
import { expect, test } from './support/fixtures.ts';
import { WorkspacePage } from './support/workspace-page.ts';
import { parseCsv } from '../../src-renderer/reports/csv.ts';

test('create a client and a project, type three blocks, filter the table and export a CSV whose rows and totals are right', async ({ app }, testInfo) => {
  test.skip(!app.host, 'reads the exported file through the test host’s save dialog');
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);

  // A new user is told what to do first.
  await expect(page.getByText('Welcome to Caravan')).toBeVisible();

  await ws.createClient({ name: 'Nordlicht Analytics', company: 'Nordlicht Analytics GmbH', country: 'Germany', currency: 'EUR', rate: '95', residency: 'EEA' });
  await expect(page.getByRole('row', { name: /Nordlicht Analytics/ })).toContainText('EEA');
  await expect(page.getByRole('row', { name: /Nordlicht Analytics/ })).toContainText('€95.00/h');
  await ws.createProject({ client: 'Nordlicht Analytics', name: 'Churn model POC', estimate: '40' });

  await shell.open('Time');
  const project = 'Nordlicht Analytics · Churn model POC';
  // Three ways people type time: a range, a start and a duration, a range with "to".
  await ws.typeBlock(project, '2026-11-20 9:30-11 kickoff and data access');
  await ws.typeBlock(project, '2026-11-20 14:00 45m baseline model');
  await ws.typeBlock(project, '2026-11-19 10 to 12:30 feature audit');
  await expect(ws.tableRows()).toHaveCount(3);
  await expect(page.getByTestId('total-duration')).toHaveText('4:45');
  await page.screenshot({ path: testInfo.outputPath('time.png') });

  // Only the 20th: two blocks, 2:15.
  await page.getByLabel('From date').fill('2026-11-20');
  await page.getByLabel('To date').fill('2026-11-20');
  await expect(ws.tableRows()).toHaveCount(2);
  await expect(page.getByTestId('total-duration')).toHaveText('2:15');

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText('Exported 2 blocks.')).toBeVisible();
  const saved = app.host?.dialog.saved.at(-1) ?? '';
  expect(saved).toMatch(/caravan-time-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(await readFile(saved, 'utf8'));
  const [header, ...data] = rows;
  expect(header).toEqual(['block_id', 'client', 'project', 'phase', 'kind', 'start_utc', 'end_utc', 'duration_minutes', 'billable', 'rate_minor', 'amount_minor', 'currency', 'note']);
  const col = (name: string) => header!.indexOf(name);
  const byStart = data.sort((a, b) => a[col('start_utc')]!.localeCompare(b[col('start_utc')]!));
  // Berlin is UTC+1 in November: 9:30 local is 08:30Z.
  expect(byStart.map((r) => [r[col('start_utc')], r[col('end_utc')], r[col('duration_minutes')], r[col('amount_minor')], r[col('currency')], r[col('note')]])).toEqual([
    ['2026-11-20T08:30:00.000Z', '2026-11-20T10:00:00.000Z', '90', '14250', 'EUR', 'kickoff and data access'],
    ['2026-11-20T13:00:00.000Z', '2026-11-20T13:45:00.000Z', '45', '7125', 'EUR', 'baseline model'],
  ]);
  expect(byStart.every((r) => r[col('client')] === 'Nordlicht Analytics' && r[col('project')] === 'Churn model POC' && r[col('rate_minor')] === '9500')).toBe(true);
  const totalMinutes = byStart.reduce((sum, r) => sum + Number(r[col('duration_minutes')]), 0);
  const totalMinor = byStart.reduce((sum, r) => sum + Number(r[col('amount_minor')]), 0);
  expect([totalMinutes, totalMinor]).toEqual([135, 21375]);
});
