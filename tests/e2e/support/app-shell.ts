/** Page object for the shell that every screen shares: navigation, status bar, headings. */
import { expect, type Locator, type Page } from '@playwright/test';
import { VaultPage } from './vault-page.ts';

export class AppShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly netStatus: Locator;

  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.netStatus = page.getByTestId('net-status');
  }

  /** A fresh app shows first-run; this creates a vault so the shell is reachable. */
  async ready(): Promise<void> {
    if (!(await this.nav.isVisible())) await new VaultPage(this.page).create();
    await expect(this.nav).toBeVisible();
    await expect(this.netStatus).not.toHaveText(/Checking/);
  }

  async open(label: string): Promise<void> {
    await this.nav.getByRole('link', { name: label }).click();
    await expect(this.heading).toHaveText(label);
  }
}
