/**
 * A ledger you can bill from (issue 19, findings 1, 2, 3 and the typed half of 10), walked as a
 * freelancer would: a typo'd range, an evening past midnight, an Edit with End before Start, an
 * invoice issued and voided, a merge that keeps both notes, Ctrl+Z, and a kill switch that stops
 * typed time as it stops the timer. Each step fails if the finding comes back.
 */
import { expect, test } from './support/fixtures.ts';
import { HELIX_BILLING, InvoicesPage } from './support/invoices-page.ts';
import { HELIX, HELIX_PROJECT, testVault } from './support/test-vault.ts';

const PROJECT = 'Helix Bio · Assay classifier';
/** Finding 2's clock: a Wednesday in Berlin, so "yesterday" falls in the month the draft bills. */
const WEDNESDAY_AFTERNOON = new Date('2026-12-09T15:00:00+01:00');

test('finding 1: a reversed range is refused with what was typed; an evening past midnight says it ends the next day; End before Start is an error on End', async ({
  app,
}) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');

  await ws.typeRefused(PROJECT, 'yesterday 13:00-12:00 typo');
  await expect(ws.entryPreview()).toContainText('"13:00-12:00" ends before it starts. Did you mean 12:00-13:00?');
  await expect(page.getByRole('form', { name: 'Add time' }).getByRole('alert')).toContainText('ends before it starts');
  await expect(ws.tableRows()).toHaveCount(0);
  await expect(page.getByText(/23:00/)).toHaveCount(0);

  await page.getByRole('form', { name: 'Add time' }).getByLabel('Time').fill('yesterday 22:00-01:00 late training run');
  await expect(ws.entryPreview()).toContainText('(3:00)');
  await expect(ws.entryPreview()).toContainText('Ends the next day.');
  await page.getByRole('form', { name: 'Add time' }).getByLabel('Time').press('Enter');
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(page.getByTestId('total-duration')).toHaveText('3:00');

  await ws.typeBlock(PROJECT, '2026-11-20 9:30-11 review');
  const editor = await ws.editRow('review');
  await editor.getByLabel('End').fill('09:00');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByLabel('End')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByLabel('End')).toBeFocused();
  await expect(editor.getByRole('alert')).toHaveText(/^End: 09:00 is before Start \(09:30\)/);
  await expect(editor).toBeVisible();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('total-duration')).toHaveText('4:30');
});

