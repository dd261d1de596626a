/**
 * A ledger you can bill from (issue 19, findings 1, 2, 3 and the typed half of 10), walked as a
 * freelancer would: a typo'd range, an evening past midnight, an Edit with End before Start, an
 * invoice issued and voided, a merge that keeps both notes, Ctrl+Z, and a kill switch that stops
 * typed time as it stops the timer. Each step fails if the finding comes back.
 */
import { expect, needs, test } from './support/fixtures.ts';
import { HELIX, HELIX_PROJECT, testVault } from './support/test-vault.ts';

const PROJECT = 'Helix Bio · Assay classifier';

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
  needs(app, 'main', 'issuing saves the invoice PDF through the save dialog the host or the double answers');
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  await ws.typeBlock(PROJECT, 'yesterday 9-11 labelling review');

  await shell.open('Reports');
  await page.getByRole('button', { name: 'Draft invoice…' }).click();
  const invoice = page.getByRole('dialog', { name: 'Draft invoice' });
  await invoice.getByLabel('Client').selectOption({ label: 'Helix Bio' });
  await invoice.getByLabel('From (your name or business)').fill('Ada Consulting');
  await expect(invoice.getByRole('table', { name: 'Invoice lines' })).toContainText('€240.00');
  await expect(invoice.getByText(/This is a draft: nothing is numbered or marked billed yet/)).toBeVisible();
  // A draft looked at and closed bills nothing.
  await invoice.getByRole('button', { name: 'Close' }).click();
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText('Yes');
  await expect(ws.row('labelling review')).not.toContainText('Billed');

  await shell.open('Reports');
  await page.getByRole('button', { name: 'Draft invoice…' }).click();
  await invoice.getByLabel('Client').selectOption({ label: 'Helix Bio' });
  await invoice.getByLabel('From (your name or business)').fill('Ada Consulting');
  await invoice.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(invoice.getByText(/^Invoice \d{4}-0001 issued and saved; 1 item marked billed\.$/)).toBeVisible();
  const issued = invoice.getByRole('table', { name: 'Issued invoices' });
  await expect(issued).toContainText(/\d{4}-0001.*1 time block.*€240\.00.*Issued/);
  await invoice.getByRole('button', { name: 'Close' }).click();

  // Marked and locked: the row says which invoice; the editor is read-only and says how to unlock.
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText(/Billed · \d{4}-0001/);
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

  // Void: the number stays, as void; the block is unbilled and editable again.
  await shell.open('Reports');
  await page.getByRole('button', { name: 'Draft invoice…' }).click();
  await invoice.getByLabel('Client').selectOption({ label: 'Helix Bio' });
  await issued.getByRole('button', { name: 'Void…' }).click();
  await expect(issued.getByRole('group')).toContainText('stays in your records as void and its number is not reused');
  await issued.getByRole('button', { name: /^Void invoice \d{4}-0001$/ }).click();
  await expect(invoice.getByText(/^Invoice \d{4}-0001 is void; 1 item unbilled and editable again\.$/)).toBeVisible();
  await expect(issued).toContainText(/\d{4}-0001.*Void since \d{4}-\d{2}-\d{2}/);
  await expect(invoice.getByRole('table', { name: 'Invoice lines' })).toContainText('€240.00');
  // Issued again, it gets the next number: a voided number is never reused.
  await invoice.getByRole('button', { name: 'Issue invoice' }).click();
  await expect(invoice.getByText(/^Invoice \d{4}-0002 issued and saved; 1 item marked billed\.$/)).toBeVisible();
  await invoice.getByRole('button', { name: 'Close' }).click();
  await shell.open('Time');
  await expect(ws.row('labelling review')).toContainText(/Billed · \d{4}-0002/);
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
