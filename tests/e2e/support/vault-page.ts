/** Page object for the vault screens: create, confirm the kit, lock, unlock, recover. */
import { expect, type Page } from '@playwright/test';

export const PASSPHRASE = 'correct horse battery staple orbit';
export const NEW_PASSPHRASE = 'lantern meadow quartz bicycle harbour';

export class VaultPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Creates a vault through the real first-run flow and returns its recovery kit. */
  async create(passphrase = PASSPHRASE, options: { saveKit?: boolean; atKit?: () => Promise<void> } = {}): Promise<string> {
    const { page } = this;
    await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
    await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Type it again').fill(passphrase);
    await expect(page.getByTestId('strength-label')).toContainText('strong');
    await page.getByRole('button', { name: 'Create vault' }).click();
    const kitView = page.getByTestId('recovery-kit');
    await expect(kitView).toBeVisible({ timeout: 60_000 });
    const kit = (await kitView.locator('code').allTextContents()).join('-');
    if (options.saveKit) {
      await page.getByRole('button', { name: 'Save as a file…' }).click();
      await expect(page.getByText(/^Saved to /)).toBeVisible();
    }
    await options.atKit?.();
    await page.getByRole('button', { name: 'I have saved it' }).click();
    const groups = kit.split('-');
    for (const label of await page.locator('label[for^="kit-group-"]').allTextContents()) {
      const index = Number(label.replace('Group ', '')) - 1;
      await page.getByLabel(label, { exact: true }).fill(groups[index] ?? '');
    }
    await page.getByRole('button', { name: 'Confirm and open my vault' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    return kit;
  }

  async lock(): Promise<void> {
    await this.page.keyboard.press('Control+l');
    await expect(this.page.getByRole('heading', { name: 'Unlock Caravan' })).toBeVisible();
  }

  async unlock(passphrase = PASSPHRASE): Promise<void> {
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 });
  }
}
