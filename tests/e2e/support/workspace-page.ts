/** Page object for the workspace screens: clients, projects, typed time entry, the time table. */
import { expect, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

export interface ClientDetails {
  name: string;
  company?: string;
  email?: string;
  phone?: string;
  address?: string;
  /** The country's English name, as the picker shows it (locale en-GB). */
  country: string;
  currency: string;
  rate: string;
  residency: 'This device only' | 'EU' | 'EEA' | 'EEA and adequacy countries';
  notes?: string;
}

export class WorkspacePage {
  readonly page: Page;
  readonly shell: AppShell;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
  }

  async createClient(client: ClientDetails): Promise<void> {
    const { page } = this;
    await this.shell.open('Clients');
    await page.getByRole('button', { name: 'New client' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New client' });
    await dialog.getByLabel('Name', { exact: true }).fill(client.name);
    if (client.company) await dialog.getByLabel('Company (if different)').fill(client.company);
    if (client.email) await dialog.getByLabel('Email').fill(client.email);
    if (client.phone) await dialog.getByLabel('Phone').fill(client.phone);
    if (client.address) await dialog.getByLabel('Address').fill(client.address);
    await dialog.getByLabel('Country').selectOption({ label: client.country });
    await dialog.getByLabel('Currency').selectOption(client.currency);
    await dialog.getByLabel('Default hourly rate').fill(client.rate);
    await dialog.getByRole('radio', { name: client.residency, exact: true }).check();
    if (client.notes) await dialog.getByLabel('Notes').fill(client.notes);
    await dialog.getByRole('button', { name: 'Create client' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('rowheader', { name: new RegExp(client.name) })).toBeVisible();
  }

  async createProject(project: { client: string; name: string; notes?: string; estimate?: string }): Promise<void> {
    const { page } = this;
    await this.shell.open('Projects');
    await page.getByRole('button', { name: 'New project' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New project' });
    await dialog.getByLabel('Client').selectOption({ label: project.client });
    await dialog.getByLabel('Project name').fill(project.name);
    if (project.estimate) await dialog.getByLabel('Estimate (hours)').fill(project.estimate);
    if (project.notes) await dialog.getByLabel('Notes').fill(project.notes);
    await dialog.getByRole('button', { name: 'Create project' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('rowheader', { name: project.name })).toBeVisible();
  }

  /** Types one block in the Time screen's entry field and presses Enter. */
  async typeBlock(project: string, text: string): Promise<void> {
    const { page } = this;
    const entry = page.getByRole('form', { name: 'Add time' });
    await entry.getByLabel('Project').selectOption({ label: project });
    await entry.getByLabel('Time').fill(text);
    await entry.getByLabel('Time').press('Enter');
    await expect(
      page
        .getByRole('status')
        .getByText(/^Added /)
        .last(),
    ).toBeVisible();
    await expect(entry.getByLabel('Time')).toHaveValue('');
  }

  /** Types `text` in the entry field and presses Enter without expecting it to be added (refusals). */
  async typeRefused(project: string, text: string): Promise<void> {
    const entry = this.page.getByRole('form', { name: 'Add time' });
    await entry.getByLabel('Project').selectOption({ label: project });
    await entry.getByLabel('Time').fill(text);
    await entry.getByLabel('Time').press('Enter');
  }

  /** The entry's live preview (what will be saved, or why not). */
  entryPreview() {
    return this.page.getByRole('form', { name: 'Add time' }).locator('.entry-preview');
  }

  /** The data row whose note contains `note`. */
  row(note: string | RegExp) {
    return this.tableRows().filter({ hasText: note });
  }

  /** Opens the Edit dialog of the row with `note` (double-click, as a person would). */
  async editRow(note: string | RegExp) {
    await this.row(note).dblclick();
    const editor = this.page.getByRole('dialog', { name: 'Edit time block' });
    await expect(editor).toBeVisible();
    return editor;
  }

  /** The table's data rows (not group rows) currently rendered. */
  tableRows() {
    return this.page.getByRole('grid', { name: 'Time blocks' }).locator('[role="row"][aria-selected]');
  }
}
