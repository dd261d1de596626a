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

/** Helix Bio (test-vault.ts) as a Dutch business with its VAT number: a German seller bills it under the reverse charge. */
export const HELIX_BILLING: BillingDetails = {
  legalName: 'Helix Bio B.V.',
  address: 'Science Park 104\n1098 XG Amsterdam',
  vatId: 'NL004495445B01',
  business: true,
};

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

  /** The Invoices screen's list, also from an invoice or draft open on it (which keeps its view while the screen is open). */
  async list(): Promise<void> {
    await this.shell.open('Invoices');
    const back = this.page.getByRole('button', { name: 'Back to invoices' });
    if (await back.isVisible()) await back.click();
    await expect(this.page.getByRole('button', { name: 'New invoice' }).first()).toBeVisible();
  }

  /** Invoices → New invoice for `client` over `period`; returns the editor. */
  async newDraft(client: string, period: 'Last month' | 'This month' = 'This month'): Promise<Locator> {
    await this.list();
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

  /** Invoices → the draft of `client` (its list row says "Draft"); returns the editor. */
  async openDraft(client: string): Promise<Locator> {
    await this.list();
    const row = this.page.getByRole('table', { name: 'Invoices' }).getByRole('row').filter({ hasText: client });
    await row.getByRole('button', { name: 'Draft', exact: true }).click();
    await expect(this.editor().getByRole('heading', { name: new RegExp(`Draft invoice for ${client}`) })).toBeVisible();
    return this.editor();
  }

  /** Sets the open draft's period of work (YYYY-MM-DD, both days included). */
  async setPeriod(from: string, to: string): Promise<void> {
    const editor = this.editor();
    await editor.getByLabel('Work from').fill(from);
    await editor.getByLabel('Work to').fill(to);
    await expect(editor.getByLabel('Work to')).toHaveValue(to);
  }

  /** Back to the list from the open draft (it is saved on the way). */
  async closeDraft(): Promise<void> {
    await this.editor().getByRole('button', { name: 'Back to invoices' }).click();
    await expect(this.editor()).toBeHidden();
  }

  /** The list's row of invoice or credit note `number` (call {@link list} first). */
  row(number: string): Locator {
    return this.page
      .getByRole('table', { name: 'Invoices' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: number, exact: true }) });
  }

  /**
   * Issues the open draft; returns the number it took and what the question said would be locked
   * ("1 time block and 0 expenses are marked billed and locked.").
   */
  async issue(): Promise<{ number: string; locks: string }> {
    await this.editor().getByRole('button', { name: 'Issue invoice…' }).click();
    const ask = this.page.getByRole('dialog', { name: /^Issue invoice / });
    const title = (await ask.getByRole('heading').first().textContent()) ?? '';
    const number = /^Issue invoice (.+)\?$/u.exec(title.trim())?.[1] ?? '';
    expect(number).not.toBe('');
    const locks = /\d+ time blocks? and \d+ expenses? (is|are) marked billed and locked\./u.exec((await ask.textContent()) ?? '')?.[0] ?? '';
    await ask.getByRole('button', { name: `Issue ${number}` }).click();
    await expect(this.page.getByRole('heading', { name: new RegExp(`^Invoice ${number} ·`) })).toBeVisible();
    return { number, locks };
  }

  /** Saves the open invoice's or credit note's PDF through the save dialog; resolves once the app says where. */
  async savePdf(): Promise<void> {
    await this.issued().getByRole('button', { name: 'Save PDF…' }).click();
    await expect(this.page.getByText(/^Saved .+\.pdf$/u).last()).toBeVisible();
  }

  /** Saves the open invoice's e-invoice (UBL XML) through the save dialog. */
  async saveXml(): Promise<void> {
    await this.issued().getByRole('button', { name: 'Save e-invoice (XML)…' }).click();
    await expect(this.page.getByText(/^Saved .+\.xml$/u).last()).toBeVisible();
  }

  /** The open issued invoice or credit note. */
  issued(): Locator {
    return this.page.locator('.issued-invoice');
  }

  /** Opens issued invoice `number` from the list. */
  async open(number: string): Promise<void> {
    await this.list();
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
