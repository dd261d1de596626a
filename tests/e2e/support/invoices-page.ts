/**
 * Page object for invoicing as a person does it: the business profile in Settings, a client's
 * billing details, a draft on the Invoices screen, issuing it, saving its PDF and XML, marking it
 * paid and voiding it with a credit note. Specs that bill used to repeat these steps.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export interface ProfileDetails {
  legalName: string;
  /** English name as the picker shows it. */
  country: string;
  address: string;
  vatId?: string;
  /** Percent as typed ("19"). */
  vatRate: string;
  iban?: string;
  bic?: string;
  invoicePrefix?: string;
}

/** A German freelancer who charges 19 % at home. */
export const BERLIN_SELLER: ProfileDetails = {
  legalName: 'Anna Nowak Data Consulting',
  country: 'Germany',
  address: 'Torstraße 1\n10119 Berlin',
  vatId: 'DE136695976',
  vatRate: '19',
  iban: 'DE89 3704 0044 0532 0130 00',
  bic: 'DEUTDEFF',
};

export interface BillingDetails {
  legalName?: string;
  address: string;
  vatId?: string;
  business: boolean;
}

export class InvoicesPage {
  readonly page: Page;
  readonly shell: AppShell;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
  }

  /** Settings → Business profile, filled and saved. */
  async saveProfile(profile: ProfileDetails = BERLIN_SELLER): Promise<void> {
    await this.shell.open('Settings');
    const card = this.page.getByRole('form', { name: 'Business profile' });
    await card.getByLabel('Legal name').fill(profile.legalName);
    await card.getByLabel('Country of establishment').selectOption({ label: profile.country });
    await card.getByLabel('Address').fill(profile.address);
    if (profile.vatId) await card.getByLabel('VAT number').fill(profile.vatId);
    await card.getByLabel('Domestic VAT rate (%)').fill(profile.vatRate);
    if (profile.iban) await card.getByLabel('IBAN').fill(profile.iban);
    if (profile.bic) await card.getByLabel('BIC').fill(profile.bic);
    if (profile.invoicePrefix !== undefined) await card.getByLabel('Invoice prefix').fill(profile.invoicePrefix);
    await card.getByRole('button', { name: 'Save business profile' }).click();
    await expect(card.getByText('Business profile saved.')).toBeVisible();
  }

  /** Clients → Edit `client` → billing details, saved. */
  async saveBilling(client: string, billing: BillingDetails): Promise<void> {
    await this.shell.open('Clients');
    await this.page.getByRole('button', { name: `Edit ${client}` }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Edit client' });
    const add = dialog.getByLabel('Add billing details (an invoice needs them)');
    if (!(await add.isChecked())) await add.check();
    const section = dialog.locator('.billing-details');
    if (billing.legalName) await section.getByLabel('Legal name').fill(billing.legalName);
    await section.getByLabel('Billing address').fill(billing.address);
    await section.getByLabel(billing.business ? 'A business' : 'A private person').check();
    if (billing.vatId) await section.getByLabel('Client VAT number').fill(billing.vatId);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog).toBeHidden();
  }

  /** Invoices → New invoice for `client` over `period`; returns the editor. */
  async newDraft(client: string, period: 'Last month' | 'This month' = 'This month'): Promise<Locator> {
    await this.shell.open('Invoices');
    await this.page.getByRole('button', { name: 'New invoice' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'New invoice' });
    await dialog.getByLabel('Client').selectOption({ label: client });
    await dialog.getByLabel(new RegExp(`^${period}`)).check();
    await dialog.getByRole('button', { name: 'Start the draft' }).click();
    await expect(dialog).toBeHidden();
    const editor = this.editor();
    await expect(editor.getByRole('heading', { name: new RegExp(`Draft invoice for ${client}`) })).toBeVisible();
    return editor;
  }

  editor(): Locator {
    return this.page.locator('.draft-editor');
  }

  /** Issues the open draft; returns the number it took. */
  async issue(): Promise<string> {
    await this.editor().getByRole('button', { name: 'Issue invoice…' }).click();
    const ask = this.page.getByRole('dialog', { name: /^Issue invoice / });
    const title = (await ask.getByRole('heading').first().textContent()) ?? '';
    const number = /^Issue invoice (.+)\?$/u.exec(title.trim())?.[1] ?? '';
    expect(number).not.toBe('');
    await ask.getByRole('button', { name: `Issue ${number}` }).click();
    await expect(this.page.getByRole('heading', { name: new RegExp(`^Invoice ${number} ·`) })).toBeVisible();
    return number;
  }

  /** The open issued invoice or credit note. */
  issued(): Locator {
    return this.page.locator('.issued-invoice');
  }

  /** Opens issued invoice `number` from the list. */
  async open(number: string): Promise<void> {
    await this.shell.open('Invoices');
    await this.page.getByRole('table', { name: 'Invoices' }).getByRole('button', { name: number, exact: true }).click();
    await expect(this.issued()).toBeVisible();
  }

  /** Voids the open invoice with a credit note dated as the dialog proposes; returns the credit note's number. */
  async voidWithCreditNote(): Promise<string> {
    await this.issued().getByRole('button', { name: 'Void with a credit note…' }).click();
    const ask = this.page.getByRole('dialog', { name: /^Void invoice / });
    await ask.getByRole('button', { name: 'Issue credit note' }).click();
    const heading = this.page.getByRole('heading', { name: /^Credit note / });
    await expect(heading).toBeVisible();
    return /^Credit note (\S+)/u.exec((await heading.textContent()) ?? '')?.[1] ?? '';
  }
}
