/**
 * Page object for the Presence screen as a person uses it: trips typed in bulk, today's Schengen
 * answer, a planned trip checked, a day of the ledger corrected, the tax-year counts and their
 * rules, the accountant's export.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export interface TripRow {
  /** 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** English name as the picker shows it. */
  country: string;
  note?: string;
}

export class PresencePage {
  readonly page: Page;
  readonly shell: AppShell;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
  }

  async open(): Promise<void> {
    await this.shell.open('Presence');
    await expect(this.page.getByTestId('schengen-answer')).toBeVisible();
  }

  /** The Trips card. */
  get trips(): Locator {
    return this.page.locator('section.card').filter({ has: this.page.getByRole('heading', { name: 'Trips', exact: true }) });
  }

  /** Opens "Add trips", types `rows` (adding rows as needed) and saves; the dialog stays open when the ledger refuses. */
  async addTrips(rows: readonly TripRow[], expectSaved = true): Promise<Locator> {
    await this.trips.getByRole('button', { name: 'Add trips' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add trips' });
    for (const [i, row] of rows.entries()) {
      const group = dialog.getByRole('group', { name: `Trip ${i + 1}` });
      if ((await group.count()) === 0) await dialog.getByRole('button', { name: 'Add a row' }).click();
      await group.getByLabel('From').fill(row.from);
      await group.getByLabel('To').fill(row.to);
      await group.getByLabel('Country').selectOption({ label: row.country });
      if (row.note !== undefined) await group.getByLabel('Note').fill(row.note);
    }
    await dialog.getByRole('button', { name: 'Save trips' }).click();
    if (expectSaved) await expect(dialog).toBeHidden();
    return dialog;
  }

  /** "Schengen: 48 days used, 42 left (window 11 Jun – 7 Dec)". */
  async readSchengen(): Promise<string> {
    return (await this.page.getByTestId('schengen-answer').innerText()).trim();
  }

  /** The latest-exit line, when inside the area. */
  async readExit(): Promise<string> {
    return (await this.page.getByTestId('schengen-exit').innerText()).trim();
  }

  /** Plan a trip: the answer in words. */
  async planTrip(row: TripRow): Promise<string> {
    const card = this.page.locator('section.card').filter({ has: this.page.getByRole('heading', { name: 'Plan a trip' }) });
    await card.getByLabel('From').fill(row.from);
    await card.getByLabel('To').fill(row.to);
    await card.getByLabel('Country').selectOption({ label: row.country });
    await card.getByRole('button', { name: 'Check' }).click();
    return (await card.getByTestId('plan-answer').locator('p').innerText()).trim();
  }

  /** The ledger row of `day` ('YYYY-MM-DD') in the month shown. */
  ledgerDay(day: string): Locator {
    return this.page.locator(`[data-testid="ledger-day"][data-day="${day}"]`);
  }

  /** Edit a day: its countries (English names, in order) and where it ended. */
  async correctDay(day: string, countries: readonly string[], endedIn?: string, note?: string): Promise<void> {
    await this.ledgerDay(day)
      .getByRole('button', { name: /^Edit / })
      .click();
    const dialog = this.page.getByRole('dialog', { name: /^Edit / });
    // Start from one row, then add as many as needed.
    while ((await dialog.getByRole('button', { name: /^Remove country/ }).count()) > 1)
      await dialog
        .getByRole('button', { name: /^Remove country/ })
        .last()
        .click();
    for (const [i, country] of countries.entries()) {
      if (i > 0) await dialog.getByRole('button', { name: 'Add a country' }).click();
      await dialog.getByLabel(`Country ${i + 1}`, { exact: true }).selectOption({ label: country });
      if (country === endedIn) await dialog.getByRole('radio', { name: `Day ended here (country ${i + 1})` }).check();
    }
    if (note !== undefined) await dialog.getByLabel('Note').fill(note);
    await dialog.getByRole('button', { name: 'Save day' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Days so far of `country` (ISO code) in tax year `year` ("2026", "2026/27"). */
  async taxDays(country: string, year: string): Promise<string> {
    return (await this.page.locator(`[data-testid="tax-row"][data-country="${country}"][data-year="${year}"] [data-testid="tax-days"]`).innerText()).trim();
  }

  taxRow(country: string, year: string): Locator {
    return this.page.locator(`[data-testid="tax-row"][data-country="${country}"][data-year="${year}"]`);
  }

  /** The Export card's button. */
  async exportAs(kind: 'CSV' | 'PDF'): Promise<void> {
    const card = this.page.locator('section.card').filter({ has: this.page.getByRole('heading', { name: 'For your accountant' }) });
    await card.getByRole('button', { name: `Export ${kind}` }).click();
  }
}
