/**
 * The invoicing profiles as a person fills them in, badly first: Settings → Business profile
 * (every refusal under its field in words, focus on the first, nothing written; the currency from
 * the country, § 19 UStG's wording for Germany, the next number previewed) and a client's billing
 * details (the VAT number checked against the client's country, the VAT treatment said in words
 * before any invoice). Long names at 1024 and 1440, light and dark, screenshots kept with the
 * results; axe on the new card and section.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { testVault } from './support/test-vault.ts';
import { validatorText } from '../unit/support/validator-text.ts';
import { overflowing } from './support/overflow.ts';

const YEAR = new Date().getFullYear();
const LONG_SELLER = `Anna Nowak Data Consulting and Applied Machine Learning for Łódź, Zürich and Αθήνα ${'Research '.repeat(20)}`.slice(0, 200).trim();
const LONG_CLIENT = `Łódź Analytics sp. z o.o. ${'Predictive Maintenance '.repeat(8)}`.slice(0, 200).trim();

/** No field error, form error or alert reads as a schema path or validator text. */
async function expectWords(scope: Locator) {
  for (const text of await scope.locator('.field-error, .form-error, [role="alert"]').allInnerTexts()) expect(validatorText(text), text).toBeNull();
}

/**
 * The screen at 1024 and 1440, light and dark: nothing in `scope` runs past its edge; a screenshot
 * with `scope`'s top in view and one with its last button in view (it scrolls inside the screen).
 */
