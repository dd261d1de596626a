/**
 * The deep-work timer end to end: main's real timer controller (in the browser host, or the built main
 * under the Electron double), its tray clicked as a person would, blocks reaching the vault exactly
 * once, across a killed main.
 */
import { UNLOCK_LABEL } from '../../src-main/timer/tray-presenter.ts';
import { AppShell } from './support/app-shell.ts';
import { expect, needs, test } from './support/fixtures.ts';
import type { TrayView } from './support/main-controls.ts';
import { VaultPage } from './support/vault-page.ts';
import { WorkspacePage } from './support/workspace-page.ts';

const MIN = 60_000;
const trayText = (tray: TrayView) => JSON.stringify(tray.items);

async function clientAndProject(ws: WorkspacePage) {
  await ws.createClient({ name: 'Nordlicht', country: 'Germany', currency: 'EUR', rate: '95', residency: 'EEA' });
  await ws.createProject({ client: 'Nordlicht', name: 'Churn POC' });
}

test.describe('timer from the tray', () => {
  // Main's clock runs 40 minutes behind, so a 30-minute block ends in the past.
  test.use({ hostOptions: { clockOffsetMs: -40 * MIN } });

  test('the tray starts and stops deep work, and the block appears in Today', async ({ app }) => {
    needs(app, 'main', 'clicks the tray, which only the host and the double can reach');
    const { page, main } = app;
    const shell = new AppShell(page);
    await shell.ready();
    await clientAndProject(new WorkspacePage(page));
    await shell.open('Today');

    // Unlocked: the tray offers the project by name.
    await expect.poll(async () => trayText(await main.tray())).toContain('Nordlicht · Churn POC');
    const start = (await main.tray()).items.find((item) => item.id.startsWith('start:'));
    await main.clickTray(start!.id);
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    expect((await main.tray()).icon).toBe('running');

    await main.advanceClock(30 * MIN);
    await expect(page.getByTestId('timer-clock')).toHaveText(/^1:00:0\d$|^59:5\d$/);
    await main.clickTray('stop');
    await expect(page.getByTestId('timer-status')).toBeHidden();
    const today = page.locator('.block-list li');
    await expect(today).toHaveCount(1);
    await expect(today.first()).toContainText('0:30');
    await expect.poll(async () => (await main.timerView()).outbox.length).toBe(0);

    // Locked: no names in the tray.
    await page.keyboard.press('Control+l');
    await expect.poll(async () => trayText(await main.tray())).not.toContain('Nordlicht');
    expect(trayText(await main.tray())).toContain(UNLOCK_LABEL);
  });
});

test.describe('timer across a killed main', () => {
  // The first main loses every "stored" acknowledgement, as if it died right after the vault wrote.
  test.use({ hostOptions: { clockOffsetMs: -40 * MIN, loseBlockAcks: true } });

  test('a running block survives main being killed, and every block is recorded exactly once', async ({ app }) => {
    needs(app, 'restartMain', 'kills and restarts main, which only the host and the double can do');
    const first = app.main!;
    let { page } = app;
    const shell = () => new AppShell(page);
    await shell().ready();
    await clientAndProject(new WorkspacePage(page));
    await shell().open('Today');

    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    await first.advanceClock(20 * MIN);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.locator('.block-list li')).toHaveCount(1);
    // Stored in the vault, but main never heard: it still holds the block.
    expect((await first.timerView()).outbox).toHaveLength(1);

    await page.getByRole('button', { name: 'Start' }).click();
    // Main must have started (and journaled) the block before it is killed; on a busy machine the click takes a moment.
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    await expect.poll(async () => (await first.timerView()).status).toBe('running');
    await first.advanceClock(5 * MIN);

    // Killed as a crash would; the new main (host on the same port, or the double on the same profile) is 15 minutes behind.
    page = await app.restartMain({ clockOffsetMs: -15 * MIN });
    const second = app.main!;
    const vault = new VaultPage(page);
    await vault.unlock();
    await vault.expectUnlocked();
    await shell().open('Today');
    // The block running when main died is still running; the unacknowledged one came back and was recognised.
    const today = page.locator('.block-list li');
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Nordlicht · Churn POC');
    await expect.poll(async () => (await second.timerView()).outbox.length).toBe(0);
    await expect(today).toHaveCount(1);

    await second.advanceClock(10 * MIN);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(today).toHaveCount(2);
    await expect(today.nth(0)).toContainText('0:20');
    await expect(today.nth(1)).toContainText('0:15');
    await expect.poll(async () => (await second.timerView()).outbox.length).toBe(0);
    await shell().open('Time');
    await expect(page.getByTestId('total-duration')).toHaveText('0:35');
  });
});

test('timer settings are kept by main and refuse what cannot work', async ({ app }) => {
  const { page } = app;
  const shell = new AppShell(page);
  await shell.ready();
  await shell.open('Settings');
  const card = page.getByRole('form', { name: 'Timer' });
  await expect(card.getByLabel(/were you away/)).toHaveValue('5');
  // Both bad fields are marked at once, in their labels' words, and focus goes to the first.
  await card.getByLabel(/were you away/).fill('0');
  await card.getByLabel(/shortcut/).fill('T');
  await card.getByRole('button', { name: 'Save timer settings' }).click();
  await expect(card.locator('.field-error')).toHaveText([
    'Ask “were you away?” after: a whole number of minutes from 1 to 240.',
    'Start/stop shortcut: one or more modifiers and a key joined by +, such as CommandOrControl+Alt+T.',
  ]);
  await expect(card.getByLabel(/were you away/)).toBeFocused();
  await expect(card.getByLabel(/shortcut/)).toHaveAttribute('aria-invalid', 'true');
  await card.getByLabel(/were you away/).fill('3');
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
