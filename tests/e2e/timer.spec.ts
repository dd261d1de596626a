/**
 * The deep-work timer end to end: main's real timer controller in the browser host, its tray model
 * clicked as Electron's tray would, blocks reaching the vault exactly once, across a killed main.
 */
import { startHost } from '../host/server.ts';
import { UNLOCK_LABEL } from '../../src-main/timer/tray-presenter.ts';
import type { TrayModel } from '../../src-main/timer/tray-presenter.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, test } from './support/fixtures.ts';
import { VaultPage } from './support/vault-page.ts';
import { WorkspacePage } from './support/workspace-page.ts';

const MIN = 60_000;
const trayText = (model: TrayModel) => JSON.stringify(model.menu);
const items = (model: TrayModel) => model.menu.flatMap((item) => [item, ...(item.submenu ?? [])]);

async function clientAndProject(ws: WorkspacePage) {
  await ws.createClient({ name: 'Nordlicht', country: 'Germany', currency: 'EUR', rate: '95', residency: 'EEA' });
  await ws.createProject({ client: 'Nordlicht', name: 'Churn POC' });
}

test.describe('timer from the tray', () => {
  // Main's clock runs 40 minutes behind, so a 30-minute block ends in the past.
  test.use({ hostOptions: { clockOffsetMs: -40 * MIN } });

  test('the tray starts and stops deep work, and the block appears in Today', async ({ app }) => {
    test.skip(!app.host, 'clicks the tray model of the browser host');
    const host = app.host!;
    const { page } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');

    // Unlocked: the tray offers the project by name.
    await expect.poll(() => trayText(host.tray.model())).toContain('Nordlicht · Churn POC');
    const start = items(host.tray.model()).find((item) => item.id.startsWith('start:'));
    await host.tray.click(start!.id);
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    expect(host.tray.model().icon).toBe('running');

    await host.advance(30 * MIN);
    await expect(page.getByTestId('timer-clock')).toHaveText(/^1:00:0\d$|^59:5\d$/);
    await host.tray.click('stop');
    await expect(page.getByTestId('timer-status')).toBeHidden();
    const today = page.locator('.block-list li');
    await expect(today).toHaveCount(1);
    await expect(today.first()).toContainText('0:30');
    await expect.poll(() => host.timer.view().outbox.length).toBe(0);

    // Locked: no names in the tray.
    await page.keyboard.press('Control+l');
    await expect.poll(() => trayText(host.tray.model())).not.toContain('Nordlicht');
    expect(trayText(host.tray.model())).toContain(UNLOCK_LABEL);
  });
});

test.describe('timer across a killed main', () => {
  // The first main loses every "stored" acknowledgement, as if it died right after the vault wrote.
  test.use({ hostOptions: { clockOffsetMs: -40 * MIN, loseBlockAcks: true } });

  test('a running block survives main being killed, and every block is recorded exactly once', async ({ app }) => {
    test.skip(!app.host, 'restarts the browser host');
    const first = app.host!;
    const { page } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    await first.advance(20 * MIN);
    await page.getByRole('button', { name: 'Stop' }).click();
    const today = page.locator('.block-list li');
    await expect(today).toHaveCount(1);
    // Stored in the vault, but main never heard: it still holds the block.
    expect(first.timer.view().outbox).toHaveLength(1);

    await page.getByRole('button', { name: 'Start' }).click();
    // Main must have started (and journaled) the block before it is killed; on a busy machine the click takes a moment.
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    await expect.poll(() => first.timer.view().status).toBe('running');
    await first.advance(5 * MIN);
    await first.kill();

    const port = Number(new URL(first.origin).port);
    const second = await startHost({ dataDir: first.dataDir, port, clockOffsetMs: -15 * MIN });
    try {
      await page.reload();
      const vault = new VaultPage(page);
      await vault.unlock();
      await vault.expectUnlocked();
      await shell.open('Today');
      // The block running when main died is still running; the unacknowledged one came back and was recognised.
      await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
      await expect.poll(() => second.timer.view().outbox.length).toBe(0);
      await expect(today).toHaveCount(1);

      await second.advance(10 * MIN);
      await page.getByRole('button', { name: 'Stop' }).click();
      await expect(today).toHaveCount(2);
      await expect(today.nth(0)).toContainText('0:20');
      await expect(today.nth(1)).toContainText('0:15');
      await expect.poll(() => second.timer.view().outbox.length).toBe(0);
      await shell.open('Time');
      await expect(page.getByTestId('total-duration')).toHaveText('0:35');
    } finally {
      await second.close();
    }
  });
});

test('timer settings are kept by main and refuse what cannot work', async ({ app }) => {
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  await shell.open('Settings');
  const card = page.getByRole('form', { name: 'Timer' });
  await expect(card.getByLabel(/were you away/)).toHaveValue('5');
  await card.getByLabel(/were you away/).fill('0');
  await card.getByRole('button', { name: 'Save timer settings' }).click();
  await expect(card.getByRole('alert')).toHaveText('Idle time is a whole number of minutes, at least 1.');
  await card.getByLabel(/were you away/).fill('3');
  await card.getByLabel(/shortcut/).fill('T');
  await card.getByRole('button', { name: 'Save timer settings' }).click();
  await expect(card.getByRole('alert')).toContainText('modifiers and a key');
  await card.getByLabel(/shortcut/).fill('Alt+Shift+F9');
  await card.getByRole('button', { name: 'Save timer settings' }).click();
  await expect(card.getByText('Saved.')).toBeVisible();
  await shell.open('Today');
  await shell.open('Settings');
  await expect(card.getByLabel(/were you away/)).toHaveValue('3');
  await expect(card.getByLabel(/shortcut/)).toHaveValue('Alt+Shift+F9');
});

test('the command palette starts and stops the timer from the keyboard', async ({ app }) => {
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  await clientAndProject(new WorkspacePage(page));
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('start timer');
  await page.keyboard.press('Enter');
  await expect(shell.heading).toHaveText('Today');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('stop timer');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timer-status')).toBeHidden();
});
