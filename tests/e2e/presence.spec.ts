/**
 * The Presence screen as a person uses it (issue 21): two trips entered at once, today's Schengen
 * answer and the latest exit, a planned trip that does not fit, an overlap refused in words, a day
 * corrected by hand, the tax-year counts and a rule edited in place, the accountant's CSV, a trip
 * deleted and put back with Undo; then the layout at 1024 and 1440, light and dark, and axe.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, needs, test } from './support/fixtures.ts';
import { seriousViolations } from './support/axe.ts';
import { PresencePage } from './support/presence-page.ts';
import { testVault } from './support/test-vault.ts';

/** Noon on Monday 7 December 2026 in Berlin (the suite's zone): "today" for every count below. */
const TODAY = new Date('2026-12-07T12:00:00+01:00');
const LONG_NOTE = `Łódź Analytics sp. z o.o. workshop, then Zürich and Αθήνα ${'with a note long enough to wrap '.repeat(6)}`.trim().slice(0, 300);

test('two trips give the Schengen days and the latest exit; a corrected day, the tax years and the CSV follow', async ({ app }) => {
  needs(app, 'main', 'reads the saved CSV through the save dialog the host or the double answers');
  test.setTimeout(180_000);
  const { page } = app;
  await page.clock.setFixedTime(TODAY);
  await testVault(page);
  const presence = new PresencePage(page);
  await presence.open();
  await expect(page.getByTestId('trips-empty')).toContainText('No trips yet.');

  await presence.addTrips([
    { from: '2026-09-01', to: '2026-09-30', country: 'Portugal', note: LONG_NOTE },
    { from: '2026-11-20', to: '2026-12-20', country: 'Germany', note: 'Berlin' },
  ]);
  await expect(presence.trips.getByTestId('trip-row')).toHaveCount(2);

  // The 180-day window ending 7 Dec starts 11 Jun (7 Dec − 179 days). Used: Portugal 1–30 Sep (30)
  // + Germany 20 Nov – 7 Dec (18) = 48; left 90 − 48 = 42.
  await expect.poll(() => presence.readSchengen()).toBe('Schengen: 48 days used, 42 left (window 11 Jun – 7 Dec)');
  // Inside since 20 Nov; the 30 September days stay in every window until late February, so the
  // stay may last 90 − 30 = 60 days: 20 Nov + 59 = 18 Jan 2027.
  expect(await presence.readExit()).toBe('Inside the area since 20 Nov: leave by 18 Jan 2027 at the latest.');

  // France 1 Mar – 30 Apr 2027: on 28 Apr the window starts 31 Oct 2026 and holds Germany's 31 days
  // (20 Nov – 20 Dec) + 59 from 1 Mar = 90; 29 and 30 Apr would be the 91st and 92nd.
  expect(await presence.planTrip({ from: '2027-03-01', to: '2027-04-30', country: 'France' })).toBe(
    'Does not fit: 2 days too long. Entering on 1 Mar 2027, the latest exit is 28 Apr 2027.',
  );

  // An overlap is refused in words, naming the other trip; nothing is saved.
  const refused = await presence.addTrips([{ from: '2026-09-15', to: '2026-09-20', country: 'Spain' }], false);
  await expect(refused.getByRole('alert')).toContainText('Trip overlaps Portugal');
  await refused.getByRole('button', { name: 'Cancel' }).click();
  await expect(presence.trips.getByTestId('trip-row')).toHaveCount(2);

  // 6 Dec was in fact a day in London: corrected by hand, it no longer counts for Schengen.
  await expect(presence.ledgerDay('2026-12-06')).toContainText('Germany');
  await presence.correctDay('2026-12-06', ['United Kingdom'], 'United Kingdom', 'Day trip to London');
  await expect(presence.ledgerDay('2026-12-06')).toContainText('United Kingdom');
  await expect(presence.ledgerDay('2026-12-06')).toContainText('manual');
  // Used 48 − 1 = 47, left 43. The stay under way now starts on 7 Dec: 30 (September) + 16
  // (20 Nov – 5 Dec) = 46 days in every window until late February, so 44 more: 7 Dec + 43 = 19 Jan.
  await expect.poll(() => presence.readSchengen()).toBe('Schengen: 47 days used, 43 left (window 11 Jun – 7 Dec)');
  expect(await presence.readExit()).toBe('Inside the area since 7 Dec: leave by 19 Jan 2027 at the latest.');

  // Tax years, days so far: Portugal 30; Germany 20 Nov – 7 Dec without 6 Dec = 17; the UK's year
  // 2026/27 (from 6 April) holds 6 Dec.
  expect(await presence.taxDays('PT', '2026')).toBe('30');
  expect(await presence.taxDays('DE', '2026')).toBe('17');
  expect(await presence.taxDays('GB', '2026/27')).toBe('1');
  // Portugal warns at 20 days: edited in place, stored, and the status follows.
  await presence
    .taxRow('PT', '2026')
    .getByRole('button', { name: /^Edit the rule for Portugal/ })
    .click();
  const rule = page.getByRole('form', { name: 'Tax-year rule for Portugal' });
  await rule.getByLabel('Warn at (days)').fill('200');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule.getByText('Warn at: must be below the threshold')).toBeVisible();
  await rule.getByLabel('Warn at (days)').fill('20');
  await rule.getByRole('button', { name: 'Save rule' }).click();
  await expect(rule).toBeHidden();
  await expect(presence.taxRow('PT', '2026')).toContainText('warning');
  // The banner at the top says so too (the ledger's warnings, current tax year, days so far).
  await expect(page.getByTestId('presence-warning').filter({ hasText: 'Portugal: tax-year days adding up' })).toBeVisible();

  // The accountant's CSV: one row per country, tax year and day, with its source.
  await presence.exportAs('CSV');
  await expect(page.getByText('Days per country exported (CSV).')).toBeVisible();
  const csv = readFileSync((await app.main.savedFiles()).at(-1)!, 'utf8');
  const rows = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true }).data;
  const of = (country: string) => rows.filter((r) => r['country'] === country);
  expect(of('PT')).toHaveLength(30);
  expect(of('PT').every((r) => r['source'] === 'Trip' && r['days_counted_in_year'] === '30' && r['status'] === 'warning')).toBe(true);
  // Days up to today only: planned days are not days spent.
  expect(of('DE').map((r) => r['day'])).toHaveLength(17);
  expect(of('GB')).toEqual([expect.objectContaining({ day: '2026-12-06', source: 'Entered by hand', tax_year: '2026/27', day_ended_in: 'GB' })]);

  // Delete the Portugal trip: its 30 days go; Undo puts them back.
  await presence.trips.getByRole('button', { name: /^Delete the trip to Portugal/ }).click();
  // The answer is recomputed after the delete lands: polled, as after Undo below.
  await expect.poll(() => presence.readSchengen()).toBe('Schengen: 17 days used, 73 left (window 11 Jun – 7 Dec)');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(presence.trips.getByTestId('trip-row')).toHaveCount(2);
  await expect.poll(() => presence.readSchengen()).toBe('Schengen: 47 days used, 43 left (window 11 Jun – 7 Dec)');
});

