/**
 * Nothing readable on disk: records typed through the real app, with a canary in every sensitive
 * field the UI has, never reach the browser profile in any text encoding. The block's id, which is
 * stored in clear on purpose, is found by the same scan: so the data did reach the disk and the
 * scan can see it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { scanFolder } from './support/profile-scan.ts';
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
  console.log(`Scanned ${everything.files} profile files (${everything.bytes} bytes) for ${canary}: ${everything.hits.length} hits.`);
  expect(everything.hits).toEqual([]);
});