test('finding 2: a draft bills nothing; an issued invoice locks and marks its time; voiding unlocks exactly that, and the number is not reused', async ({
  app,
}) => {
  const { page } = app;
  await page.clock.setFixedTime(WEDNESDAY_AFTERNOON);
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  const invoices = new InvoicesPage(page);
  await invoices.saveProfile();
  await invoices.saveBilling('Helix Bio', HELIX_BILLING);
  await shell.open('Time');
  await ws.typeBlock(PROJECT, 'yesterday 9-11 labelling review');

  const draft = await invoices.newDraft('Helix Bio');
  await expect(draft.getByRole('table', { name: 'Invoice lines' })).toContainText('€240.00');
  // A draft looked at and closed bills nothing.
  await invoices.closeDraft();
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText('Yes');
  await expect(ws.row('labelling review')).not.toContainText('Billed');

  await invoices.openDraft('Helix Bio');
  const { number, locks } = await invoices.issue();
  expect(number).toMatch(/^INV-\d{4}-0001$/);
  expect(locks).toBe('1 time block and 0 expenses are marked billed and locked.');
  await invoices.list();
  await expect(invoices.row(number)).toContainText(/Helix Bio.*€240\.00.*Open/);

  // Marked and locked: the row says which invoice; the editor is read-only and says how to unlock.
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText(`Billed · ${number}`);
  const editor = await ws.editRow('labelling review');
  await expect(editor.getByRole('note')).toContainText('void the invoice');
  await expect(editor.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(editor.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(editor.getByLabel('End')).toBeDisabled();
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('grid', { name: 'Time blocks' }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot be changed, split, merged or deleted' })).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(1);

  // Void: a credit note with its own number; the invoice's number stays, as void; the block is unbilled and editable again.
  await invoices.open(number);
  const credit = await invoices.voidWithCreditNote();
  expect(credit).toMatch(/^CN-\d{4}-0001$/);
  await expect(page.getByText(`Invoice ${number} is void: credit note ${credit} issued; 1 item unbilled and editable again.`)).toBeVisible();
  await invoices.list();
  await expect(invoices.row(number)).toContainText(/Void since \d{1,2} \w+ \d{4}/);
  await expect(invoices.row(credit)).toContainText('Credit note');
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText('Yes');
  await expect(ws.row('labelling review')).not.toContainText('Billed');
  // Issued again, it gets the next number: a voided number is never reused.
  const again = await invoices.newDraft('Helix Bio');
  await expect(again.getByRole('table', { name: 'Invoice lines' })).toContainText('€240.00');
  const reissued = await invoices.issue();
  expect(reissued.number).toBe(number.replace(/0001$/, '0002'));
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText(`Billed · ${reissued.number}`);
});

test('finding 3: merge keeps both notes; Ctrl+Z undoes the merge and a delete, but not inside a text field', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  await ws.typeBlock(PROJECT, '2026-11-18 9-10 data audit');
  await ws.typeBlock(PROJECT, '2026-11-18 10-11:30 baseline model');
  const table = page.getByRole('grid', { name: 'Time blocks' });
  await table.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.getByRole('button', { name: 'Merge 2' }).click();
  await expect(page.getByText('Merged 2 blocks into 2:30.')).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(1);
  await expect(ws.tableRows().first()).toContainText('data audit; baseline model');

  await table.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByText('Undid the merge of 2 blocks.')).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(2);
  await expect(ws.row('data audit')).toContainText('9:00–10:00');
  await expect(ws.row('baseline model')).toContainText('10:00–11:30');
  await expect(page.getByTestId('total-duration')).toHaveText('2:30');

  await table.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  await expect(ws.tableRows()).toHaveCount(1);
  // Inside a text field Ctrl+Z is the field's own undo: the block stays deleted.
  const entry = page.getByRole('form', { name: 'Add time' }).getByLabel('Time');
  await entry.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^Undid /)).toHaveCount(0);
  await expect(ws.tableRows()).toHaveCount(1);
  await table.focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByText(/^Undid the delete of a 1:\d\d block\.$/)).toBeVisible();
  await expect(ws.tableRows()).toHaveCount(2);
  await expect(page.getByTestId('total-duration')).toHaveText('2:30');
  await page.keyboard.press('Control+z');
  await expect(page.getByText('Nothing to undo.')).toBeVisible();
});

test('finding 10 (typed): a block typed on a project whose kill switch has triggered is refused in the switch’s words until acknowledged', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'Assay classifier: playbook' });
  await detail.getByRole('button', { name: 'Add kill switch' }).click();
  const form = detail.getByRole('form', { name: 'New kill switch' });
  await form.getByLabel('Hours', { exact: true }).fill('2');
  await form.getByLabel('What was agreed to happen').fill('Stop and call Helix before more hours.');
  await form.getByRole('button', { name: 'Add kill switch' }).click();
  await detail.getByRole('button', { name: 'Close' }).click();

  await shell.open('Time');
  await ws.typeBlock(PROJECT, '2026-11-16 8-10:30 assay audit');
  const banner = page.getByRole('alert').filter({ hasText: 'Kill switch triggered: Helix Bio · Assay classifier' });
  await expect(banner).toBeVisible();

  await ws.typeRefused(PROJECT, 'mon 9-12 more modelling');
  await expect(ws.entryPreview()).toContainText('Stop and call Helix before more hours.');
  await expect(page.getByRole('form', { name: 'Add time' }).getByRole('alert')).toContainText(
    'The kill switch on Assay classifier has triggered. Agreed: “Stop and call Helix before more hours.”',
  );
  await expect(ws.tableRows()).toHaveCount(1);

  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  const decision = page.getByRole('dialog', { name: 'Acknowledge the kill switch on Assay classifier' });
  await decision.getByLabel('Continue as agreed, without a new budget').check();
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(banner).toBeHidden();
  // The banner goes when the timer hears the decision; the entry accepts time once the switch is written (its preview says so).
  await expect(ws.entryPreview()).not.toContainText('Stop and call Helix before more hours.');
  await page.getByRole('form', { name: 'Add time' }).getByLabel('Time').press('Enter');
  await expect(ws.tableRows()).toHaveCount(2);
});