test('the Presence screen holds its layout at 1024 and 1440, light and dark, with long notes, and axe finds nothing serious', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.clock.setFixedTime(TODAY);
  await testVault(page);
  const presence = new PresencePage(page);
  await presence.open();
  await presence.addTrips([
    { from: '2026-11-01', to: '2026-11-30', country: 'Portugal', note: LONG_NOTE },
    { from: '2026-11-30', to: '2026-12-10', country: 'Switzerland', note: LONG_NOTE },
  ]);
  await presence.correctDay('2026-12-03', ['Switzerland', 'Liechtenstein', 'Austria'], 'Austria', LONG_NOTE);

  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1024, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      const found = await page.evaluate(() => {
        const out: string[] = [];
        const root = document.scrollingElement ?? document.documentElement;
        if (root.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways (${root.scrollWidth} px in ${window.innerWidth})`);
        for (const control of document.querySelectorAll<HTMLElement>('main select, main input, main button')) {
          const card = control.closest('.card');
          if (!card) continue;
          const c = control.getBoundingClientRect();
          const k = card.getBoundingClientRect();
          if (c.width > 0 && c.right > k.right + 1)
            out.push(`${control.tagName} "${(control.getAttribute('aria-label') ?? control.textContent ?? '').slice(0, 30)}" runs past its card`);
        }
        return out;
      });
      problems.push(...found.map((p) => `${width} ${scheme}: ${p}`));
      await page.locator('#main').evaluate((main) => main.scrollTo(0, 0));
      await page.screenshot({ path: testInfo.outputPath(`presence-${width}-${scheme}.png`) });
      // axe once per colour scheme (contrast is what differs); the width changes layout, not roles.
      if (width === 1440) expect(await seriousViolations(page), `axe (${scheme})`).toEqual([]);
    }
  }
  expect(problems).toEqual([]);
});