async function shots(page: Page, scope: Locator, name: string, outputPath: (name: string) => string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflowing(scope), `${name} at ${width} (${scheme})`).toEqual([]);
      await scope.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: outputPath(`${name}-${width}-${scheme}-top.png`) });
      await scope
        .locator('button[type="submit"]')
        .last()
        .evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: outputPath(`${name}-${width}-${scheme}-end.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Fills and saves a valid German profile (used by the client test). */
async function saveGermanProfile(card: Locator) {
  await card.getByLabel('Legal name').fill('Anna Nowak Data Consulting');
  await card.getByLabel('Country of establishment').selectOption({ label: 'Germany' });
  await card.getByLabel('Address').fill('Torstraße 1\n10119 Berlin');
  await card.getByLabel('VAT number').fill('DE 136 695 976');
  await card.getByLabel('Domestic VAT rate (%)').fill('19');
  await card.getByRole('button', { name: 'Save business profile' }).click();
  await expect(card.getByText('Business profile saved.')).toBeVisible();
}

test('the business profile: bad input refused field by field with nothing written, then saved and read back', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 900 });
  const { shell } = await testVault(page);
  await shell.open('Settings');
  const card = page.getByRole('form', { name: 'Business profile' });

  // The currency follows the country; the rate is the person's to type.
  await card.getByLabel('Country of establishment').selectOption({ label: 'Switzerland' });
  await expect(card.getByLabel('Home currency')).toHaveValue('CHF');
  await card.getByLabel('Country of establishment').selectOption({ label: 'Germany' });
  await expect(card.getByLabel('Home currency')).toHaveValue('EUR');
  await expect(card.getByText('Caravan never guesses a rate')).toBeVisible();
  await expect(card.getByLabel('Domestic VAT rate (%)')).toHaveValue('');

  // Germany's small-business wording is the law's, prefilled when the box is ticked.
  const exempt = card.getByLabel('I use a small-business exemption and charge no VAT at home');
  await exempt.check();
  await expect(card.getByLabel('Exemption wording')).toHaveValue('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
  await card.getByLabel('Exemption wording').fill('');

  // Everything wrong at once.
  await card.getByLabel('Legal name').fill(`${LONG_SELLER} ${'X'.repeat(10)}`.slice(0, 201));
  await expect(card.getByText('201 / 200 characters')).toBeVisible();
  await card.getByLabel('VAT number').fill('FR40303265045');
  await card.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 01');
  await card.getByLabel('BIC').fill('DEUT');
  await card.getByLabel('Payment terms (days)').fill('400');
  await card.getByLabel('Invoice prefix').fill('RE-');
  await card.getByLabel('Credit-note prefix').fill('RE-');
  await card.getByRole('button', { name: 'Save business profile' }).click();

  await expect(card.locator('.field-error')).toHaveText([
    'Legal name: at most 200 characters.',
    'Address: the postal address printed on your invoices.',
    'VAT number: a VAT number from Germany begins with DE; this one begins with FR. Check the number or the country.',
    'Exemption wording: type the sentence the law asks your invoices to carry, or untick the exemption.',
    'Payment terms (days): a whole number of days from 0 to 365, such as 14.',
    'IBAN: the check digits do not match; check for a mistyped or swapped character.',
    /^BIC: 8 or 11 letters and digits/u,
    'Credit-note prefix: use another prefix than the invoices’; credit notes are numbered in a series of their own.',
  ]);
  await expectWords(card);
  await expect(card.getByLabel('Legal name')).toBeFocused();
  await expect(card.getByLabel('Legal name')).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page, '.business-profile')).toEqual([]);
  await shots(page, page.locator('.business-profile'), 'profile-errors', (n) => testInfo.outputPath(n));

  // Nothing was written: the card reads the setting again, and it is empty.
  await shell.open('Today');
  await shell.open('Settings');
  await expect(card.getByLabel('Legal name')).toHaveValue('');
  await expect(card.getByLabel('IBAN')).toHaveValue('');

  // Fixed, with a count continued from another tool: the preview says the next numbers.
  await card.getByLabel('Legal name').fill(LONG_SELLER);
  await card.getByLabel('Country of establishment').selectOption({ label: 'Germany' });
  await card.getByLabel('Address').fill('Torstraße 1\n10119 Berlin');
  await card.getByLabel('VAT number').fill('de 136 695 976');
  await card.getByLabel('Domestic VAT rate (%)').fill('19');
  await card.getByLabel('IBAN').fill('de89 3704 0044 0532 0130 00');
  await card.getByLabel('BIC').fill('deutdeff');
  await card.getByLabel('Invoice prefix').fill('RE-');
  await card.getByLabel('Credit-note prefix').fill('GS-');
  await expect(card.getByTestId('series-preview')).toHaveText(`Next invoice: RE-${YEAR}-0001 · Next credit note: GS-${YEAR}-0001`);
  await card.getByLabel('Next invoice number this year').fill('42');
  await expect(card.getByTestId('series-preview')).toContainText(`Next invoice: RE-${YEAR}-0042`);
  await card.getByLabel('Decimal hours (7.92 h)').check();
  await card.getByRole('button', { name: 'Save business profile' }).click();
  await expect(card.getByText('Business profile saved.')).toBeVisible();
  await expect(card.locator('.field-error')).toHaveCount(0);

  // Read back as stored: the IBAN in groups of four, the VAT number without spaces.
  await shell.open('Today');
  await shell.open('Settings');
  await expect(card.getByLabel('Legal name')).toHaveValue(LONG_SELLER);
  await expect(card.getByLabel('IBAN')).toHaveValue('DE89 3704 0044 0532 0130 00');
  await expect(card.getByLabel('VAT number')).toHaveValue('DE136695976');
  await expect(card.getByLabel('BIC')).toHaveValue('DEUTDEFF');
  await expect(card.getByLabel('Next invoice number this year')).toHaveValue('42');
  await expect(card.getByLabel('Decimal hours (7.92 h)')).toBeChecked();
  expect(await seriousViolations(page, '.business-profile')).toEqual([]);
  await shots(page, page.locator('.business-profile'), 'profile-saved', (n) => testInfo.outputPath(n));
});

test('a client’s billing details: the VAT number against its country, and the VAT treatment in words', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 900 });
  const { shell } = await testVault(page);
  await shell.open('Clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  let dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name', { exact: true }).fill(LONG_CLIENT);
  await dialog.getByLabel('Country').selectOption({ label: 'Poland' });
  await dialog.getByLabel('Add billing details (an invoice needs them)').check();
  // One dialog is open at a time: the section is the open dialog's.
  const section = page.getByRole('dialog').locator('.billing-details');
  const treatment = section.getByTestId('vat-treatment');
  // No profile yet: it says where to add one.
  await expect(treatment).toContainText('Add your business profile in Settings');
  // Poland has no territory outside the VAT area under its code; the box is not offered.
  await expect(section.getByText('outside the EU VAT area')).toHaveCount(0);
  await expect(section.getByLabel('Legal name')).toHaveAttribute('placeholder', LONG_CLIENT);

  await section.getByLabel('Client VAT number').fill('DE136695976');
  await section.getByLabel('Buyer reference or purchase order').fill('x'.repeat(201));
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(section.locator('.field-error')).toHaveText([
    'Client VAT number: a VAT number from Poland begins with PL; this one begins with DE. Check the number or the country.',
    'Buyer reference or purchase order: at most 200 characters.',
  ]);
  await expectWords(dialog);
  await expect(section.getByLabel('Client VAT number')).toBeFocused();
  expect(await seriousViolations(page, '.billing-details')).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // With a German seller's profile, the treatment follows as the person types.
  await shell.open('Settings');
  await saveGermanProfile(page.getByRole('form', { name: 'Business profile' }));
  await shell.open('Clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  dialog = page.getByRole('dialog', { name: 'New client' });
  await dialog.getByLabel('Name', { exact: true }).fill(LONG_CLIENT);
  await dialog.getByLabel('Country').selectOption({ label: 'Poland' });
  await dialog.getByLabel('Add billing details (an invoice needs them)').check();
  await expect(treatment).toContainText('Client VAT number: a business in another EU country is invoiced under reverse charge');
  await section.getByLabel('Client VAT number').fill('PL 526 000 12 46');
  await expect(treatment).toContainText('Reverse charge: the client accounts for the VAT.');
  await section.getByLabel('A private person').check();
  await expect(treatment).toContainText('Domestic VAT: 19 %');
  await section.getByLabel('A business').check();
  await section.getByLabel('Billing address').fill('ul. Piotrkowska 100\n90-001 Łódź');
  await shots(page, dialog, 'client-billing', (n) => testInfo.outputPath(n));
  expect(await seriousViolations(page, '.billing-details')).toEqual([]);
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(dialog).toBeHidden();

  // Read back: the number normalised, the treatment shown again.
  await page.getByRole('button', { name: `Edit ${LONG_CLIENT}` }).click();
  dialog = page.getByRole('dialog', { name: 'Edit client' });
  await expect(dialog.getByLabel('Add billing details (an invoice needs them)')).toBeChecked();
  await expect(section.getByLabel('Client VAT number')).toHaveValue('PL5260001246');
  await expect(section.getByLabel('Billing address')).toHaveValue('ul. Piotrkowska 100\n90-001 Łódź');
  await expect(treatment).toContainText('Reverse charge');

  // Spain offers the Canary Islands; a private person there buys outside the scope, and says what.
  await dialog.getByLabel('Country').selectOption({ label: 'Spain' });
  await expect(section.getByLabel('Client VAT number')).toHaveAttribute('aria-invalid', 'false');
  await section.getByLabel('Client VAT number').fill('');
  await section.getByLabel('A private person').check();
  await section.getByLabel('The client is in the Canary Islands, Ceuta or Melilla, outside the EU VAT area').check();
  await expect(section.getByRole('radiogroup', { name: 'What you sell this client' })).toBeVisible();
  await expect(treatment).toContainText('Article 59');
  await section.getByLabel('Other services').check();
  await expect(treatment).toContainText('Domestic VAT: 19 %');
  // Switzerland: a Swiss number is checked and kept as typed.
  await dialog.getByLabel('Country').selectOption({ label: 'Switzerland' });
  await section.getByLabel('A business').check();
  await section.getByLabel('Client VAT number').fill('CHE-116.281.711 MWST');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(section.locator('.field-error')).toHaveText(['Client VAT number: the check digit does not match; check for a mistyped digit.']);
  await section.getByLabel('Client VAT number').fill('CHE-116.281.710 MWST');
  await expect(treatment).toContainText('Article 44');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
});

test('a project’s billing rules: rounding and a rate change, a refused day focused', async ({ app }) => {
  const { page } = app;
  const { shell } = await testVault(page, {
    clients: [{ name: 'Zürich Robotics AG', country: 'Switzerland', currency: 'CHF', rate: '150', residency: 'EEA' }],
  });
  await shell.open('Projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Client').selectOption({ label: 'Zürich Robotics AG' });
  await dialog.getByLabel('Project name').fill('Gripper vision');
  await dialog.getByLabel('Round billed time').selectOption('up');
  await dialog.getByLabel('Applied').selectOption('day');
  await expect(dialog.getByText('Rounded up 15 minutes, per day.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add a rate change' }).click();
  await dialog.getByRole('button', { name: 'Add a rate change' }).click();
  const first = dialog.getByRole('group', { name: 'Rate change 1' });
  const second = dialog.getByRole('group', { name: 'Rate change 2' });
  await first.getByLabel('From').fill('2026-04-01');
  await first.getByLabel('Rate per hour (CHF)').fill('165');
  await second.getByLabel('From').fill('2026-04-01');
  await second.getByLabel('Rate per hour (CHF)').fill('170');
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog.locator('.field-error')).toHaveText(['Rate from 2026-04-01: two rates start that day. Keep one.']);
  await expectWords(dialog);
  await expect(second.getByLabel('From')).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove rate change 2' }).click();
  await expect(dialog.locator('.field-error')).toHaveCount(0);
  expect(await seriousViolations(page, '.rate-changes')).toEqual([]);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(dialog).toBeHidden();
});

test('a fixed-fee project’s phase carries a milestone fee; a negative one is refused under its field', async ({ app }) => {
  const { page } = app;
  const { shell } = await testVault(page, { clients: [{ name: 'Αθήνα Data Lab', country: 'Greece', currency: 'EUR', rate: '100', residency: 'EU' }] });
  await shell.open('Projects');
  await page.getByRole('button', { name: 'New project' }).first().click();
  const form = page.getByRole('dialog', { name: 'New project' });
  await form.getByLabel('Client').selectOption({ label: 'Αθήνα Data Lab' });
  await form.getByLabel('Project name').fill('Ticket triage');
  await form.getByLabel('Billing').selectOption('fixed');
  await form.getByLabel('Fee (EUR)').fill('12000');
  // Rate changes are for time billing: a fixed fee offers none.
  await expect(form.getByRole('button', { name: 'Add a rate change' })).toHaveCount(0);
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: 'Ticket triage', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'Ticket triage: playbook' });
  await detail.getByRole('button', { name: 'Discovery', exact: true }).click();
  const editor = detail.getByRole('form', { name: 'Phase Discovery' });
  await editor.getByLabel('Milestone fee (EUR)').fill('-10');
  await editor.getByRole('button', { name: 'Save phase' }).click();
  await expect(editor.locator('.field-error')).toHaveText(['Milestone fee cannot be negative.']);
  await expect(editor.getByLabel('Milestone fee (EUR)')).toBeFocused();
  await editor.getByLabel('Milestone fee (EUR)').fill('1.200,00');
  await editor.getByRole('button', { name: 'Save phase' }).click();
  await expect(editor).toBeHidden();
  await detail.getByRole('button', { name: 'Discovery', exact: true }).click();
  await expect(detail.getByRole('form', { name: 'Phase Discovery' }).getByLabel('Milestone fee (EUR)')).toHaveValue('1200.00');
});
