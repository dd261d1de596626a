/**
 * Issue 22, "History and restore": a person deletes a client's blocks by mistake around noon, and
 * later puts them back from Sync → History "as of this morning". The restore is a new write (the
 * blocks' own history shows it after the delete), it can be undone, and the record history is
 * reachable from the block editor.
 *
 * The page's clock is faked (Playwright's clock: time still flows, fastForward jumps); it starts
 * on Wednesday 10 March 2027, 07:30 in Berlin, the suite's zone, later than any real clock the
 * vault's HLC may have seen, so every write is stamped with the faked time.
 */
import { join } from 'node:path';
import { expect, test } from './support/fixtures.ts';
import { REPO_ROOT } from '../host/server.ts';
import { ACME, testVault } from './support/test-vault.ts';
import { seriousViolations } from './support/axe.ts';

const PROJECT = { client: ACME.name, name: 'Churn model' };
const LABEL = `${ACME.name} · ${PROJECT.name}`;
const NOTES = ['feature audit', 'label cleanup', 'baseline run'];

test('blocks deleted by mistake come back from History as of this morning, and the restore can be undone', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.clock.install({ time: new Date('2027-03-10T07:30:00+01:00') });
  const { shell, ws, vault } = await testVault(page, { clients: [ACME], projects: [PROJECT] });

  // Yesterday's work, logged this morning.
  await shell.open('Time');
  await ws.typeBlock(LABEL, `2027-03-09 9-11 ${NOTES[0]}`);
  await ws.typeBlock(LABEL, `2027-03-09 11:30-13 ${NOTES[1]}`);
  await ws.typeBlock(LABEL, `2027-03-09 14-16:30 ${NOTES[2]}`);
  await expect(ws.tableRows()).toHaveCount(3);

  // Around noon, the three are deleted by mistake (the undo toast is long gone when it is noticed).
  // Hours away lock the vault (auto-lock after 15 idle minutes): unlocked again on return.
  await page.clock.fastForward('04:00:00');
  await vault.unlock();
  await shell.open('Time');
  for (const note of NOTES) {
    const editor = await ws.editRow(note);
    await editor.getByRole('button', { name: 'Delete' }).click();
    await expect(editor).toBeHidden();
  }
  await expect(ws.tableRows()).toHaveCount(0);
  await page.clock.fastForward('02:00:00');
  await vault.unlock();

  // Sync → History, as of 10:00 this morning.
  // Reached from the command palette (Sync → History → Open history is the other way).
  await shell.open('Today');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('restore');
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Sync');
  const history = page.getByRole('dialog', { name: 'History' });
  await expect(history.getByLabel('As of')).toBeVisible();
  await history.getByLabel('As of').fill('2027-03-10T10:00');
  await history.getByRole('button', { name: 'Compare with now' }).click();
  await expect(history.getByText(/^3 records differ from 10 Mar 2027/)).toBeVisible();
  const acme = history.getByRole('region', { name: ACME.name });
  await expect(acme.getByText('Time blocks (3)')).toBeVisible();
  await expect(acme.getByText('Deleted since')).toHaveCount(3);
  await expect(acme.getByRole('checkbox', { name: 'Deleted since Deep work on Churn model, 9 Mar 2027, 09:00, 2 h' })).toBeVisible();

  // The record's own history: created this morning, deleted at noon, on this device.
  await acme.getByRole('button', { name: /^History of Deep work on Churn model, 9 Mar 2027, 09:00/ }).click();
  const one = page.getByRole('dialog', { name: /^History: Deep work on Churn model/ });
  const steps = one.getByRole('list', { name: 'Changes, newest first' });
  await expect(steps.getByText(/^Deleted 10 Mar 2027, 11:3\d · This device$/)).toBeVisible();
  await expect(steps.getByText(/^Created 10 Mar 2027, 07:3\d · This device$/)).toBeVisible();
  // Escape closes it and hands focus back to the row's History button.
  await page.keyboard.press('Escape');
  await expect(one).toBeHidden();
  await expect(acme.getByRole('button', { name: /^History of Deep work on Churn model, 9 Mar 2027, 09:00/ })).toBeFocused();
  await acme.getByRole('checkbox', { name: 'Select all: Acme Analytics: Time blocks' }).check();
  await expect(history.getByRole('button', { name: 'Restore selected (3)' })).toBeEnabled();
  expect(await seriousViolations(page)).toEqual([]);
  if (app.shell === 'host') await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/history-restore.png') });

  await history.getByRole('button', { name: 'Restore everything shown (3)' }).click();
  await expect(history.getByText('Restored 3 records as new changes; your other devices get them at the next sync.')).toBeVisible();
  await expect(history.getByText(/^(Nothing|No record) changed since 10 Mar 2027/)).toBeVisible();

  // Undo the restore, then restore again: both are new writes.
  await history.getByRole('button', { name: 'Undo this restore' }).click();
  await expect(history.getByText('Restore undone: 3 records put back as they were just before it.')).toBeVisible();
  await expect(history.getByText(/^3 records differ from/)).toBeVisible();
  await history.getByRole('button', { name: 'Restore everything shown (3)' }).click();
  await expect(history.getByText(/^Restored 3 records/)).toBeVisible();
  await history.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('button', { name: 'Open history' }).click();
  await expect(history.getByLabel('As of')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Back on Time: the three blocks, and the editor's History shows the restore after the delete.
  await shell.open('Time');
  await expect(ws.tableRows()).toHaveCount(3);
  const editor = await ws.editRow(NOTES[0] as string);
  await editor.getByRole('button', { name: 'History' }).click();
  const own = page.getByRole('dialog', { name: 'History of this time block' });
  const kinds = own.getByRole('list', { name: 'Changes, newest first' }).locator(':scope > li strong');
  await expect(kinds).toHaveText(['Created', 'Deleted', 'Created', 'Deleted', 'Created']);
  // Escape closes the history and leaves the editor open under it.
  await page.keyboard.press('Escape');
  await expect(own).toBeHidden();
  await expect(editor).toBeVisible();
});
