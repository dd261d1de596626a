/** The playbook: a project from the AI template with a 40-hour kill switch that stops the timer until acknowledged. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { existsSync, readFileSync } from 'node:fs';
import { expect, needs, test } from './support/fixtures.ts';
import { BERLIN_SELLER, HELIX_BILLING, InvoicesPage } from './support/invoices-page.ts';
import { HELIX, HELIX_PROJECT, OTHER_CLIENT, testVault } from './support/test-vault.ts';
import { VaultPage } from './support/vault-page.ts';

/** A day as formatDay writes it in an English locale. */
const DAY = String.raw`[A-Z][a-z]{2},? (?:\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2}),? \d{4}`;

test('a 40-hour kill switch triggers as time is logged, shows a banner, and the timer does not offer the project until a decision is recorded', async ({
  app,
}) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX] });

  // A project from the AI lifecycle template (the default), 40 h estimated.
  await ws.createProject(HELIX_PROJECT);
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'Assay classifier: playbook' });
  const phases = detail.getByRole('table', { name: 'Quote against burn per phase' });
  for (const name of ['Discovery', 'Feasibility / POC', 'Iterative development', 'Integration and deployment', 'Monitoring and maintenance']) {
    await expect(phases.getByRole('rowheader', { name })).toBeVisible();
  }
  await expect(detail.getByText(/40 h estimated, quoted as 60 h, €7,200\.00/)).toBeVisible();

  await detail.getByRole('button', { name: 'Add kill switch' }).click();
  const form = detail.getByRole('form', { name: 'New kill switch' });
  await form.getByLabel('Hours', { exact: true }).fill('40');
  await form.getByLabel('What was agreed to happen').fill('After 40 h, if accuracy < 65 %, stop; the final payment is waived.');
  await form.getByRole('button', { name: 'Add kill switch' }).click();
  await expect(detail.getByText(/^Armed · 0 h of 40 h/)).toBeVisible();
  await detail.getByRole('button', { name: 'Close' }).click();

  await shell.open('Time');
  const project = 'Helix Bio · Assay classifier';
  for (const day of ['16', '17', '18']) await ws.typeBlock(project, `2026-11-${day} 8-18 assay data audit`);
  await ws.typeBlock(project, '2026-11-19 8-16 baseline');
  await expect(page.getByText(/Kill switch on Assay classifier is close/)).toBeVisible();
  await expect(page.getByText('Kill switch triggered: Helix Bio · Assay classifier')).toBeHidden();
  await ws.typeBlock(project, '2026-11-20 8-10 error analysis');

  const banner = page.getByRole('alert').filter({ hasText: 'Kill switch triggered: Helix Bio · Assay classifier' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('the final payment is waived');
  if (app.shell === 'host') await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/playbook-kill-switch.png') });
  if (app.main) {
    const main = app.main;
    await expect.poll(async () => (await main.notifications()).map((n) => n.title)).toContain('Kill switch reached');
    expect((await main.notifications()).find((n) => n.title === 'Kill switch reached')?.body).toContain('Assay classifier');
  }

  // The timer does not offer the project while the switch stands, and says why.
  await shell.open('Today');
  await expect(page.getByTestId('timer-halted')).toHaveText(`Not offered until its kill switch is acknowledged: ${project}.`);
  await expect(page.getByLabel('Timer project')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeHidden();

  await banner.getByRole('button', { name: 'Acknowledge' }).click();
  const decision = page.getByRole('dialog', { name: 'Acknowledge the kill switch on Assay classifier' });
  await decision.getByLabel('Continue as agreed, without a new budget').check();
  await decision.getByLabel('Note', { exact: true }).fill('Client agreed on a call to finish the baseline.');
  await decision.getByRole('button', { name: 'Record decision' }).click();
  await expect(decision).toBeHidden();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('timer-halted')).toBeHidden();
  await page.getByLabel('Timer project').selectOption({ label: project });
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('timer-status')).toHaveText(`Deep work on ${project}`);
  await page.getByRole('button', { name: 'Stop' }).click();

  // The record: the switch shows as acknowledged, with when it triggered.
  await shell.open('Projects');
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  await expect(detail.getByText(/^Acknowledged · 40 h of 40 h/)).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Decisions' })).toContainText(
    // Days as the format module writes them ("Mon, 7 Dec 2026" or "Mon, Dec 7, 2026").
    new RegExp(`^${DAY}: Continue as agreed, without a new budget \\(triggered ${DAY}\\)\\. Client agreed on a call to finish the baseline\\.$`, 'u'),
  );
  if (app.shell === 'host') {
    // The README shows the playbook itself, not the toasts that came and went.
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click({ timeout: 2_000 }).catch(() => undefined);
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/playbook-project.png') });
  }
});

