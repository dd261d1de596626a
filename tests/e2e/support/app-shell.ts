/** Page object for the shell that every screen shares: navigation, status bar, headings. */
import { expect, type Locator, type Page } from '@playwright/test';
import { seedVault } from './seeded-vault.ts';
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

  /**
   * A fresh app shows first run; this gives it a new vault (made at the KDF floor, see
   * seeded-vault.ts) and unlocks it, so the shell is reachable. Specs of first run itself use
   * `VaultPage.create`.
   */
  async ready(): Promise<void> {
    if (!(await this.nav.isVisible())) {
      const vault = new VaultPage(this.page);
      await expect(this.page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
      await seedVault(this.page);
      await expect(this.page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
      await vault.unlock();
      await vault.expectUnlocked();
    }
    await expect(this.nav).toBeVisible();
    await expect(this.netStatus).not.toHaveText(/Checking/);
  }

  async open(label: string): Promise<void> {
    await this.nav.getByRole('link', { name: label }).click();
    await expect(this.heading).toHaveText(label);
  }
}
