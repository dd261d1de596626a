/**
 * An invoice as a freelancer in Berlin sends one to a business in Łódź: the profile, the client's
 * billing details, a month's time, a draft that refuses what cannot be issued and says why, the
 * issue (numbered, locked, its PDF and its EN 16931 XML kept), paid, then voided by a credit note
 * that unbills exactly that time. The README's invoice screenshots come from here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../host/server.ts';
import { validatorText } from '../unit/support/validator-text.ts';
import { seriousViolations } from './support/axe.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { InvoicesPage } from './support/invoices-page.ts';
import { overflowing } from './support/overflow.ts';
import { testVault } from './support/test-vault.ts';

const CLIENT = 'Łódź Analytics';
const PROJECT = 'Zürich pilot';
const LABEL = `${CLIENT} · ${PROJECT}`;
const WEDNESDAY = new Date('2026-12-09T15:00:00+01:00');
test.use({ hostOptions: { clockOffsetMs: WEDNESDAY.getTime() - Date.now() } });

function pdfText(path: string): string {
  expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

test('logged time to an issued invoice with its PDF and XML, paid, then voided by a credit note', async ({ app }) => {
  needs(app, 'main', 'saves the PDF and the XML through main’s dialog');
  test.skip(!existsSync('/usr/bin/pdftotext'), 'pdftotext (poppler-utils) is not installed');
  test.setTimeout(300_000);
  const { page } = app;
  const main = app.main!;
  await page.clock.setFixedTime(WEDNESDAY);
  await page.setViewportSize({ width: 1024, height: 800 });
  const shot = async (file: string) => {
    if (app.shell !== 'host') return;
    await page.setViewportSize({ width: 1440, height: 900 });
    const dismiss = page.getByRole('button', { name: 'Dismiss' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots', file), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 800 });
  };
  const { shell, ws } = await testVault(page, {
    clients: [{ name: CLIENT, country: 'Poland', currency: 'EUR', rate: '95.50', residency: 'EU' }],
    projects: [{ client: CLIENT, name: PROJECT }],
  });
  const invoices = new InvoicesPage(page);

  // Without a business profile, the Invoices screen says what comes first.
  await shell.open('Invoices');
  await expect(page.getByText('No invoices yet')).toBeVisible();
  await expect(page.getByText(/^Business profile: there is none yet/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await invoices.saveProfile();
  await shell.open('Time');
  await ws.typeBlock(LABEL, 'mon 9-12:30 feature store');
  await ws.typeBlock(LABEL, 'tue 10-14:25 churn model');

  // A draft bills this month's time; reverse charge is not decided without billing details.
  const editor = await invoices.newDraft(CLIENT, 'This month');
  const lines = editor.getByRole('table', { name: 'Invoice lines' });
  await expect(lines.getByLabel('Line 1 description')).toHaveValue(new RegExp(PROJECT));
  await expect(lines).toContainText('7:55 h');
  await expect(editor.getByTestId('invoice-gross')).toContainText('€899.69');
  await editor.getByLabel('Note on the invoice').fill('Workshop notes from Αθήνα attached separately.');
  await editor.getByRole('button', { name: 'Issue invoice…' }).click();
  const refusal = editor.getByRole('alert');
  await expect(refusal).toContainText('Client billing details: add Łódź Analytics’s legal name, address and whether it is a business');
  expect(validatorText(await refusal.innerText())).toBeNull();
  await page.getByRole('button', { name: 'Back to invoices' }).click();
  await expect(page.getByRole('table', { name: 'Invoices' })).toContainText('Draft');

  // Billing details make it a reverse charge: no VAT, both VAT numbers on the invoice.
  await invoices.saveBilling(CLIENT, {
    legalName: 'Łódź Analytics sp. z o.o.',
    address: 'ul. Piotrkowska 100\n90-001 Łódź',
    vatId: 'PL 526 000 12 46',
    business: true,
  });
  await shell.open('Invoices');
  await page.getByRole('table', { name: 'Invoices' }).getByRole('button', { name: 'Draft' }).click();
  await expect(lines).toContainText('Reverse charge');
  await expect(editor.getByTestId('invoice-gross')).toContainText('€756.04');
  await expect(editor.getByLabel('Note on the invoice')).toHaveValue('Workshop notes from Αθήνα attached separately.');
  expect(await seriousViolations(page)).toEqual([]);
  await shot('invoice-draft.png');

  const { number } = await invoices.issue();
  expect(number).toBe('INV-2026-0001');
  await invoices.issued().getByRole('button', { name: 'Save PDF…' }).click();
  await expect(page.getByText(/^Saved .*\.pdf$/)).toBeVisible();
  const text = pdfText((await main.savedFiles()).at(-1)!);
  for (const typed of ['Łódź Analytics sp. z o.o.', 'Zürich pilot', 'Αθήνα', 'INV-2026-0001', 'Reverse charge – Article 196, Council Directive 2006/112/EC']) {
    expect(text).toContain(typed);
  }
  expect(text).toMatch(/7:55/);
  expect(text).toContain('756.04');
  await invoices.issued().getByRole('button', { name: 'Save e-invoice (XML)…' }).click();
  await expect(page.getByText(/^Saved .*\.xml$/)).toBeVisible();
  const xml = readFileSync((await main.savedFiles()).at(-1)!, 'utf8');
  expect(xml).toContain('<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>');
  expect(xml).toContain('<cbc:ID>INV-2026-0001</cbc:ID>');
  expect(xml).toMatch(/<cbc:PayableAmount currencyID="EUR">756\.04<\/cbc:PayableAmount>/);
  expect(xml).toContain('PL5260001246');
  expect(await seriousViolations(page)).toEqual([]);
  await shot('invoice-issued.png');

  // Billed time is locked and marked with the number.
  await shell.open('Time');
  await expect(ws.tableRows().filter({ hasText: 'Billed · INV-2026-0001' })).toHaveCount(2);

  // Paid, and in the list as paid; a paid invoice is not overdue.
  await invoices.open(number);
  await invoices.issued().getByRole('button', { name: 'Mark paid' }).click();
  await expect(invoices.issued()).toContainText('Paid');
  await shell.open('Invoices');
  await expect(page.getByRole('table', { name: 'Invoices' })).toContainText('Paid');

  // Voided by a credit note in its own series: the time is unbilled and editable again.
  await invoices.open(number);
  const credit = await invoices.voidWithCreditNote();
  expect(credit).toBe('CN-2026-0001');
  await expect(invoices.issued()).toContainText(`credits invoice ${number}`);
  await expect(page.getByTestId('invoice-gross')).toContainText(/[-−]€756\.04/);
  await shell.open('Time');
  await expect(ws.tableRows().filter({ hasText: 'Billed' })).toHaveCount(0);
  await shell.open('Invoices');
  const list = page.getByRole('table', { name: 'Invoices' });
  await expect(list).toContainText('Credit note');
  await expect(list).toContainText(/Void since/);
  expect(await seriousViolations(page)).toEqual([]);
  await shot('invoice-list.png');
});

test('the draft editor and the list with long names and a bad rate, at 1024 and 1440, light and dark', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.clock.setFixedTime(WEDNESDAY);
  const client = `Łódź Analytics sp. z o.o. ${'Predictive Maintenance '.repeat(8)}`.slice(0, 200).trim();
  const project = `Zürich pilot for Αθήνα ${'anomaly detection '.repeat(6)}`.slice(0, 120).trim();
  const { shell, ws } = await testVault(page, {
    clients: [{ name: client, country: 'Switzerland', currency: 'CHF', rate: '150', residency: 'EEA and adequacy countries' }],
    projects: [{ client, name: project }],
  });
  const invoices = new InvoicesPage(page);
  await invoices.saveProfile();
  await shell.open('Time');
  await ws.typeBlock(`${client} · ${project}`, `mon 9-17 ${'feature engineering '.repeat(10)}`);
  const editor = await invoices.newDraft(client, 'This month');
  // A Swiss client in CHF: the rate to the books' euro is asked for, and a comma is refused in words.
  const rate = editor.getByLabel('Exchange rate');
  await rate.fill('1,07');
  await expect(editor.getByText(/^Exchange rate: “1,07” is not a rate/)).toBeVisible();
  await expect(editor.getByText(/^Exchange rate: this invoice is in CHF and your books in EUR/)).toBeHidden();
  for (const text of await editor.locator('.field-error, .form-error, [role="alert"]').allInnerTexts()) expect(validatorText(text), text).toBeNull();
  await rate.fill('1.0642');
  await expect(editor.getByText('In your books at 1 CHF = 1.0642 EUR')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowing(editor), `editor at ${width} (${scheme})`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`invoice-editor-${width}-${scheme}.png`) });
    }
  }
  expect(await seriousViolations(page)).toEqual([]);
  // What the PDF's font cannot draw is said before the issue, while the invoice can still change.
  await editor.getByLabel('Line 1 description').fill('東京 workshop');
  await page.getByRole('button', { name: 'Back to invoices' }).click();
  await invoices.saveBilling(client, { address: 'Bahnhofstrasse 1\n8001 Zürich', vatId: 'CHE-116.281.710 MWST', business: true });
  await invoices.openDraft(client);
  await editor.getByRole('button', { name: 'Issue invoice…' }).click();
  const ask = page.getByRole('dialog', { name: /^Issue invoice / });
  await expect(ask.getByRole('alert')).toHaveText(/^2 characters could not be drawn in the PDF’s font/);
  await ask.getByRole('button', { name: 'Not yet' }).click();
  await page.getByRole('button', { name: 'Back to invoices' }).click();
  const list = page.getByRole('table', { name: 'Invoices' });
  await expect(list).toContainText('Draft');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowing(page.locator('main')), `list at ${width} (${scheme})`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`invoice-list-${width}-${scheme}.png`) });
    }
  }
  expect(await seriousViolations(page)).toEqual([]);
});
