/**
 * Types into every text field of a part of the app, whatever it is called: the canary scan must
 * not depend on someone remembering a new field. Numbers, dates, selects and passwords are left
 * out (they cannot take the canary's text, and Chromium never keeps a password field's value).
 */
import type { Locator } from '@playwright/test';

const TEXT_FIELDS = 'input:not([type]), input[type=text], input[type=search], input[type=email], input[type=url], input[type=tel], textarea';

/** Fills each visible, editable text field in `scope` with `text(n)`; returns how many it filled. */
export async function typeEverywhere(scope: Locator, text: (n: number) => string): Promise<number> {
  const fields = scope.locator(TEXT_FIELDS);
  let typed = 0;
  for (let i = 0; i < (await fields.count()); i++) {
    const field = fields.nth(i);
    if (!(await field.isVisible()) || !(await field.isEditable())) continue;
    // Typed key by key, as a person would: some fields react to input events, not to a set value.
    await field.fill('');
    await field.pressSequentially(text(typed), { delay: 0 });
    typed++;
  }
  return typed;
}
