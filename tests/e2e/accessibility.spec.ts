/**
 * axe-core on every screen and dialog, with data in them (a client with a long name, projects, a
 * table of time blocks, grouped and not, a long audit log): no critical and no serious violation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, needs, test } from './support/fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { SyncPage } from './support/sync-page.ts';
import { testVault } from './support/test-vault.ts';
import { SCREENS as NAV_SCREENS } from '../../src-renderer/nav/screens.ts';

let folder: string;
test.beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'caravan-e2e-axe-'));
});
test.afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const LONG = `Helios Robotics and Autonomous Systems Research ${'Laboratory '.repeat(12)}`.trim().slice(0, 190);

test('every screen and dialog, with data: no critical or serious axe violation', async ({ app }) => {
  needs(app, 'main', 'answers the folder picker from the test');
  test.setTimeout(180_000);
  const { page, main } = app;
  const { shell, ws } = await testVault(page, {
    clients: [
      { name: LONG, country: 'Austria', currency: 'EUR', rate: '130', residency: 'EU' },
      { name: 'Kestrel Health', country: 'France', currency: 'EUR', rate: '120', residency: 'EEA' },
    ],
    projects: [
      { client: LONG, name: 'Grasp detection', estimate: '40' },
      { client: 'Kestrel Health', name: 'Triage model' },
    ],
  });
  await shell.open('Time');
  for (const [i, text] of ['2026-11-23 9-11:30 labelling review', '2026-11-24 13-15 model training run', '2026-11-25 10-12 error analysis'].entries()) {
    await ws.typeBlock(i === 2 ? 'Kestrel Health · Triage model' : `${LONG} · Grasp detection`, text);
  }

  // A sync target and a few rounds: the audit log grows long enough to scroll.
  const sync = new SyncPage(page);
  await sync.open();
  await sync.addTarget('Shared folder', (dialog) => sync.fillFolder(dialog, main, folder, 'Austria'));
  for (let round = 0; round < 3; round++) await sync.syncNow();

  const found: Record<string, unknown> = {};
  const check = async (where: string) => {
    const v = await seriousViolations(page);
    if (v.length > 0) found[where] = v;
  };

  for (const screen of NAV_SCREENS.map((s) => s.label)) {
    await shell.open(screen);
    await check(screen);
  }
  await shell.open('Time');
  for (const group of ['Group by day', 'Group by client']) {
    await page.getByLabel('Group by').selectOption({ label: group });
    await check(`Time, ${group}`);
  }

  const dialogs: [string, string, string][] = [
    ['Clients', 'New client', 'New client'],
    ['Projects', 'New project', 'New project'],
    ['Sync', 'Add target', 'Add a sync target'],
  ];
  for (const [screen, button, name] of dialogs) {
    await shell.open(screen);
    await page.getByRole('button', { name: button }).first().click();
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    await check(`${screen}: ${name}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  await shell.open('Projects');
  await page.getByRole('button', { name: 'Grasp detection', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Grasp detection: playbook' })).toBeVisible();
  await check('Project playbook');
  await page.keyboard.press('Escape');

  expect(found).toEqual({});
});
