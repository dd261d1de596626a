/**
 * Issue 19, "Reminders": "no time logged by 17:00 on a work day" is off until turned on in
 * Settings; at the hour, with nothing logged today, it shows once in the window and once as an OS
 * notification (main records what it showed), and not again that day.
 *
 * "Timer running longer than N minutes" is main's: it notifies (naming the project only while
 * unlocked) and the window shows it from the timer's view.
 *
 * The page's clock is faked (Playwright's clock: time still flows, and fastForward fires the
 * window's timers); it stands at Monday 7 December 2026, 16:58 in Berlin, the suite's zone.
 */
import { expect, needs, test } from './support/fixtures.ts';
import { HELIX, HELIX_PROJECT, testVault } from './support/test-vault.ts';

const MONDAY_BEFORE_FIVE = new Date('2026-12-07T16:58:00+01:00');
const REMINDER = 'No time logged today. Add what you worked on?';

/** The "no time" notifications main showed, as title and body (the double also records `silent`). */
const noTimeNotes = async (main: { notifications(): Promise<{ title: string; body: string }[]> }) =>
  (await main.notifications()).filter((n) => n.title === 'No time logged').map(({ title, body }) => ({ title, body }));

test('"no time logged by 17:00" reminds once, in the window and as a notification, after it is turned on', async ({ app }) => {
  needs(app, 'main', 'reads the notifications main showed');
  const { page } = app;
  const { shell } = await testVault(page);
  await page.clock.install({ time: MONDAY_BEFORE_FIVE });
  await shell.open('Settings');
  const card = page.getByRole('form', { name: 'Reminder settings' });
  await expect(card.getByText('it needs Caravan open and unlocked at that hour')).toBeVisible();

  // Off by default, at 17:00 on Monday to Friday once turned on.
  const turnOn = card.getByLabel('Remind me when no time is logged by a chosen hour on a work day');
  await expect(turnOn).not.toBeChecked();
  await turnOn.check();
  await expect(card.getByLabel('Remind at')).toHaveValue('17:00');
  for (const day of ['Monday', 'Friday']) await expect(card.getByRole('checkbox', { name: day })).toBeChecked();
  await expect(card.getByRole('checkbox', { name: 'Saturday' })).not.toBeChecked();

  // With no work day chosen it says so under the field, in its words, and focus goes there.
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await card.getByRole('checkbox', { name: day }).uncheck();
  await card.getByRole('button', { name: 'Save reminders' }).click();
  await expect(card.getByText('Work days: choose at least one day.')).toBeVisible();
  await expect(card.getByRole('checkbox', { name: 'Monday' })).toBeFocused();
  await card.getByRole('checkbox', { name: 'Monday' }).check();
  await card.getByRole('button', { name: 'Save reminders' }).click();
  await expect(card.getByText('Saved.')).toBeVisible();

  // 16:58: not yet.
  const banner = page.locator('[data-reminder="no-time"]');
  await page.clock.fastForward('00:30');
  await expect(banner).toHaveCount(0);
  expect(await noTimeNotes(app.main)).toEqual([]);

  // 17:00 has passed with nothing logged: once in the window, once from the OS.
  await page.clock.fastForward('02:00');
  await expect(banner).toContainText(REMINDER);
  await expect.poll(() => noTimeNotes(app.main)).toEqual([{ title: 'No time logged', body: REMINDER }]);

  // "Add time" opens Time with a new block to type, and the reminder goes.
  await banner.getByRole('button', { name: 'Add time' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Time');
  await expect(banner).toHaveCount(0);

  // Not twice on one day.
  await page.clock.fastForward('30:00');
  await expect(banner).toHaveCount(0);
  expect(await noTimeNotes(app.main)).toHaveLength(1);
});

test('"no time logged" stays quiet while the timer counts today’s work', async ({ app }) => {
  needs(app, 'main', 'reads the notifications main showed');
  const { page } = app;
  const { shell } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await page.clock.install({ time: MONDAY_BEFORE_FIVE });
  await shell.open('Settings');
  const card = page.getByRole('form', { name: 'Reminder settings' });
  await card.getByLabel('Remind me when no time is logged by a chosen hour on a work day').check();
  await card.getByRole('button', { name: 'Save reminders' }).click();
  await expect(card.getByText('Saved.')).toBeVisible();

  // A block started at 16:58 and still running at 17:00 is time logged today.
  await shell.open('Today');
  const timer = page.getByRole('region', { name: 'Deep-work timer' });
  await timer.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Helix Bio · Assay classifier');
  await page.clock.fastForward('03:00');
  await page.clock.fastForward('00:30');
  await expect(page.locator('[data-reminder="no-time"]')).toHaveCount(0);
  expect(await noTimeNotes(app.main)).toEqual([]);
});

test.describe('a timer left running', () => {
  // Main's clock runs 70 minutes behind, so the hour it is moved forward ends in the past.
  test.use({ hostOptions: { clockOffsetMs: -70 * 60_000 } });

  test('"timer running longer than 60 minutes" comes once from main and shows in the window', async ({ app }) => {
    needs(app, 'main', 'moves main’s clock and reads the notifications main showed');
    const { page } = app;
    const main = app.main!;
    const { shell } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
    await shell.open('Settings');
    const card = page.getByRole('form', { name: 'Reminder settings' });
    await card.getByLabel('Remind me when the timer has counted more than a chosen time in one session').check();
    await expect(card.getByLabel('Remind after (minutes)')).toHaveValue('180');
    await card.getByLabel('Remind after (minutes)').fill('5');
    await card.getByRole('button', { name: 'Save reminders' }).click();
    await expect(card.getByText('Remind after (minutes): at least 10.')).toBeVisible();
    await expect(card.getByLabel('Remind after (minutes)')).toBeFocused();
    await card.getByLabel('Remind after (minutes)').fill('60');
    await card.getByRole('button', { name: 'Save reminders' }).click();
    await expect(card.getByText('Saved.')).toBeVisible();

    await shell.open('Today');
    const timer = page.getByRole('region', { name: 'Deep-work timer' });
    await timer.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Helix Bio · Assay classifier');
    await main.advanceClock(59 * 60_000);
    const banner = page.locator('[data-reminder="long-timer"]');
    await expect(banner).toHaveCount(0);
    await main.advanceClock(61_000);
    const stillRunning = async () => (await main.notifications()).filter((n) => n.title === 'Timer still running').map((n) => n.body);
    await expect
      .poll(stillRunning)
      .toEqual(['The timer has counted more than 1 h on Helix Bio · Assay classifier. Still working, or did it keep running by mistake?']);
    await expect(banner).toContainText('The timer has counted more than 1 h in this session.');

    await banner.getByRole('button', { name: 'Stop the timer' }).click();
    await expect(banner).toHaveCount(0);
    await expect.poll(async () => (await main.timerView()).status).toBe('idle');
    expect(await stillRunning()).toHaveLength(1);
  });

  test('a "still running" reminder goes with its session: a later session is never stopped from it', async ({ app }) => {
    needs(app, 'main', 'moves main’s clock');
    const { page } = app;
    const main = app.main!;
    const { shell } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
    await shell.open('Settings');
    const card = page.getByRole('form', { name: 'Reminder settings' });
    await card.getByLabel('Remind me when the timer has counted more than a chosen time in one session').check();
    await card.getByLabel('Remind after (minutes)').fill('60');
    await card.getByRole('button', { name: 'Save reminders' }).click();
    await expect(card.getByText('Saved.')).toBeVisible();

    await shell.open('Today');
    const timer = page.getByRole('region', { name: 'Deep-work timer' });
    await timer.getByRole('button', { name: 'Start', exact: true }).click();
    await main.advanceClock(61 * 60_000);
    const banner = page.locator('[data-reminder="long-timer"]');
    await expect(banner).toContainText('The timer has counted more than 1 h in this session.');

    // Stopped from the timer, not the banner: the question is answered and the banner goes.
    await timer.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByTestId('timer-status')).toBeHidden();
    await expect(banner).toHaveCount(0);
    // A new session does not bring it back with a "Stop the timer" for the new one.
    await timer.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('timer-status')).toHaveText('Deep work on Helix Bio · Assay classifier');
    await expect(banner).toHaveCount(0);
  });
});
