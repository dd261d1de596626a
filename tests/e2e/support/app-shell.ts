/** Page object for the shell that every screen shares: navigation, status bar, headings. */
import { expect, type Locator, type Page } from '@playwright/test';

export class AppShell {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly netStatus: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.netStatus = page.getByTestId('net-status');
  }

  async ready(): Promise<void> {
    await expect(this.nav).toBeVisible();
    await expect(this.netStatus).not.toHaveText(/Checking/);
  }

  async open(label: string): Promise<void> {
    await this.nav.getByRole('link', { name: label }).click();
    await expect(this.heading).toHaveText(label);
  }
}
