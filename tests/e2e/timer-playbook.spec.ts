/**
 * Issue 19, findings 6, 9 and the tray half of 10, walked as a person would:
 * - 6: an experiment's outcome is Pending until chosen; a measured miss is suggested as not met;
 *   experiments, expenses and kill switches are edited in their own prefilled forms; a kill switch
 *   is deleted with undo; acknowledging one asks what was decided and shows it on the project.
 *   A negative expense is refused in words of the Amount field (finding 5).
 * - 9: the timer leaves no 0:00 blocks (Resume then Break; a discarded absence then Stop); its
 *   blocks get the project's active phase and the note typed in the timer panel; Stop says what
 *   it saved.
 * - 10 (tray): the tray does not offer a project whose kill switch has triggered until it is
 *   acknowledged; the timer panel says why.
 */
import type { Page } from '@playwright/test';
import { expect, needs, test } from './support/fixtures.ts';
import { HELIX, HELIX_PROJECT, OTHER_CLIENT, testVault } from './support/test-vault.ts';
import { VaultPage } from './support/vault-page.ts';

/** A day as formatDay writes it in an English locale. */
const DAY = String.raw`[A-Z][a-z]{2},? (?:\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2}),? \d{4}`;

const MIN = 60_000;
const HELIX_LABEL = 'Helix Bio · Assay classifier';

const playbook = async (page: Page) => {
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  return page.getByRole('dialog', { name: 'Assay classifier: playbook' });
};

