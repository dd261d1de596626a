/**
 * The client form as a person fills it in badly: every invalid field is marked at once in the
 * words of its label, focus goes to the first, no schema path or validator text shows; choosing
 * the United States takes the dollar and asks for one of its time zones; "Only these countries"
 * is a list by name with nothing preselected; a 200-character name keeps every control in the
 * dialog at 1024 px.
 */
import { expect, test } from './support/fixtures.ts';
import { testVault } from './support/test-vault.ts';
import { validatorText } from '../unit/support/validator-text.ts';

test('bad input is said field by field, in words, and the form follows the country', async ({ app }, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 700 });
  const { shell } = await testVault(page);
  await shell.open('Clients');
  await page.getByRole('button', { name: 'New client' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New client' });

  // The country decides the currency and offers its own time zones first.
  await dialog.getByLabel('Country').selectOption({ label: 'Portugal' });
  await expect(dialog.getByLabel('Currency')).toHaveValue('EUR');
  await expect(dialog.getByLabel('Time zone')).toHaveValue('Europe/Lisbon');
  await dialog.getByLabel('Country').selectOption({ label: 'United States' });
  await expect(dialog.getByLabel('Currency')).toHaveValue('USD');
  await expect(dialog.getByLabel('Time zone')).toHaveValue('');
  await expect(dialog.getByLabel('Time zone').locator('optgroup').first()).toHaveAttribute('label', 'United States');

  // "Only these countries": nothing chosen for the person, the list by name, a filter to find one.
  await dialog.getByRole('radio', { name: 'Only these countries', exact: true }).check();
  const list = dialog.getByRole('group', { name: 'Allowed countries' });
  await expect(list.getByRole('checkbox', { checked: true })).toHaveCount(0);
  const names = await list.getByRole('checkbox').evaluateAll((boxes) => boxes.slice(0, 3).map((b) => b.parentElement?.textContent?.trim()));
  expect(names).toEqual(['Afghanistan', 'Åland Islands', 'Albania']);

  // Everything wrong at once.
  const longName = `Acme ${'Very Long Analytics '.repeat(10)}`.slice(0, 201);
  await dialog.getByLabel('Name', { exact: true }).fill(longName);
  await expect(dialog.getByText('201 / 200 characters')).toBeVisible();
  await dialog.getByLabel('Email').fill('not an email');
  await dialog.getByLabel('Default hourly rate').fill('-95');
  await dialog.getByLabel('Keep data for (months)').fill('0');
  await dialog.getByRole('button', { name: 'Create client' }).click();

  const errors = dialog.locator('.field-error');
  await expect(errors).toHaveText([
    'Name: at most 200 characters.',
    'Email: enter an email address such as name@example.com.',
    'Time zone: choose the client’s time zone.',
    'Default hourly rate cannot be negative.',
    'Allowed countries: choose at least one country, or another option.',
    'Keep data for: a whole number of months from 1 to 1200, or leave it empty for no limit.',
  ]);
  for (const text of await dialog.locator('.field-error, .form-error, [role="alert"]').allInnerTexts()) expect(validatorText(text), text).toBeNull();
  await expect(dialog.getByLabel('Name', { exact: true })).toBeFocused();
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // The long name keeps every control inside the dialog at 1024 px.
  const overflowing = await dialog.evaluate((d) => {
    const right = d.getBoundingClientRect().right;
    return [...d.querySelectorAll('input, select, textarea')]
      .filter((c) => c.getBoundingClientRect().width > 0 && c.getBoundingClientRect().right > right + 1)
      .map((c) => c.id || c.getAttribute('aria-label') || c.tagName);
  });
  expect(overflowing).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('client-form-errors-1024.png') });

  // Fixed field by field: each message goes as its field changes; then it saves.
  await dialog.getByLabel('Name', { exact: true }).fill('Acme Analytics Inc.');
  await expect(errors).toHaveCount(5);
  await dialog.getByLabel('Email').fill('ops@acme.example');
  await dialog.getByLabel('Time zone').selectOption('America/New_York');
  await dialog.getByLabel('Default hourly rate').fill('95');
  await dialog.getByLabel('Find a country').fill('united st');
  await list.getByRole('checkbox', { name: 'United States', exact: true }).check();
  await dialog.getByLabel('Keep data for (months)').fill('');
  await dialog.getByRole('button', { name: 'Create client' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('rowheader', { name: /Acme Analytics Inc\./ })).toBeVisible();
});
