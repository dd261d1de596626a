/**
 * Page object for the Sync screen: the Add-a-sync-target dialog (folder from main's picker, WebDAV,
 * S3 with a declared country), Sync now, the phase line, the targets and placement tables, removing
 * a target. The dialog's steps are separate so a spec can assert what the form says between them.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';
import type { MainControls } from './main-controls.ts';

/** Where an S3 bucket is: the provider's label as the form lists it, its region and endpoint. */
export interface S3Location {
  provider: string;
  region: string;
  bucket: string;
  endpoint: string;
}

/** Rounds on a loaded machine take seconds; the phase line must settle within this. */
const ROUND_MS = 20_000;

export class SyncPage {
  readonly page: Page;
  readonly shell: AppShell;
  /** The one-line phase ("Up to date", "Sync paused", …) on the Sync screen. */
  readonly phase: Locator;
  /** The status bar's sync line, shown on every screen. */
  readonly status: Locator;
  readonly targets: Locator;
  readonly placement: Locator;
  readonly audit: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.phase = page.getByTestId('sync-phase');
    this.status = page.getByTestId('sync-status');
    this.targets = page.getByRole('table', { name: 'Targets' });
    this.placement = page.getByRole('table', { name: 'Where each client’s data may go' });
    this.audit = page.getByRole('region', { name: 'Audit log' });
  }

  async open(): Promise<void> {
    await this.shell.open('Sync');
  }

  /** Opens the Add-a-sync-target dialog and returns it, empty. */
  async openAddTarget(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add target' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Add a sync target' });
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /**
   * Adds a target named `name`: `fill` completes the dialog (and asserts what it shows meanwhile);
   * the dialog closes and the screen says the connection works.
   */
  async addTarget(name: string, fill: (dialog: Locator) => Promise<void>): Promise<void> {
    const dialog = await this.openAddTarget();
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Add target' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByText(`${name} added; the connection works.`)).toBeVisible();
  }

  /** The folder comes from main's own picker (answered by the test host or the double's dialog). */
  async chooseFolder(form: Locator, main: MainControls, path: string): Promise<void> {
    await main.answerFolder(path);
    await form.getByRole('button', { name: 'Choose…' }).click();
    await expect(form.getByLabel('Folder', { exact: true })).toHaveValue(path);
  }

  /** A folder target: kind, main's picker, and the country the person declares it is in. */
  async fillFolder(dialog: Locator, main: MainControls, path: string, country: string): Promise<void> {
    await dialog.getByLabel('Kind').selectOption('folder');
    await this.chooseFolder(dialog, main, path);
    await this.declare(dialog, country);
  }

  /** A WebDAV target: its URL and login, and the declared country. */
  async fillWebdav(dialog: Locator, webdav: { url: string; user: string; password: string; country: string }): Promise<void> {
    await dialog.getByLabel('Kind').selectOption('webdav');
    await dialog.getByLabel('WebDAV URL', { exact: true }).fill(webdav.url);
    await this.declare(dialog, webdav.country);
    await dialog.getByLabel('User name', { exact: true }).fill(webdav.user);
    await dialog.getByLabel('Password', { exact: true }).fill(webdav.password);
  }

  /** An S3 bucket's place (S3 is the form's default kind); the country is declared separately. */
  async fillS3Location(dialog: Locator, s3: S3Location): Promise<void> {
    await dialog.getByLabel('Provider', { exact: true }).selectOption({ label: s3.provider });
    await dialog.getByLabel('Region', { exact: true }).selectOption(s3.region);
    await dialog.getByLabel('Bucket', { exact: true }).fill(s3.bucket);
    await dialog.getByLabel('Endpoint URL', { exact: true }).fill(s3.endpoint);
  }

  async fillS3Keys(dialog: Locator, keys: { accessKeyId: string; secretAccessKey: string }): Promise<void> {
    await dialog.getByLabel('Access key', { exact: true }).fill(keys.accessKeyId);
    await dialog.getByLabel('Secret key', { exact: true }).fill(keys.secretAccessKey);
  }

  async declare(dialog: Locator, country: string): Promise<void> {
    await dialog.getByLabel('Country where it stores data').selectOption({ label: country });
  }

  /** What main's resolver says about the place, in the dialog, before the target exists. */
  where(dialog: Locator): Locator {
    return dialog.locator('.target-where');
  }

  async upToDate(): Promise<void> {
    await expect(this.phase).toContainText('Up to date', { timeout: ROUND_MS });
  }

  /** Presses Sync now without waiting for the round (for rounds that end in a refusal). */
  async requestSync(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync now' }).click();
  }

  /**
   * Presses Sync now and waits for a round that began after the press to end up to date. The phase
   * alone says "Up to date" before the round starts, and a round already running when the button
   * was pressed may have missed a change made just before.
   */
  async syncNow(): Promise<void> {
    const pressedAt = await this.page.evaluate(() => Date.now());
    await this.requestSync();
    await expect
      .poll(async () => Number((await this.phase.getAttribute('data-round-started-at')) ?? 0), {
        timeout: ROUND_MS,
        message: 'a sync round that began after Sync now',
      })
      .toBeGreaterThanOrEqual(pressedAt);
    await this.upToDate();
  }

  /** The last round's report for one target. */
  report(target: string): Locator {
    return this.page.getByTestId(`sync-report-${target}`);
  }

  targetRow(target: string): Locator {
    return this.targets.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: target, exact: true }) });
  }

  /** A client's row in the placement table: one cell per target, "Allowed" or "Held back" with why. */
  placementRow(client: string | RegExp): Locator {
    return this.placement.getByRole('row', { name: client });
  }

  async removeTarget(target: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${target}`, exact: true }).click();
    await this.page.getByRole('dialog', { name: 'Remove this target?' }).getByRole('button', { name: 'Remove target' }).click();
    await expect(this.targets.getByRole('rowheader', { name: target, exact: true })).toHaveCount(0);
  }
}
