/**
 * Issue 21's journey, as one person lives it: two trips entered, the Schengen days left and the
 * latest exit read; a Toggl Track report imported twice (the second adds nothing); the imported
 * work exported as an .ics file and read back with ical.js. The README's Presence and Week
 * screenshots come from here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { REPO_ROOT } from '../host/server.ts';
import { expect, needs, test } from './support/fixtures.ts';
import { IcsPage } from './support/ics-page.ts';
import { PresencePage } from './support/presence-page.ts';
import { testVault } from './support/test-vault.ts';
import { TimeImportPage } from './support/time-import-page.ts';
import { WeekPage } from './support/week-page.ts';

/** Noon on Monday 7 December 2026 in Berlin (the suite's zone): "today" for the counts below. */
const TODAY = new Date('2026-12-07T12:00:00+01:00');
const TOGGL = join(REPO_ROOT, 'tests/fixtures/time-import/toggl-detailed.csv');

test('two trips, the days left and the latest exit; a Toggl report imported twice; an .ics exported and read back', async ({ app }) => {
  needs(app, 'main', 'reads the saved .ics through the save dialog the host or the double answers');
  test.setTimeout(240_000);
  const { page } = app;
  await page.clock.setFixedTime(TODAY);
  const { shell, ws } = await testVault(page);

  // Two trips at once. The window ending 7 Dec starts 11 Jun: Portugal 1–30 Sep (30 days) +
  // Germany 20 Nov – 7 Dec so far (18) = 48 used, 42 left. Inside since 20 Nov, with the 30
  // September days in every window until late February: 90 − 30 = 60 days, so 20 Nov + 59 = 18 Jan.
  const presence = new PresencePage(page);
  await presence.open();
  await presence.addTrips([
    { from: '2026-09-01', to: '2026-09-30', country: 'Portugal', note: 'Lisbon, Łódź Analytics workshop' },
    { from: '2026-11-20', to: '2026-12-20', country: 'Germany', note: 'Berlin' },
  ]);
  expect(await presence.readSchengen()).toBe('Schengen: 48 days used, 42 left (window 11 Jun – 7 Dec)');
  expect(await presence.readExit()).toBe('Inside the area since 20 Nov: leave by 18 Jan 2027 at the latest.');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/presence.png') });

  // A Toggl Track detailed report: four blocks under three new clients, read in Lisbon's zone.
  const imp = new TimeImportPage(page);
  await imp.choose(TOGGL);
  await imp.setZone('Europe/Lisbon');
  await expect(imp.summary()).toContainText('4 rows read: 4 new, 0 already imported.');
  await imp.importAll(4);
  await expect(ws.tableRows()).toHaveCount(4);
  // The same file again changes nothing.
  await imp.choose(TOGGL);
  await imp.setZone('Europe/Lisbon');
  await expect(imp.summary()).toContainText('4 rows read: 0 new, 4 already imported.');
  await expect(imp.preview.getByRole('button', { name: 'Nothing new to import' })).toBeDisabled();
  await imp.cancel();
  await expect(ws.tableRows()).toHaveCount(4);

  // The week of 2 March 2026 shows the imported work on the grid.
  const week = new WeekPage(page);
  await week.open();
  await week.goTo('2026-03-02');
  // Shown in Berlin (the home zone): 09:00 in Lisbon is 10:00. Two Churn model blocks on Monday;
  // the Athens pilot's 23:30 in Lisbon is 00:30 on Thursday in Berlin.
  await expect(week.event(/Churn model/u)).toHaveCount(2);
  await expect(week.event(/Vision pilot/u).first()).toBeVisible();
  await page.screenshot({ path: join(REPO_ROOT, 'docs/screenshots/week.png') });
  await page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'List' }).click();

  // Exported as .ics: the new clients are kept on this device only, so Caravan asks first.
  const ics = new IcsPage(page);
  await ics.open();
  const form = ics.card().getByRole('form', { name: 'Export a calendar' });
  await form.getByLabel('From').fill('2026-03-01');
  await form.getByLabel('To').fill('2026-03-08');
  await form.getByRole('button', { name: 'Export .ics…' }).click();
  await page.getByRole('button', { name: 'Export anyway' }).click();
  await expect(form.getByRole('status')).toContainText(/4 events exported to .+\.ics\./u);

  const text = readFileSync((await app.main!.savedFiles()).at(-1)!, 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  expect(events).toHaveLength(4);
  expect(new Set(events.map((e) => e.uid)).size).toBe(4);
  const feature = events.find((e) => e.description.includes('Feature engineering'));
  // 09:00–10:30 in Lisbon on 2 March, written in the block's own zone.
  expect(feature?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Lisbon');
  expect(feature?.startDate.toString()).toBe('2026-03-02T09:00:00');
  expect(feature!.endDate.toUnixTime() - feature!.startDate.toUnixTime()).toBe(90 * 60);
  await shell.open('Time');
});
