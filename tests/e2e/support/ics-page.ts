/**
 * Page object for Settings → Calendars: importing an .ics file, the list of imported calendars,
 * converting a coming event into a block, and exporting an .ics file.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export class IcsPage {
  readonly page: Page;
  readonly shell: AppShell;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
  }

  /** The Calendars card (Settings opened first). */
  async open(): Promise<Locator> {
    await this.shell.open('Settings');
    const card = this.card();
    await expect(card).toBeVisible();
    return card;
  }

  card(): Locator {
    return this.page.getByRole('region', { name: 'Calendars' });
  }

  /** Chooses `path` in "Import .ics…" and waits for the outcome (imported, or refused). */
  async importFile(path: string): Promise<void> {
    await this.card().getByLabel('Import .ics…').setInputFiles(path);
    await expect(this.card().getByTestId('ics-import-outcome').or(this.card().getByRole('alert'))).toBeVisible();
  }

  outcome(): Locator {
    return this.card().getByTestId('ics-import-outcome');
  }

  calendars(): Locator {
    return this.card().getByRole('table', { name: 'Imported calendars' });
  }

  /** The row of calendar `name` in the list. */
  row(name: string): Locator {
    return this.calendars().getByRole('row').filter({ hasText: name });
  }

  /** Shows `calendar`'s coming events and converts the first whose text matches `event` into a block of `project` (Save without one is refused first). */
  async convert(calendar: string, event: RegExp, project: string): Promise<void> {
    await this.row(calendar).getByRole('button', { name: 'Show events' }).click();
    const list = this.card().getByRole('table', { name: `Coming events in ${calendar}` });
    await list
      .getByRole('row')
      .filter({ hasText: event })
      .first()
      .getByRole('button', { name: /^Convert .* to a block$/ })
      .click();
    const editor = this.page.getByRole('dialog', { name: 'New time block' });
    await expect(editor).toBeVisible();
    // The event does not say whose time it is: Save asks for the project first.
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor.getByRole('alert')).toHaveText('Project: choose the project this time belongs to.');
    await editor.getByLabel('Project').selectOption({ label: project });
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();
  }

  /** Exports the days `from`..`to` ('YYYY-MM-DD'); waits for the saved message. */
  async exportIcs(from: string, to: string): Promise<void> {
    const form = this.card().getByRole('form', { name: 'Export a calendar' });
    await form.getByLabel('From').fill(from);
    await form.getByLabel('To').fill(to);
    await form.getByRole('button', { name: 'Export .ics…' }).click();
    await expect(form.getByRole('status')).toContainText(/\d+ events? exported to .+\.ics\./);
  }
}
