/**
 * Nothing readable on disk: records typed through the real app, with a canary in every sensitive
 * field the UI has, never reach the browser profile in any text encoding. The block's id, which is
 * stored in clear on purpose, is found by the same scan: so the data did reach the disk and the
 * scan can see it.
 *
 * The second test types the canary into every text field of every screen and dialog (found by
 * type, not by name, so a new field is covered), pauses as a person would so Chromium syncs the
 * page's form state, then scans the whole profile, LevelDB tables decompressed. Before every field
 * opted out (autocomplete="off"), it found the canary in UTF-16 in `Sessions/`. Its positive
 * control plants the canary in a Snappy-compressed table and finds it only by reading the table.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { AppShell } from './support/app-shell.ts';
import { BERLIN_SELLER, InvoicesPage } from './support/invoices-page.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { scanFolder } from './support/profile-scan.ts';
import { snappyTable } from './support/leveldb-writer.ts';
import { SyncPage } from './support/sync-page.ts';
import { typeEverywhere } from './support/type-everywhere.ts';
import { WorkspacePage } from './support/workspace-page.ts';
import { parseCsv } from '../../src-renderer/reports/csv.ts';

test('client, project and time block fields typed in the app are not in the Chromium profile', async ({ app }) => {
  needs(app, 'quitApp', 'scans the Chromium profile, which the host and the double keep in a known folder');
  needs(app, 'main', 'reads the exported CSV through the save dialog');
  const { page } = app;
  const canary = `canary${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  await ws.createClient({
    name: `${canary} name`,
    company: `${canary} company`,
    email: `${canary}@example.org`,
    phone: `+49 30 ${canary}`,
    address: `${canary} street 1, Berlin`,
    country: 'Germany',
    currency: 'EUR',
    rate: '123.45',
    residency: 'EEA',
    notes: `${canary} notes`,
  });
  await ws.createProject({ client: `${canary} name`, name: `${canary} project`, notes: `${canary} project notes` });
  await shell.open('Time');
  await ws.typeBlock(`${canary} name · ${canary} project`, `2026-11-20 9:30-11 ${canary} block note`);

  // The block's id (clear by design) is the positive control; the CSV gives it to us.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText('Exported 1 blocks.')).toBeVisible();
  const [header, row] = parseCsv(await readFile((await app.main.savedFiles()).at(-1)!, 'utf8'));
  const blockId = row![header!.indexOf('block_id')]!;
  expect(row![header!.indexOf('note')]).toContain(canary);

  // Lock (closes the database) and close the browser, so Chromium writes everything out.
  await page.getByRole('button', { name: /^Lock/ }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
  await app.quitApp();

  const idb = await scanFolder(join(app.profileDir!, 'Default', 'IndexedDB'), [blockId]);
  expect(idb.files).toBeGreaterThan(0);
  expect(idb.hits.length, 'the clear block id is on disk, so the scan sees stored rows').toBeGreaterThan(0);

  const everything = await scanFolder(app.profileDir!, [canary]);
  console.log(
    `Scanned ${everything.files} profile files (${everything.bytes} bytes, ${everything.tables} LevelDB tables) for ${canary}: ${everything.hits.length} hits.`,
  );
  expect(everything.hits).toEqual([]);
  expect(everything.unreadable).toEqual([]);
});

test('text typed into every field of every screen and dialog is nowhere in the profile, LevelDB tables decompressed', async ({ app }) => {
  test.setTimeout(300_000);
  needs(app, 'quitApp', 'scans the Chromium profile, which the host and the double keep in a known folder');
  const { page } = app;
  const canary = `canary${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const shell = new AppShell(page);
  await shell.ready();
  const ws = new WorkspacePage(page);
  /** Fields typed into, per part of the app: each must be more than zero, or the test typed nowhere there. */
  const typed: Record<string, number> = {};
  const type = async (where: string, scope: Locator) => {
    typed[where] = (typed[where] ?? 0) + (await typeEverywhere(scope, (n) => `${canary} ${where} ${n}`));
    // A person pauses before closing: Chromium syncs a page's state (form fields included) about
    // a second after it changes, and only fields still in the page are kept.
    await page.waitForTimeout(1_500);
  };
  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
  const close = async (name: string | RegExp) => {
    await page.keyboard.press('Escape');
    await expect(dialog(name)).toBeHidden();
  };

  // Records that exist, with the canary in them.
  await ws.createClient({
    name: `${canary} name`,
    email: `${canary}@example.org`,
    country: 'Germany',
    currency: 'EUR',
    rate: '100',
    residency: 'EEA',
    notes: `${canary} notes`,
  });
  await ws.createProject({ client: `${canary} name`, name: `${canary} project` });
  await shell.open('Time');
  await ws.typeBlock(`${canary} name · ${canary} project`, `2026-11-20 9:30-11 ${canary} block note`);

  // Clients: the new-client form, and the GDPR dialogs that take text.
  await shell.open('Clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  await type('client', dialog('New client'));
  await close('New client');
  await page.getByRole('button', { name: `Record of processing for ${canary} name` }).click();
  await type('processing record', dialog(/^Record of processing/));
  await close(/^Record of processing/);
  await page.getByRole('button', { name: `Erase ${canary} name` }).click();
  await type('erase', dialog(/^Erase /));
  await close(/^Erase /);

  // Projects: the new-project form, then the playbook: terms, a phase, experiments, expenses, kill switches.
  await shell.open('Projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  await type('project', dialog('New project'));
  await close('New project');
  await page.getByRole('button', { name: `${canary} project`, exact: true }).click();
  const playbook = dialog(`${canary} project: playbook`);
  await type('terms', playbook.getByRole('form', { name: 'Terms' }));
  await playbook.getByRole('button', { name: 'Discovery', exact: true }).click();
  await type('phase', playbook.getByRole('form', { name: 'Phase Discovery' }));
  await playbook.getByRole('button', { name: 'Add experiment' }).click();
  await type('experiment', playbook.getByRole('form', { name: 'New experiment' }));
  await playbook.getByRole('button', { name: 'Add expense' }).click();
  await type('expense', playbook.getByRole('form', { name: 'New expense' }));
  await playbook.getByRole('button', { name: 'Add kill switch' }).click();
  await type('kill switch', playbook.getByRole('form', { name: 'New kill switch' }));
  await close(`${canary} project: playbook`);

  // Time: the filters and the block editor.
  await shell.open('Time');
  await type('time filters', page.getByRole('search', { name: 'Filter time blocks' }));
  await page.getByRole('search', { name: 'Filter time blocks' }).getByLabel('Search notes').fill('');
  await page.getByRole('grid', { name: 'Time blocks' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await type('time block', dialog('Edit time block'));
  await close('Edit time block');

  // Reports: the weekly update and the invoice.
  await shell.open('Reports');
  await page.getByRole('button', { name: 'Weekly update…' }).click();
  await type('weekly update', dialog('Weekly client update'));
  await close('Weekly client update');

  // Invoicing: the client's billing details, and a draft invoice (its lines, a line of your own,
  // the note). The business profile is typed into with the rest of Settings below.
  const invoices = new InvoicesPage(page);
  await shell.open('Clients');
  await page.getByRole('button', { name: `Edit ${canary} name` }).click();
  await dialog('Edit client').getByLabel('Add billing details (an invoice needs them)').check();
  await type('billing details', dialog('Edit client'));
  await close('Edit client');
  await invoices.saveProfile({ ...BERLIN_SELLER, legalName: `${canary} seller` });
  await invoices.saveBilling(`${canary} name`, { legalName: `${canary} legal name`, address: `${canary} billing street`, business: false });
  const draft = await invoices.newDraft(`${canary} name`);
  await invoices.setPeriod('2026-11-01', '2026-11-30');
  await expect(draft.getByLabel('Line 1 description')).toBeVisible();
  await draft.getByText('Add a line of your own').click();
  await type('invoice', draft);
  await invoices.closeDraft();

  // Settings (contacts among them) and targets.
  await shell.open('Settings');
  await type('settings', page.locator('main'));
  const sync = new SyncPage(page);
  await sync.open();
  await type('target', await sync.openAddTarget());
  await close('Add a sync target');

  // The command palette.
  await page.keyboard.press('Control+k');
  await type('palette', dialog('Go to or do…'));
  await page.keyboard.press('Escape');

  console.log(`Typed the canary into ${Object.values(typed).reduce((a, b) => a + b, 0)} fields: ${JSON.stringify(typed)}`);
  for (const [where, count] of Object.entries(typed)) expect(count, `fields typed into on ${where}`).toBeGreaterThan(0);

  // Lock (closes the database) and quit, so Chromium writes its session and storage files out.
  await page.getByRole('button', { name: /^Lock/ }).click();
  await expect(page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
  await app.quitApp();

  const scan = await scanFolder(app.profileDir!, [canary]);
  console.log(`Scanned ${scan.files} profile files (${scan.bytes} bytes, ${scan.tables} LevelDB tables) for ${canary}: ${scan.hits.length} hits.`);
  expect(scan.hits).toEqual([]);
  expect(scan.unreadable).toEqual([]);

  // Positive control: the same canary in a Snappy-compressed table, as Chromium's LevelDB writes
  // them, is found, and only by reading the table.
  const planted = join(app.profileDir!, 'Default', 'Local Storage', 'leveldb', '999999.ldb');
  await mkdir(join(planted, '..'), { recursive: true });
  const value = Buffer.from(`${canary} ${canary} ${canary}`, 'utf16le');
  const table = snappyTable([[Buffer.from('_app://caravan\u0000\u0001note'), value]]);
  expect(table.includes(Buffer.from(`${canary} ${canary}`, 'utf16le'))).toBe(false);
  await writeFile(planted, table);
  const control = await scanFolder(app.profileDir!, [`${canary} ${canary}`]);
  expect(control.hits).toContain('/Default/Local Storage/leveldb/999999.ldb [leveldb] (utf-16le: ' + `${canary} ${canary})`);
});
