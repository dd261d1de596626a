/** The workspace as a new user meets it: a client, a project, typed time, a filtered table, a CSV they can open. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { VaultPage } from './support/vault-page.ts';
import { WorkspacePage } from './support/workspace-page.ts';
import { parseCsv } from '../../src-renderer/reports/csv.ts';

test('create a client and a project, type three blocks, filter the table and export a CSV whose rows and totals are right', async ({ app }, testInfo) => {
  needs(app, 'main', 'reads the exported file through the save dialog the host or the double answers');
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);

  // A new user is told what to do first.
  await expect(page.getByText('Welcome to Caravan')).toBeVisible();

  await ws.createClient({
    name: 'Nordlicht Analytics',
    company: 'Nordlicht Analytics GmbH',
    country: 'Germany',
    currency: 'EUR',
    rate: '95',
    residency: 'EEA',
  });
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
  const saved = (await app.main.savedFiles()).at(-1) ?? '';
  expect(saved).toMatch(/caravan-time-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(await readFile(saved, 'utf8'));
  const [header, ...data] = rows;
  expect(header).toEqual([
    'block_id',
    'client',
    'project',
    'phase',
    'kind',
    'start_utc',
    'end_utc',
    'duration_minutes',
    'billable',
    'rate_minor',
    'amount_minor',
    'currency',
    'note',
  ]);
  const col = (name: string) => header!.indexOf(name);
  const byStart = data.sort((a, b) => a[col('start_utc')]!.localeCompare(b[col('start_utc')]!));
  // Berlin is UTC+1 in November: 9:30 local is 08:30Z.
  expect(
    byStart.map((r) => [r[col('start_utc')], r[col('end_utc')], r[col('duration_minutes')], r[col('amount_minor')], r[col('currency')], r[col('note')]]),
  ).toEqual([
    ['2026-11-20T08:30:00.000Z', '2026-11-20T10:00:00.000Z', '90', '14250', 'EUR', 'kickoff and data access'],
    ['2026-11-20T13:00:00.000Z', '2026-11-20T13:45:00.000Z', '45', '7125', 'EUR', 'baseline model'],
  ]);
  expect(byStart.every((r) => r[col('client')] === 'Nordlicht Analytics' && r[col('project')] === 'Churn model POC' && r[col('rate_minor')] === '9500')).toBe(
    true,
  );
  const totalMinutes = byStart.reduce((sum, r) => sum + Number(r[col('duration_minutes')]), 0);
  const totalMinor = byStart.reduce((sum, r) => sum + Number(r[col('amount_minor')]), 0);
  expect([totalMinutes, totalMinor]).toEqual([135, 21375]);
});

test('screenshots of the workspace screens for the README', async ({ app }) => {
  test.skip(app.shell !== 'host', 'README screenshots come from the browser host');
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  await ws.createClient({ name: 'Nordlicht Analytics', country: 'Germany', currency: 'EUR', rate: '95', residency: 'EEA' });
  await ws.createClient({ name: 'Harbour Health', country: 'United Kingdom', currency: 'GBP', rate: '110', residency: 'EEA and adequacy countries' });
  await ws.createProject({ client: 'Nordlicht Analytics', name: 'Churn model POC', estimate: '40' });
  await ws.createProject({ client: 'Harbour Health', name: 'Triage classifier', estimate: '120' });
  await shell.open('Time');
  const entries: Array<[string, string]> = [
    ['Nordlicht Analytics · Churn model POC', 'yesterday 9:00-11:30 feature audit'],
    ['Harbour Health · Triage classifier', 'yesterday 13:00 for 2h labelling guidelines'],
    ['Nordlicht Analytics · Churn model POC', 'today 8:30-10:15 baseline model'],
    ['Harbour Health · Triage classifier', 'today 10:30-11 stand-up'],
    ['Harbour Health · Triage classifier', 'today 11:15 1h30 error analysis'],
  ];
  for (const [project, text] of entries) await ws.typeBlock(project, text);
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();

  const shots: Array<[string, string]> = [
    ['Today', 'workspace-today.png'],
    ['Clients', 'workspace-clients.png'],
    ['Projects', 'workspace-projects.png'],
    ['Time', 'workspace-time.png'],
    ['Reports', 'workspace-reports.png'],
  ];
  for (const [screen, file] of shots) {
    await shell.open(screen);
    if (screen === 'Reports') {
      await page.getByLabel('Period').selectOption({ label: 'Last 90 days' });
      await expect(page.getByRole('heading', { name: 'By project' })).toBeVisible();
    }
    // Today counts only blocks that have happened: the typed ones end by 12:45 in the page's zone.
    if (screen === 'Today' && berlinHour() >= 13) await expect(page.getByTestId('deep-today')).not.toHaveText('0:00');
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots', file) });
  }
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('new');
  await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/workspace-palette.png') });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('form', { name: 'Add time' }).getByLabel('Time')).toBeFocused();
});

test('edit, split, merge and delete with undo, from the keyboard', async ({ app }) => {
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  await ws.createClient({ name: 'Acme', country: 'France', currency: 'EUR', rate: '80', residency: 'EU' });
  await ws.createProject({ client: 'Acme', name: 'Forecasting' });
  await page.keyboard.press('Control+e');
  await expect(shell.heading).toHaveText('Time');
  await ws.typeBlock('Acme · Forecasting', '2026-11-18 9-12 modelling');
  await ws.typeBlock('Acme · Forecasting', '2026-11-18 12:00-12:30 modelling');
  await expect(page.getByTestId('total-duration')).toHaveText('3:30');

  // The table is newest first, so End reaches the 9-12 block; split it at 10:30.
  const table = page.getByRole('grid', { name: 'Time blocks' });
  await table.focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const editor = page.getByRole('dialog', { name: 'Edit time block' });
  await expect(editor.getByLabel('Start')).toHaveValue('09:00');
  await editor.getByLabel('Split at').fill('10:30');
  await editor.getByRole('button', { name: 'Split' }).click();
  await expect(page.getByText('Split into 1:30 and 1:30.')).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(3);
  await expect(page.getByTestId('total-duration')).toHaveText('3:30');

  // Merge all three back (Space selects the active row).
  await table.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowDown');
  }
  await page.getByRole('button', { name: 'Merge 3' }).click();
  await expect(page.getByText('Merged 3 blocks into 3:30.')).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(1);

  // Edit the note, then delete with the Delete key and take it back.
  await table.focus();
  await page.keyboard.press('Enter');
  await editor.getByLabel('Note').fill('modelling, merged');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(ws.tableRows().first()).toContainText('modelling, merged');
  await table.focus();
  await page.keyboard.press('Delete');
  await expect(ws.tableRows()).toHaveCount(0);
  // Split and merge offer Undo too; this one is the delete's.
  await page.locator('.toast', { hasText: 'Deleted a 3:30 block.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(ws.tableRows().first()).toContainText('modelling, merged');
  await expect(page.getByTestId('total-duration')).toHaveText('3:30');

  // It was stored, not only shown: lock, unlock, still there.
  await page.keyboard.press('Control+l');
  const vault = new VaultPage(page);
  await vault.unlock();
  await vault.expectUnlocked();
  await shell.open('Time');
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(ws.tableRows().first()).toContainText('9:00–12:30');
});

/** The hour now in the page's time zone (the fixtures run the page in Europe/Berlin). */
function berlinHour(): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(Date.now()));
}
