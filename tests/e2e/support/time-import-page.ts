/** Page object for "Import time…" on the Time screen: choose a report, read the preview, import. */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export class TimeImportPage {
  readonly page: Page;
  readonly dialog: Locator;
  readonly preview: Locator;

  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog', { name: 'Import time' });
    this.preview = this.dialog.getByRole('form', { name: 'Import preview' });
  }

  /** Opens the dialog from the Time screen and chooses `file`; resolves once the preview or the mapping shows. */
  async choose(file: string, timeout = 10_000): Promise<void> {
    await new AppShell(this.page).open('Time');
    await this.page.getByRole('button', { name: 'Import time…' }).click();
    await this.dialog.getByLabel('Time report (CSV)').setInputFiles(file);
    await expect(this.preview.or(this.dialog.getByRole('form', { name: 'Map the columns' }))).toBeVisible({ timeout });
  }

  /** The preview's first line: "<format>, <file>: N rows read: A new, B already imported. …". */
  summary(): Locator {
    return this.preview.getByTestId('time-import-summary');
  }

  async setZone(zone: string): Promise<void> {
    await this.preview.getByLabel('Time zone of the times in the file').selectOption(zone);
  }

  blocksToAdd(): Locator {
    return this.preview.getByRole('table', { name: 'Blocks to add' });
  }

  /** Clicks Import and waits for the dialog to close. */
  async importAll(count: number, timeout = 10_000): Promise<void> {
    await this.preview.getByRole('button', { name: `Import ${count.toLocaleString('en-GB')} ${count === 1 ? 'block' : 'blocks'}` }).click();
    await expect(this.dialog).toBeHidden({ timeout });
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
