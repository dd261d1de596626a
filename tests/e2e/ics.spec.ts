/**
 * ICS, as issue 21 asks: import a client's calendar (a weekly series with an excluded week, an
 * all-day event, an event without a start), see its count; import it again (replaced, not
 * doubled); convert a coming meeting into a block; export an .ics and read it back with ical.js
 * (the blocks at their instants, in their zone, with stable UIDs); remove the calendar and undo.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { seriousViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { IcsPage } from './support/ics-page.ts';
import { HELIX, HELIX_PROJECT, testVault } from './support/test-vault.ts';

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const compact = (ms: number) => ymd(ms).replaceAll('-', '');

/** A Google-shaped export whose events start next week, so the file stays inside the kept window whenever the test runs. */
function clientCalendar(now: number): string {
  const monday = now + ((8 - new Date(now).getUTCDay()) % 7 || 7) * DAY;
  const day = compact(monday);
  return [
    'BEGIN:VCALENDAR',
    'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:Łódź Analytics',
    'BEGIN:VEVENT',
    `DTSTART;TZID=Europe/Warsaw:${day}T100000`,
    `DTEND;TZID=Europe/Warsaw:${day}T103000`,
    'RRULE:FREQ=WEEKLY;COUNT=4',
    `EXDATE;TZID=Europe/Warsaw:${compact(monday + 7 * DAY)}T100000`,
    'DTSTAMP:20260301T120000Z',
    'UID:weekly-e2e@google.com',
    'SUMMARY:Łódź Analytics weekly',
    'LOCATION:Łódź\\, Piotrkowska 100',
    'END:VEVENT',
    'BEGIN:VEVENT',
    `DTSTART;VALUE=DATE:${compact(monday + 3 * DAY)}`,
    'DTSTAMP:20260301T120000Z',
    'UID:offsite-e2e@google.com',
    'SUMMARY:Αθήνα offsite',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'DTSTAMP:20260301T120000Z',
    'UID:nostart-e2e@google.com',
    'SUMMARY:Lunch with the Zürich team',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

test('an .ics imported twice shows its events once; a meeting becomes a block; the export reads back', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  const { page } = app;
  const { shell, ws } = await testVault(page, { clients: [HELIX], projects: [HELIX_PROJECT] });
  await shell.open('Time');
  const now = Date.now();
  await ws.typeBlock('Helix Bio · Assay classifier', 'yesterday 9-11 feature store review');

  const file = testInfo.outputPath('lodz-analytics.ics');
  writeFileSync(file, clientCalendar(now));
  const ics = new IcsPage(page);
  await ics.open();
  await ics.importFile(file);
  await expect(ics.outcome()).toContainText('Łódź Analytics: 4 events imported.');
  await expect(ics.outcome().getByTestId('ics-problems')).toHaveText('Event “Lunch with the Zürich team” has no start (DTSTART) and was left out.');
  await expect(ics.row('Łódź Analytics').getByRole('cell').nth(1)).toHaveText('4');

  await ics.importFile(file);
  await expect(ics.outcome()).toContainText('Łódź Analytics: 4 events imported again, replacing the earlier import.');
  await expect(ics.calendars().locator('tbody tr')).toHaveCount(1);
  await expect(ics.row('Łódź Analytics').getByRole('cell').nth(1)).toHaveText('4');
  expect(await seriousViolations(page, 'main')).toEqual([]);
  await ics.card().screenshot({ path: testInfo.outputPath('ics-calendars-card.png') });

  // A refused file: said in words, the stored calendar untouched.
  const vcard = testInfo.outputPath('contact.ics');
  writeFileSync(vcard, 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zofia\r\nEND:VCARD\r\n');
  await ics.importFile(vcard);
  await expect(ics.card().getByRole('alert')).toHaveText(
    'contact.ics is not a calendar file: an .ics file begins with BEGIN:VCALENDAR, this one with “BEGIN:VCARD”.',
  );
  await expect(ics.row('Łódź Analytics').getByRole('cell').nth(1)).toHaveText('4');

  await ics.convert('Łódź Analytics', /Łódź Analytics weekly/, 'Helix Bio · Assay classifier');
  await ics.card().screenshot({ path: testInfo.outputPath('ics-coming-events.png') });

  await ics.exportIcs(ymd(now - 7 * DAY), ymd(now + 30 * DAY));
  const text = readFileSync((await app.main!.savedFiles()).at(-1)!, 'utf8');
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const deep = events.find((e) => e.summary === 'Assay classifier – Deep work');
  const meeting = events.find((e) => e.summary === 'Assay classifier – Meeting');
  expect(deep?.description).toBe('feature store review');
  expect(deep?.uid).toMatch(/^[0-9a-f-]{36}@caravan$/);
  expect(deep!.endDate.toUnixTime() - deep!.startDate.toUnixTime()).toBe(2 * 3600);
  // The converted meeting kept the event's zone and instants: 10:00 in Warsaw, half an hour.
  expect(meeting?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Warsaw');
  expect(meeting?.startDate.toString()).toMatch(/T10:00:00$/);
  expect(meeting!.endDate.toUnixTime() - meeting!.startDate.toUnixTime()).toBe(30 * 60);
  expect(meeting?.description).toBe('Łódź Analytics weekly (Łódź, Piotrkowska 100)');
  expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);

  // The same export read back by Caravan itself: imported as a calendar named Caravan, the same count.
  await ics.importFile((await app.main!.savedFiles()).at(-1)!);
  await expect(ics.outcome()).toContainText(`Caravan: ${events.length} events imported.`);

  // Remove, then undo.
  await ics.row('Łódź Analytics').getByRole('button', { name: 'Remove Łódź Analytics' }).click();
  await expect(ics.row('Łódź Analytics')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).last().click();
  await expect(ics.row('Łódź Analytics').getByRole('cell').nth(1)).toHaveText('4');
});