test('finding 6: outcomes are the person’s to choose, and experiments, expenses and kill switches can be edited', async ({ app }) => {
  const { page } = app;
  await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  const detail = await playbook(page);

  // A new experiment is pending, not confirmed.
  await detail.getByRole('button', { name: 'Add experiment' }).click();
  const add = detail.getByRole('form', { name: 'New experiment' });
  await expect(add.getByLabel('Outcome')).toHaveValue('pending');
  await add.getByRole('button', { name: 'Add experiment' }).click();
  // Every invalid field at once, in words of its label, focus on the first.
  await expect(add.getByText('Hypothesis: write what you expect, for example “F1 rises above 0.70”.')).toBeVisible();
  await expect(add.getByText('Metric: name what decides it, for example F1.')).toBeVisible();
  await expect(add.getByLabel('Hypothesis')).toBeFocused();
  await add.getByLabel('Hypothesis').fill('QC flags as features lift F1 above 0.70');
  await add.getByLabel('Metric').fill('F1');
  await add.getByLabel('Baseline').fill('0.62');
  await add.getByLabel('Target').fill('0.70');
  await add.getByRole('button', { name: 'Add experiment' }).click();
  await expect(detail.getByText('F1: — (baseline 0.62, target 0.7) · Running · outcome pending')).toBeVisible();

  // F1 0.66 against a 0.70 target: the form suggests "not met", and that is what is saved.
  await detail.getByRole('button', { name: 'Record result' }).click();
  const result = detail.getByRole('form', { name: 'Edit experiment' });
  await expect(result.getByLabel('Target')).toHaveValue('0.7');
  await result.getByLabel('Measured value').fill('0.66');
  await expect(result.getByTestId('outcome-suggestion')).toHaveText('F1 0.66 is below the 0.7 target: target not met. Suggested: Refuted.');
  await expect(result.getByLabel('Outcome')).toHaveValue('refuted');
  await result.getByRole('button', { name: 'Save experiment' }).click();
  await expect(detail.getByText('F1: 0.66 (baseline 0.62, target 0.7) · Refuted')).toBeVisible();
  await expect(detail.getByText(/Confirmed/)).toHaveCount(0);

  // The person can correct it.
  await detail.getByRole('button', { name: /^Edit “QC flags/ }).click();
  const edit = detail.getByRole('form', { name: 'Edit experiment' });
  await expect(edit.getByLabel('Measured value')).toHaveValue('0.66');
  await edit.getByLabel('Outcome').selectOption({ label: 'Inconclusive' });
  await expect(edit.getByTestId('outcome-suggestion')).toContainText('you chose otherwise');
  await edit.getByRole('button', { name: 'Save experiment' }).click();
  await expect(detail.getByText('F1: 0.66 (baseline 0.62, target 0.7) · Inconclusive')).toBeVisible();

  // Expenses: a negative amount is refused in words of the Amount field; an expense is edited prefilled.
  await detail.getByRole('button', { name: 'Add expense' }).click();
  const expense = detail.getByRole('form', { name: 'New expense' });
  await expense.getByLabel('Amount').fill('-12.00');
  await expense.getByRole('button', { name: 'Add expense' }).click();
  await expect(expense.getByText('Amount: an expense cannot be negative. For a refund, lower or delete the expense it refunds.')).toBeVisible();
  await expect(expense.getByLabel('Amount')).toBeFocused();
  await expect(expense.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await expect(detail.getByText(/amountMinor|expected number|Too small/)).toHaveCount(0);
  await expense.getByLabel('Amount').fill('184,20');
  await expense.getByLabel('Receipt note').fill('A100 hours, November');
  await expense.getByRole('button', { name: 'Add expense' }).click();
  const table = detail.getByRole('table', { name: 'Expenses' });
  await expect(table).toContainText('€184.20');
  await table.getByRole('button', { name: /^Edit expense/ }).click();
  const editExpense = detail.getByRole('form', { name: 'Edit expense' });
  await expect(editExpense.getByLabel('Receipt note')).toHaveValue('A100 hours, November');
  await editExpense.getByLabel('Amount').fill('190');
  await editExpense.getByRole('button', { name: 'Save expense' }).click();
  await expect(table).toContainText('€190.00');
  await expect(table).not.toContainText('€184.20');

  // Kill switches: raised in their own prefilled form, deleted with undo.
  await detail.getByRole('button', { name: 'Add kill switch' }).click();
  const ks = detail.getByRole('form', { name: 'New kill switch' });
  // Empty: both fields marked at once, each in words of its label, the cursor on the first.
  await ks.getByRole('button', { name: 'Add kill switch' }).click();
  await expect(ks.getByLabel('Hours', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(ks.getByLabel('What was agreed to happen')).toHaveAttribute('aria-invalid', 'true');
  await expect(ks.getByText(/^What was agreed to happen: write it down/)).toBeVisible();
  await expect(ks.getByLabel('Hours', { exact: true })).toBeFocused();
  await ks.getByLabel('Hours', { exact: true }).fill('40');
  await ks.getByLabel('What was agreed to happen').fill('Stop and review with the client.');
  await ks.getByRole('button', { name: 'Add kill switch' }).click();
  await expect(detail.getByText(/^Armed · 0 h of 40 h/)).toBeVisible();
  await detail.getByRole('button', { name: /^Edit kill switch/ }).click();
  const raise = detail.getByRole('form', { name: 'Edit kill switch' });
  await expect(raise.getByLabel('Hours', { exact: true })).toHaveValue('40');
  await raise.getByLabel('Hours', { exact: true }).fill('-5');
  await raise.getByRole('button', { name: 'Save kill switch' }).click();
  await expect(raise.getByText('Hours: type the number of hours, more than 0, such as 40.')).toBeVisible();
  await raise.getByLabel('Hours', { exact: true }).fill('60');
  await raise.getByRole('button', { name: 'Save kill switch' }).click();
  await expect(detail.getByText(/^Armed · 0 h of 60 h/)).toBeVisible();
  await detail.getByRole('button', { name: /^Delete kill switch/ }).click();
  await expect(detail.getByText(/^Armed · 0 h of 60 h/)).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(detail.getByText(/^Armed · 0 h of 60 h/)).toBeVisible();
});

test.describe('the timer', () => {
  // Main's clock runs 40 minutes behind, so a 25-minute block ends in the past.
  test.use({ hostOptions: { clockOffsetMs: -40 * MIN } });

  test('finding 9: no 0:00 blocks, the active phase and the note on timer blocks, and Stop says what it saved', async ({ app }) => {
    needs(app, 'main', 'moves main’s clock and sends it power events');
    const { page } = app;
    const main = app.main!;
    const { shell } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
    await shell.open('Today');
    const timer = page.getByRole('region', { name: 'Deep-work timer' });
    const blocks = page.locator('.block-list li');

    await timer.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('timer-status')).toHaveText(`Deep work on ${HELIX_LABEL}`);
    await timer.getByLabel('Note', { exact: true }).fill('grasp detector, fold 3');
    await main.advanceClock(25 * MIN);
    await timer.getByRole('button', { name: 'Pause' }).click();
    await expect(blocks).toHaveCount(1);
    // Resume then Break at once, then Stop: two stretches of a few milliseconds, neither a block of its
    // own (the deep one grows the block before it; the break has no break to join and is dropped).
    await timer.getByRole('button', { name: 'Resume' }).click();
    await timer.getByRole('button', { name: 'Break' }).click();
    await expect(page.getByTestId('timer-status')).toHaveText(`Break on ${HELIX_LABEL}`);
    await timer.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText(`Saved 0:25 on ${HELIX_LABEL}.`)).toBeVisible();
    await expect.poll(async () => (await main.timerView()).outbox.length).toBe(0);
    await expect(blocks).toHaveCount(1);
    await expect(blocks.first()).toContainText('grasp detector, fold 3');
    await expect(blocks.first()).toContainText('0:25');
    await expect(blocks.filter({ hasText: /\b0:00\b/ })).toHaveCount(0);

    // The timer block got the project's active phase, as a typed block does.
    await blocks.first().getByRole('button', { name: 'Edit block' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit time block' });
    await expect(editor.getByLabel('Phase').locator('option:checked')).toHaveText('Discovery');
    await expect(editor.getByLabel('Note')).toHaveValue('grasp detector, fold 3');
    await editor.getByRole('button', { name: 'Cancel' }).click();

    // An absence discarded, then Stop: nothing is written, and Stop says so.
    await timer.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('timer-status')).toHaveText(`Deep work on ${HELIX_LABEL}`);
    await main.emitPower('suspend');
    await expect(page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
    await main.advanceClock(30 * MIN);
    await main.emitPower('resume');
    await expect.poll(async () => (await main.timerView()).away?.cause).toBe('suspend');
    const vault = new VaultPage(page);
    await vault.unlock();
    await vault.expectUnlocked();
    await shell.open('Today');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard it' }).click();
    await expect(page.getByRole('alertdialog')).toBeHidden();
    await timer.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByText(`Nothing saved on ${HELIX_LABEL}: less than a minute of work was timed`)).toBeVisible();
    await expect.poll(async () => (await main.timerView()).outbox.length).toBe(0);
    await expect(blocks).toHaveCount(1);
  });

  test('finding 10: the tray does not offer a project halted by its kill switch; acknowledging records a new budget', async ({ app }) => {
    needs(app, 'main', 'reads the tray, which only the host and the double have');
    const { page } = app;
    const main = app.main!;
    const { shell, ws } = await testVault(page, {
      clients: [HELIX, OTHER_CLIENT],
      projects: [HELIX_PROJECT, { client: OTHER_CLIENT.name, name: 'Churn POC' }],
    });
    const trayLabels = async () => (await main.tray()).items.map((item) => item.label);
    await expect.poll(trayLabels).toContain(HELIX_LABEL);

    const detail = await playbook(page);
    await detail.getByRole('button', { name: 'Add kill switch' }).click();
    const ks = detail.getByRole('form', { name: 'New kill switch' });
    await ks.getByLabel('Hours', { exact: true }).fill('1');
    await ks.getByLabel('What was agreed to happen').fill('Stop after the first hour and call the client.');
    await ks.getByRole('button', { name: 'Add kill switch' }).click();
    await detail.getByRole('button', { name: 'Close' }).click();

    await shell.open('Time');
    await ws.typeBlock(HELIX_LABEL, '2026-11-20 8-10 error analysis');
    const banner = page.getByRole('alert').filter({ hasText: `Kill switch triggered: ${HELIX_LABEL}` });
    await expect(banner).toBeVisible();

    // Halted: the tray offers only the other project; the timer panel says why.
    await expect.poll(trayLabels).not.toContain(HELIX_LABEL);
    expect(await trayLabels()).toContain('Other Client · Churn POC');
    await shell.open('Today');
    await expect(page.getByTestId('timer-halted')).toHaveText(`Not offered until its kill switch is acknowledged: ${HELIX_LABEL}.`);
    await expect(page.getByLabel('Timer project').locator('option')).toHaveText(['Other Client · Churn POC']);

    // Acknowledging asks what was decided; a budget already used up is refused in words of its field.
    await banner.getByRole('button', { name: 'Acknowledge' }).click();
    const decision = page.getByRole('dialog', { name: 'Acknowledge the kill switch on Assay classifier' });
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect(decision.getByText('What was decided? Choose one of the answers above.')).toBeVisible();
    await decision.getByLabel('Continue with a new budget').check();
    await decision.getByLabel('Hours', { exact: true }).fill('1.5');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect(decision.getByText(/^Hours: that stop point is already reached, at 2 h of 1:30 h \(133 %\)\. Choose one beyond it\.$/)).toBeVisible();
    await expect(decision.getByLabel('Hours', { exact: true })).toBeFocused();
    await decision.getByLabel('Hours', { exact: true }).fill('10');
    await decision.getByLabel('Note', { exact: true }).fill('Eight more hours agreed on a call.');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await expect(decision).toBeHidden();
    await expect(banner).toBeHidden();

    await expect.poll(trayLabels).toContain(HELIX_LABEL);
    await expect(page.getByTestId('timer-halted')).toBeHidden();
    await shell.open('Projects');
    const project = await playbook(page);
    await expect(project.getByText(/^Armed · 2 h of 10 h/)).toBeVisible();
    await expect(project.getByRole('list', { name: 'Decisions' })).toContainText(
      // Days as the format module writes them ("Mon, 7 Dec 2026" or "Mon, Dec 7, 2026").
      new RegExp(`^${DAY}: Continue with a new budget \\(triggered ${DAY}\\)\\. Eight more hours agreed on a call\\.$`, 'u'),
    );
  });
});
