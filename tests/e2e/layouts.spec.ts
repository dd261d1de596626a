/**
 * Every screen with data and long names, at 1024×700 and 1440×900, light and dark: nothing is cut
 * off sideways (the page does not scroll horizontally; a wide table scrolls inside itself), no
 * control runs past its card, and a screenshot of each is kept with the test's results to look at.
 */
import { expect, test } from './support/fixtures.ts';
import { testVault } from './support/test-vault.ts';
import { SCREENS as NAV_SCREENS } from '../../src-renderer/nav/screens.ts';

const LONG = `Nordlicht Predictive Maintenance and Applied Machine Learning ${'Consultancy '.repeat(12)}`.trim().slice(0, 200);
// Every screen the navigation lists, from the list the app itself renders.
const SCREENS = NAV_SCREENS.map((screen) => screen.label);
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
];

test('every screen holds its layout at 1024 and 1440, light and dark, with a 200-character client name', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const { page } = app;
  const { shell, ws } = await testVault(page, {
    clients: [{ name: LONG, country: 'Germany', currency: 'EUR', rate: '110', residency: 'EEA' }],
    projects: [{ client: LONG, name: `Churn model ${'with a long project name '.repeat(4)}`.trim() }],
  });
  await shell.open('Time');
  await ws.typeBlock(
    `${LONG} · Churn model ${'with a long project name '.repeat(4)}`.trim(),
    'yesterday 9-11:30 feature audit with a note long enough to need the whole width of the Note column',
  );

  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of SCREENS) {
        await shell.open(screen);
        const where = `${screen} at ${size.width} (${scheme})`;
        const found = await page.evaluate(() => {
          const out: string[] = [];
          const root = document.scrollingElement ?? document.documentElement;
          if (root.scrollWidth > window.innerWidth + 1) out.push(`the page scrolls sideways (${root.scrollWidth} px in ${window.innerWidth})`);
          // A form control wider than the card that holds it runs over its neighbours.
          for (const control of document.querySelectorAll<HTMLElement>('main select, main input:not([type="checkbox"]):not([type="radio"]), main button')) {
            const card = control.closest('.card, section, form');
            if (!card || control.closest('[role="grid"]')) continue;
            const c = control.getBoundingClientRect();
            const k = card.getBoundingClientRect();
            if (c.width > 0 && c.right > k.right + 1)
              out.push(
                `${control.tagName.toLowerCase()} "${(control.getAttribute('aria-label') ?? control.textContent ?? control.id).trim().slice(0, 30)}" runs past its card by ${Math.round(c.right - k.right)} px`,
              );
          }
          return out;
        });
        problems.push(...found.map((p) => `${where}: ${p}`));
        await page.screenshot({ path: testInfo.outputPath(`${screen.toLowerCase()}-${size.width}-${scheme}.png`) });
      }
    }
  }
  expect(problems).toEqual([]);
});