test('experiments and expenses: a hypothesis with its result, a pass-through compute cost with undo', async ({ app }) => {
  const { page } = app;
  await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'Assay classifier: playbook' });

  await detail.getByRole('button', { name: 'Add experiment' }).click();
  const form = detail.getByRole('form', { name: 'New experiment' });
  await form.getByLabel('Hypothesis').fill('QC flags as features lift F1 above 0.70');
  await form.getByLabel('Metric').fill('F1');
  await form.getByLabel('Baseline').fill('0.62');
  await form.getByLabel('Target').fill('0.70');
  await form.getByLabel('Setup').fill('Frozen test set v3');
  await form.getByLabel(/Links to runs/).fill('https://wandb.example/runs/abc123');
  await form.getByRole('button', { name: 'Add experiment' }).click();
  await expect(detail.getByText('F1: — (baseline 0.62, target 0.7) · Running · outcome pending')).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Runs' })).toHaveText('https://wandb.example/runs/abc123');
  await expect(detail.getByText('Setup: Frozen test set v3')).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Runs' }).getByRole('link')).toHaveCount(0);
  await detail.getByRole('button', { name: 'Record result' }).click();
  const result = detail.getByRole('form', { name: 'Edit experiment' });
  await expect(result.getByLabel('Hypothesis')).toHaveValue('QC flags as features lift F1 above 0.70');
  await result.getByLabel('Measured value').fill('0,73');
  await expect(result.getByTestId('outcome-suggestion')).toHaveText('F1 0.73 is above the 0.7 target: target met. Suggested: Supported.');
  await result.getByRole('button', { name: 'Save experiment' }).click();
  await expect(detail.getByText('F1: 0.73 (baseline 0.62, target 0.7) · Supported')).toBeVisible();
  await expect(detail.getByText(/Hypotheses tested this week: 1/)).toBeVisible();

  const alertForm = detail.getByRole('form', { name: 'Cost alert' });
  await alertForm.getByLabel(/Alert at/).fill('150');
  await alertForm.getByRole('button', { name: 'Set alert' }).click();
  await expect(detail.getByTestId('cost-alert')).toBeHidden();

  await detail.getByRole('button', { name: 'Add expense' }).click();
  const expense = detail.getByRole('form', { name: 'New expense' });
  await expense.getByLabel('Amount').fill('184,20');
  await expense.getByLabel('Receipt note').fill('A100 hours, November');
  await expense.getByRole('button', { name: 'Add expense' }).click();
  const table = detail.getByRole('table', { name: 'Expenses' });
  await expect(table).toContainText('A100 hours, November');
  await expect(table).toContainText('Total EUR (pass-through €184.20)€184.20');
  await expect(detail.getByTestId('cost-alert')).toHaveText('Cost alert: over the limit of €150.00 (Compute: cloud, GPUs): €184.20 spent.');
  await table.getByRole('button', { name: 'Delete' }).click();
  await expect(table).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(detail.getByRole('table', { name: 'Expenses' })).toContainText('€184.20');
});

