/**
 * Time that travels (issue 21, item 5), walked as a person would on Berlin's clock changes (the
 * browser's zone is Europe/Berlin, fixtures.ts): a typed time in the spring gap or the autumn
 * overlap is asked about in words, answered from the keyboard, and nothing is saved before; the
 * display zone chosen in the Time header moves every time shown and names the zone of the others.
 */
import { expect, test } from './support/fixtures.ts';
import { HELIX, HELIX_PROJECT, testVault } from './support/test-vault.ts';

const PROJECT = 'Helix Bio · Assay classifier';

test('a time in the spring gap is asked about in the entry and in the editor, and nothing is saved until it is answered', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  const entry = page.getByRole('form', { name: 'Add time' });

  await ws.typeRefused(PROJECT, '2026-03-29 2:30-4:00 gap review');
  await expect(ws.entryPreview()).toHaveText('02:30 does not exist on 29 March in Berlin (clocks went forward at 02:00). Use 01:59 CET or 03:30 CEST?');
  const choices = entry.getByRole('group', { name: /02:30 does not exist/ });
  // Enter moved focus to the first reading instead of saving a guess.
  await expect(choices.getByRole('button', { name: '01:59 CET' })).toBeFocused();
  await expect(ws.tableRows()).toHaveCount(0);
  await page.keyboard.press('Tab');
  await expect(choices.getByRole('button', { name: '03:30 CEST' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(entry.getByLabel('Time')).toBeFocused();
  await expect(ws.entryPreview()).toContainText('(0:30)');
  await page.keyboard.press('Enter');
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(page.getByTestId('total-duration')).toHaveText('0:30');

  const editor = await ws.editRow('gap review');
  await expect(editor.getByLabel('Start')).toHaveValue('03:30');
  await editor.getByLabel('Start').fill('02:15');
  const question = editor.getByRole('group', { name: /Start: 02:15 does not exist/ });
  await expect(question).toContainText('Start: 02:15 does not exist on 29 March in Berlin (clocks went forward at 02:00). Use 01:59 CET or 03:15 CEST?');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeVisible();
  await expect(question.getByRole('button', { name: '01:59 CET' })).toBeFocused();
  await expect(page.getByTestId('total-duration')).toHaveText('0:30');
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor).toBeHidden();
  // 01:59 CET to 04:00 CEST is one hour and one minute of real time, not two hours and one.
  await expect(page.getByTestId('total-duration')).toHaveText('1:01');
});

test('a time in the repeated autumn hour asks which pass; the second pass makes the block an hour longer', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  await ws.typeRefused(PROJECT, '2026-10-25 1:00-2:30 night run');
  await expect(ws.entryPreview()).toHaveText('02:30 happens twice on 25 October in Berlin. The first (CEST, UTC+2) or the second (CET, UTC+1)?');
  await page.getByRole('button', { name: 'The second (CET, UTC+1)' }).click();
  await expect(ws.entryPreview()).toContainText('(2:30)');
  await page.getByRole('form', { name: 'Add time' }).getByLabel('Time').press('Enter');
  await expect(page.getByTestId('total-duration')).toHaveText('2:30');
});

test('the display zone chosen in the Time header moves every time and names the zone of times shown elsewhere', async ({ app }) => {
  const { page } = app;
  const { shell, ws, vault } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  await ws.typeBlock(PROJECT, '2026-11-20 9:00-10:30 kickoff');
  await expect(page.getByText('Times shown in Europe/Berlin')).toBeVisible();
  // The Time cell (after the checkbox and the date); en-GB writes an hour without its leading zero.
  const timeCell = ws.row('kickoff').getByRole('gridcell').nth(2);
  await expect(timeCell).toHaveText('9:00–10:30');

  // A home zone in Lisbon: the block logged in Berlin reads an hour earlier, with no city (it is the header's zone).
  await page.getByLabel('Home zone').fill('Europe/Lisbon');
  await page.getByLabel('Home zone').press('Enter');
  await expect(page.getByText('Times shown in Europe/Lisbon')).toBeVisible();
  await expect(timeCell).toHaveText('8:00–9:30');

  // Each block in its own zone: Berlin's time again, named, since the header's zone is Lisbon.
  await page.getByLabel('Show times in').selectOption({ label: 'Each block’s own zone' });
  await expect(page.getByText('Times shown where each block was logged (named when not Lisbon)')).toBeVisible();
  await expect(timeCell).toHaveText('9:00–10:30 Berlin');

  // The choice is a workspace setting: it is still there after a reload and unlock.
  await page.reload();
  await vault.unlock();
  await vault.expectUnlocked();
  await expect(shell.heading).toHaveText('Time');
  await expect(page.getByLabel('Show times in')).toHaveValue('block');
  await expect(timeCell).toHaveText('9:00–10:30 Berlin');
});