test('the weekly update and the invoice come out as PDFs whose text is right, and the invoice bills what it lists', async ({ app }) => {
  needs(app, 'main', 'reads the saved PDFs through the save dialog the host or the double answers');
  test.skip(!existsSync('/usr/bin/pdftotext'), 'pdftotext (poppler-utils) is not installed');
  const { page } = app;
  const { shell, ws } = await testVault(page, {
    clients: [HELIX, OTHER_CLIENT],
    projects: [HELIX_PROJECT, { client: OTHER_CLIENT.name, name: 'Secret roadmap' }],
  });
  await shell.open('Time');
  await ws.typeBlock('Helix Bio · Assay classifier', 'today 0:00-1:30 labelling review');
  await ws.typeBlock('Other Client · Secret roadmap', 'today 0:00-1:00 confidential planning');

  await shell.open('Reports');
  await page.getByRole('button', { name: 'Weekly update…' }).click();
  const update = page.getByRole('dialog', { name: 'Weekly client update' });
  await update.getByLabel('Client').selectOption({ label: 'Helix Bio' });
  await update.getByLabel('Next steps').fill('Label the remaining assays.');
  await update.getByRole('button', { name: 'Save PDF' }).click();
  await expect(page.getByText('Weekly update saved as PDF.')).toBeVisible();
  const updateText = pdfText((await app.main.savedFiles()).at(-1)!);
  expect(updateText).toContain('Weekly update: Helix Bio');
  expect(updateText).toContain('Assay classifier');
  expect(updateText).toContain('Label the remaining assays.');
  expect(updateText).not.toContain('Other Client');
  expect(updateText).not.toContain('Secret roadmap');

  const invoices = new InvoicesPage(page);
  await invoices.saveProfile({ ...BERLIN_SELLER, legalName: 'Ada Consulting' });
  await invoices.saveBilling('Helix Bio', HELIX_BILLING);
  const draft = await invoices.newDraft('Helix Bio');
  await expect(draft.getByRole('table', { name: 'Invoice lines' })).toContainText('€180.00');
  const { number, locks } = await invoices.issue();
  expect(number).toMatch(/^INV-\d{4}-0001$/);
  expect(locks).toBe('1 time block and 0 expenses are marked billed and locked.');
  await invoices.savePdf();
  const invoiceText = pdfText((await app.main.savedFiles()).at(-1)!);
  expect(invoiceText).toContain('Ada Consulting');
  expect(invoiceText).toContain('Helix Bio');
  expect(invoiceText).toContain(`Invoice number: ${number}`);
  expect(invoiceText).toContain('180.00');
  expect(invoiceText).not.toContain('Secret roadmap');

  // Billed now: a draft for the same client has nothing left, and the invoice is listed as issued.
  const next = await invoices.newDraft('Helix Bio');
  await expect(next.getByText('Nothing unbilled in this period.')).toBeVisible();
  await expect(next.getByRole('region', { name: 'Before you issue' })).toContainText('Lines: nothing to bill from');
  await invoices.closeDraft();
  await expect(invoices.row(number)).toContainText('Open');

  // Reports reports it (unpaid; a reverse-charge sale on the EU sales list) and leads to the Invoices screen.
  await shell.open('Reports');
  await expect(page.getByRole('region', { name: 'Unpaid and overdue' })).toContainText(new RegExp(`${number}Helix Bio B\\.V\\..*€180\\.00`));
  await expect(page.getByRole('table', { name: 'EU sales list' })).toContainText(/NL004495445B01Helix Bio B\.V\.€180\.00/);
  await page.getByRole('button', { name: 'Invoices', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Invoices' })).toBeVisible();
});

function pdfText(path: string): string {
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return execFileSync('/usr/bin/pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

test('a retainer shows its month to date: hours used of those included, and the overage', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page);
  await ws.createClient({ name: 'Lumen Retail', country: 'Germany', currency: 'EUR', rate: '100', residency: 'EEA' });
  await shell.open('Projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Client').selectOption({ label: 'Lumen Retail' });
  await dialog.getByLabel('Project name').fill('Model monitoring');
  await dialog.getByLabel('Billing').selectOption({ label: 'Retainer' });
  await dialog.getByLabel('Monthly fee (EUR)').fill('2000');
  await dialog.getByLabel('Hours included per month').fill('10');
  await dialog.getByLabel('Overage rate per hour (EUR)').fill('150');
  await dialog.getByLabel('Unused hours').selectOption({ label: 'Roll over into the next month' });
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('row', { name: /Model monitoring/ })).toContainText('€2,000.00/month for 10 h');

  await shell.open('Time');
  await ws.typeBlock('Lumen Retail · Model monitoring', 'today 0:00-12:00 drift review');
  await shell.open('Projects');
  await page.getByRole('button', { name: 'Model monitoring', exact: true }).click();
  const month = page.getByRole('region', { name: 'Retainer this month' });
  await expect(month).toContainText('12 h of 10 h used (120 %)');
  await expect(month).toContainText('2 h over, €300.00 at the overage rate');
  // The project did not exist last month, so nothing carries over; the rule is stated.
  await expect(month).not.toContainText('carried over');
  await expect(month).toContainText('unused hours roll into next month');
});

test('a project keeps its agreed terms: success metric, data checklist, IP terms and bias testing', async ({ app }) => {
  const { page } = app;
  const { shell } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  const terms = page.getByRole('dialog', { name: 'Assay classifier: playbook' }).getByRole('form', { name: 'Terms' });
  await terms.getByLabel('Success metric').fill('F1');
  await terms.getByLabel('Baseline').fill('0.62');
  await terms.getByLabel('Target').fill('0.75');
  await terms.getByLabel('New data requirement').fill('Labelled assay images, PNG + CSV');
  await terms.getByRole('button', { name: 'Add to checklist' }).click();
  await terms.getByLabel('Min. labelled').fill('5000');
  await terms.getByLabel('Delivered').fill('2026-11-02');
  await terms.getByLabel('IP terms').fill('The client owns the trained model.');
  await terms.getByLabel('Bias testing is a line item').check();
  await terms.getByLabel('What it covers').fill('Per-site performance gap under 5 points');
  await terms.getByRole('button', { name: 'Save terms' }).click();
  await expect(page.getByRole('dialog', { name: 'Assay classifier: playbook' }).getByText('Terms saved.')).toBeVisible();

  // Stored, not only shown: lock, unlock, open again.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+l');
  const vault = new VaultPage(page);
  await vault.unlock();
  await vault.expectUnlocked();
  await shell.open('Projects');
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  await expect(terms.getByLabel('Success metric')).toHaveValue('F1');
  await expect(terms.getByLabel('Target')).toHaveValue('0.75');
  await expect(terms.getByText('Labelled assay images, PNG + CSV')).toBeVisible();
  await expect(terms.getByLabel('Min. labelled')).toHaveValue('5000');
  await expect(terms.getByLabel('Delivered')).toHaveValue('2026-11-02');
  await expect(terms.getByLabel('IP terms')).toHaveValue('The client owns the trained model.');
  await expect(terms.getByLabel('What it covers')).toHaveValue('Per-site performance gap under 5 points');
});

test('phases are edited in place; a metric kill switch trips on a measured result; work attaches to an experiment', async ({ app }) => {
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'Assay classifier: playbook' });

  await detail.getByRole('button', { name: 'Discovery', exact: true }).click();
  const phase = detail.getByRole('form', { name: 'Phase Discovery' });
  await phase.getByLabel('Status').selectOption({ label: 'Done' });
  await phase.getByLabel('Budget (hours)').fill('6');
  await phase.getByRole('button', { name: 'Save phase' }).click();
  const discovery = detail.getByRole('table', { name: 'Quote against burn per phase' }).getByRole('row', { name: /Discovery/ });
  await expect(discovery).toContainText('9 h'); // 6 h quoted with the 50 % buffer
  await expect(discovery).toContainText('Done');

  await detail.getByRole('button', { name: 'Add experiment' }).click();
  const experiment = detail.getByRole('form', { name: 'New experiment' });
  await experiment.getByLabel('Hypothesis').fill('Pretrained encoder beats the baseline');
  await experiment.getByLabel('Metric').fill('F1');
  await experiment.getByLabel('Baseline').fill('0.62');
  await experiment.getByRole('button', { name: 'Add experiment' }).click();

  await detail.getByRole('button', { name: 'Add kill switch' }).click();
  const form = detail.getByRole('form', { name: 'New kill switch' });
  await form.getByLabel('Stop point').selectOption({ label: "An experiment's metric" });
  await form.getByLabel('Stop when it is').selectOption({ label: 'below' });
  await form.getByLabel('Value').fill('0.65');
  await form.getByLabel('What was agreed to happen').fill('If F1 stays under 0.65 the POC stops.');
  await form.getByLabel('Stop the timer on this project when it triggers').uncheck();
  await form.getByRole('button', { name: 'Add kill switch' }).click();
  await expect(detail.getByText(/^Armed · /)).toBeVisible();

  await detail.getByRole('button', { name: 'Record result' }).click();
  const result = detail.getByRole('form', { name: 'Edit experiment' });
  await result.getByLabel('Measured value').fill('0.61');
  await result.getByLabel('Outcome').selectOption({ label: 'Refuted' });
  await result.getByRole('button', { name: 'Save experiment' }).click();
  await detail.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kill switch triggered: Helix Bio · Assay classifier' })).toContainText('If F1 stays under 0.65');

  // Attach a block of work to the experiment.
  await shell.open('Time');
  await ws.typeBlock('Helix Bio · Assay classifier', '2026-11-20 9-11 encoder fine-tuning');
  await page.getByRole('grid', { name: 'Time blocks' }).focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const editor = page.getByRole('dialog', { name: 'Edit time block' });
  await editor.getByLabel('Experiment').selectOption({ label: 'F1: Pretrained encoder beats the baseline' });
  await editor.getByRole('button', { name: 'Save' }).click();
  await shell.open('Projects');
  await page.getByRole('button', { name: 'Assay classifier', exact: true }).click();
  await expect(detail.getByText(/2 h of work attached/)).toBeVisible();
});
