/**
 * The Time screen's table with a big workspace, in Chromium against the browser test host (the
 * built renderer, main's real handlers): unlock to the first painted row, a client filter, a note
 * search, clearing the filters, and End to the last row with the number of rows in the DOM. Each
 * figure is measured at 100 000 time blocks beside the same measurement at 1 000 in the same run.
 *
 * Per size: a fresh profile; the vault is created through the first-run screens, then seeded by
 * the seed page (tests/bench/seed) through the app's own code on the app's origin while the app is
 * not loaded; every unlock starts from a reload (which locks). All times are taken in the page
 * with performance.now(): the action is started in the page (a click, a change event, a keydown)
 * and a MutationObserver marks when the DOM shows the result; "painted" is the next frame after
 * that (requestAnimationFrame, then a task). Playwright's round trips are not in the figures.
 *
 * Where the unlock's time goes: the seed page also times listTimeBlocks of every block (what the
 * app's loadWorkspace waits for) without React, and the app records each unlock's key derivation
 * (kdfMillis in the meta store), which the suite reads after each unlock.
 *
 * WORKSPACE_TABLE_PROFILE=<folder> also writes Chrome DevTools CPU profiles (main thread) of one
 * extra unlock, client filter, clear, search and clear at the largest size, after the counted
 * runs (the profiler slows what it records, so profiled runs are never in the figures).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../../e2e/support/chromium.ts';
import { applyMainPolicy } from '../../e2e/support/main-policy.ts';
import { PASSPHRASE, VaultPage } from '../../e2e/support/vault-page.ts';
import { startHost, type Host } from '../../host/server.ts';
import type { ListAllResult, SeedResult } from '../seed/protocol.ts';
import { installSeedPage, listAllOnSeedPage, seedVault } from '../seed/seed-route.ts';
import { figure, type Figure } from '../result.ts';
import { summarize, type Summary } from '../stats.ts';

/** Runs per size: a 100 000-block unlock reads and decrypts every block, so fewer of those. */
const PLAN = [
  { n: 1_000, unlockRuns: 5, filterRuns: 5, scrollRuns: 5, listRuns: 3 },
  { n: 100_000, unlockRuns: 5, filterRuns: 5, scrollRuns: 5, listRuns: 3 },
] as const;
const SEED = 20_260_101;
const CHUNK = 5_000;
const TIMEOUT_MS = 120_000;

const ROW_SELECTOR = '[role="grid"][aria-label="Time blocks"] [role="row"][aria-selected]';

/** Marks of one unlock, ms after the click on Unlock. */
interface UnlockSample {
  /** The key derivation as the app records it (meta store `kdfMillis`): worker round trip, Argon2id, unwrap. */
  kdf: number;
  /** The app shell (main navigation) in the DOM: the store is open, the workspace is being read. */
  shell: number;
  /** The first data row in the DOM. */
  row: number;
  /** The frame after it. */
  painted: number;
  /** `[role="row"]` elements in the document then (header included). */
  rows: number;
  /**
   * Every block read: the app shows the last six weeks first and reads older blocks in chunks
   * behind it ("Reading older blocks…" in the totals row until then).
   */
  complete: number;
}

interface ChangeSample {
  /** The totals and the rows in view show the result. */
  done: number;
  painted: number;
  rows: number;
}

interface ScrollSample extends ChangeSample {
  /** Data rows (not the header) in the DOM. */
  dataRows: number;
  /** All blocks in the table (aria-rowcount minus the header). */
  total: number;
}

/**
 * Reloads (which locks), types the passphrase, then clicks Unlock in the page and marks the table's
 * first row. `profile`: a file for a CPU profile of the click-to-paint part only.
 */
async function unlockToTable(page: Page, profile?: string): Promise<UnlockSample> {
  await page.reload();
  await page.getByRole('heading', { name: 'Unlock Caravan' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  const marks = await profiled(page, profile, () =>
    page.evaluate(
      async ({ rowSelector, timeoutMs }) => {
        const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Unlock');
        if (!button) throw new Error('no Unlock button');
        let shell = Number.NaN;
        let row = Number.NaN;
        const painted = new Promise<number>((resolve, reject) => {
          const observer = new MutationObserver(() => {
            if (Number.isNaN(shell) && document.querySelector('nav[aria-label="Main"]')) shell = performance.now();
            if (document.querySelector(rowSelector)) {
              row = performance.now();
              observer.disconnect();
              clearTimeout(timer);
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
            }
          });
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`no table row ${timeoutMs} ms after Unlock`));
          }, timeoutMs);
          observer.observe(document.body, { childList: true, subtree: true });
        });
        const t0 = performance.now();
        button.click();
        const end = await painted;
        const rows = document.querySelectorAll('[role="row"]').length;
        const reading = () => document.querySelector('.totals-row')?.textContent?.includes('Reading older blocks') ?? true;
        const complete = await new Promise<number>((resolve, reject) => {
          const started = performance.now();
          const poll = () => {
            if (!reading()) resolve(performance.now());
            else if (performance.now() - started > timeoutMs) reject(new Error('older blocks never finished reading'));
            else setTimeout(poll, 10);
          };
          poll();
        });
        return { shell: shell - t0, row: row - t0, painted: end - t0, rows, complete: complete - t0 };
      },
      { rowSelector: ROW_SELECTOR, timeoutMs: TIMEOUT_MS },
    ),
  );
  const kdf = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        // The meta store's own database (MetaStore, 'caravan-meta'), read as IndexedDB: what the app recorded.
        const open = indexedDB.open('caravan-meta');
        open.onerror = () => reject(open.error ?? new Error('caravan-meta did not open'));
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta', 'readonly').objectStore('meta').get('kdfMillis');
          get.onsuccess = () => {
            db.close();
            resolve(Number((get.result as { value?: unknown } | undefined)?.value));
          };
          get.onerror = () => {
            db.close();
            reject(get.error ?? new Error('kdfMillis not readable'));
          };
        };
      }),
  );
  return { kdf, ...marks };
}

/** What to change in the filter bar, and how to know the table shows it. */
type FilterChange =
  | { kind: 'client'; clientId: string; clientName: string; expectCount: number }
  | { kind: 'search'; text: string; expectCount: number }
  | { kind: 'clear'; expectCount: number };

/**
 * Makes one filter change in the page (a change event on the Client select, an input event on
 * "Search notes", or a click on "Clear filters") and marks when the totals row shows the expected
 * block count with a different total duration, and every data row in view matches the filter.
 */
function changeFilter(page: Page, change: FilterChange): Promise<ChangeSample> {
  return page.evaluate(
    async ({ change, rowSelector, timeoutMs }) => {
      const totals = document.querySelector('[role="status"][aria-label="Totals"]');
      const duration = document.querySelector('[data-testid="total-duration"]');
      if (!totals || !duration) throw new Error('no totals row');
      const before = duration.textContent;
      const count = () => Number((totals.querySelector('strong')?.textContent ?? '').replace(/\D/g, ''));
      const cell = (row: Element, index: number) => row.querySelectorAll('[role="gridcell"]')[index]?.textContent ?? '';
      const rowsMatch = () => {
        const rows = Array.from(document.querySelectorAll(rowSelector));
        if (rows.length === 0) return false;
        if (change.kind === 'client') return rows.every((r) => cell(r, 3) === change.clientName);
        if (change.kind === 'search') return rows.every((r) => cell(r, 8).toLowerCase().includes(change.text.toLowerCase()));
        return true;
      };
      const shown = () => count() === change.expectCount && duration.textContent !== before && rowsMatch();

      let done = Number.NaN;
      const painted = new Promise<number>((resolve, reject) => {
        const check = () => {
          if (!Number.isNaN(done) || !shown()) return;
          done = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`filter ${change.kind}: not shown within ${timeoutMs} ms (count ${count()}, wanted ${change.expectCount})`));
        }, timeoutMs);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        queueMicrotask(check);
      });

      const t0 = performance.now();
      if (change.kind === 'client') {
        const select = document.querySelector<HTMLSelectElement>('select[aria-label="Client"]');
        if (!select) throw new Error('no Client select');
        select.value = change.clientId;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (change.kind === 'search') {
        const input = document.querySelector<HTMLInputElement>('input[aria-label="Search notes"]');
        if (!input) throw new Error('no Search notes field');
        // React tracks the value it set; the prototype's setter is what typing goes through.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, change.text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      } else {
        const clear = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Clear filters');
        if (!clear) throw new Error('no Clear filters button');
        clear.click();
      }
      const end = await painted;
      return { done: done - t0, painted: end - t0, rows: document.querySelectorAll('[role="row"]').length };
    },
    { change, rowSelector: ROW_SELECTOR, timeoutMs: TIMEOUT_MS },
  );
}

/**
 * Focuses the table body and sends End (or Home) to it in the page; marks when the table's last
 * (first) row is rendered and fully inside the scroll area, and counts the rows in the DOM then.
 */
function jump(page: Page, key: 'End' | 'Home'): Promise<ScrollSample> {
  return page.evaluate(
    async ({ key, rowSelector, timeoutMs }) => {
      // The grid is the scroller; its content holds the sticky header row, then the virtual list.
      const grid = document.querySelector<HTMLElement>('[role="grid"][aria-label="Time blocks"]');
      const scroller = grid;
      const inner = grid?.querySelector('.block-grid-content')?.children[1];
      if (!grid || !scroller || !inner) throw new Error('no time table');
      scroller.focus();
      // The last row ends where the virtual list's full height ends; the first starts at its top.
      const inView = () => {
        const box = scroller.getBoundingClientRect();
        const top = box.top + scroller.clientTop;
        const bottom = top + scroller.clientHeight;
        const list = inner.getBoundingClientRect();
        const edge = key === 'End' ? list.bottom : list.top;
        return Array.from(inner.querySelectorAll('[role="row"]')).some((row) => {
          const r = row.getBoundingClientRect();
          return Math.abs((key === 'End' ? r.bottom : r.top) - edge) < 1 && r.top >= top - 1 && r.bottom <= bottom + 1;
        });
      };
      let done = Number.NaN;
      const painted = new Promise<number>((resolve, reject) => {
        const check = () => {
          if (!Number.isNaN(done) || !inView()) return;
          done = performance.now();
          observer.disconnect();
          scroller.removeEventListener('scroll', check);
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${key}: the ${key === 'End' ? 'last' : 'first'} row not in view within ${timeoutMs} ms`));
        }, timeoutMs);
        observer.observe(inner, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
        scroller.addEventListener('scroll', check);
      });
      const t0 = performance.now();
      scroller.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      const end = await painted;
      return {
        done: done - t0,
        painted: end - t0,
        rows: document.querySelectorAll('[role="row"]').length,
        dataRows: document.querySelectorAll(rowSelector).length,
        total: Number(grid.getAttribute('aria-rowcount')) - 1,
      };
    },
    { key, rowSelector: ROW_SELECTOR, timeoutMs: TIMEOUT_MS },
  );
}

/** Records a CPU profile of the page's main thread during `body` (DevTools protocol), if `file` is given. */
async function profiled<T>(page: Page, file: string | undefined, body: () => Promise<T>): Promise<T> {
  if (file === undefined) return body();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await body();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    await cdp.detach();
  }
}

interface SizeResult {
  n: number;
  seed: SeedResult;
  list: ListAllResult;
  unlock: UnlockSample[];
  client: ChangeSample[];
  search: ChangeSample[];
  clear: ChangeSample[];
  end: ScrollSample[];
}

const med = (values: number[]) => summarize(values).median;
const round = (n: number) => Math.round(n);

async function measureSize(host: Host, plan: (typeof PLAN)[number], profileDir: string | undefined): Promise<SizeResult> {
  const { n } = plan;
  const browserProfile = await mkdtemp(join(tmpdir(), 'caravan-bench-table-'));
  const context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    ignoreDefaultArgs: ['--disable-popup-blocking'],
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
  });
  try {
    await applyMainPolicy(context, host);
    await installSeedPage(context, host.origin);
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    let started = performance.now();
    await page.goto(host.url);
    await new VaultPage(page).create(PASSPHRASE);
    const createMs = performance.now() - started;
    started = performance.now();
    const seed = await seedVault(page, host.origin, { passphrase: PASSPHRASE, blocks: n, seed: SEED, chunk: CHUNK });
    console.log(
      `  ${n} blocks: vault created through the UI in ${round(createMs)} ms; seeded in ${round(performance.now() - started)} ms ` +
        `(Argon2id on the page ${round(seed.unlockMs)} ms, ${seed.chunks} × createTimeBlocks ${round(seed.writeMs)} ms; ` +
        `${seed.clients.map((c) => `${c.name} ${c.blocks}`).join(', ')}; "${seed.searchWord}" in ${seed.searchMatches})`,
    );
    await page.goto(`${host.url}#/time`);

    const cold = await unlockToTable(page);
    console.log(
      `  ${n}: first unlock after seeding (not counted): ${round(cold.painted)} ms ` +
        `(kdf ${round(cold.kdf)}, shell ${round(cold.shell)}, row ${round(cold.row)})`,
    );
    const unlock: UnlockSample[] = [];
    for (let run = 0; run < plan.unlockRuns; run++) unlock.push(await unlockToTable(page));
    if (profileDir) await unlockToTable(page, join(profileDir, `unlock-${n}.cpuprofile`));

    // The page stays unlocked on #/time from here on.
    const client: ChangeSample[] = [];
    const search: ChangeSample[] = [];
    const clear: ChangeSample[] = [];
    for (let run = 0; run < plan.filterRuns; run++) {
      const chosen = seed.clients[run % seed.clients.length] as SeedResult['clients'][number];
      client.push(await changeFilter(page, { kind: 'client', clientId: chosen.id, clientName: chosen.name, expectCount: chosen.blocks }));
      clear.push(await changeFilter(page, { kind: 'clear', expectCount: n }));
      search.push(await changeFilter(page, { kind: 'search', text: seed.searchWord, expectCount: seed.searchMatches }));
      clear.push(await changeFilter(page, { kind: 'clear', expectCount: n }));
    }
    if (profileDir) {
      const chosen = seed.clients[0] as SeedResult['clients'][number];
      const at = (name: string) => join(profileDir, `${name}-${n}.cpuprofile`);
      await profiled(page, at('filter-client'), () =>
        changeFilter(page, { kind: 'client', clientId: chosen.id, clientName: chosen.name, expectCount: chosen.blocks }),
      );
      await profiled(page, at('filter-clear'), () => changeFilter(page, { kind: 'clear', expectCount: n }));
      await profiled(page, at('filter-search'), () => changeFilter(page, { kind: 'search', text: seed.searchWord, expectCount: seed.searchMatches }));
      await profiled(page, at('filter-clear-after-search'), () => changeFilter(page, { kind: 'clear', expectCount: n }));
    }

    const end: ScrollSample[] = [];
    for (let run = 0; run < plan.scrollRuns; run++) {
      const sample = await jump(page, 'End');
      if (sample.total !== n) throw new Error(`the table shows ${sample.total} blocks, ${n} were seeded`);
      end.push(sample);
      await jump(page, 'Home');
    }
    if (pageErrors.length > 0) console.log(`  page errors: ${pageErrors.join('; ')}`);

    // Last, once IndexedDB has settled after the seed's writes (a read right after them is slower).
    const list = await listAllOnSeedPage(page, host.origin, PASSPHRASE, plan.listRuns);
    if (list.blocks !== n) throw new Error(`listTimeBlocks returned ${list.blocks} blocks, ${n} were seeded`);

    const m = (list: Array<{ painted: number }>) => round(med(list.map((s) => s.painted)));
    console.log(
      `  ${n}: medians, ms: unlock → table ${m(unlock)} (kdf ${round(med(unlock.map((s) => s.kdf)))}, shell ${round(med(unlock.map((s) => s.shell)))}, ` +
        `first row ${round(med(unlock.map((s) => s.row)))}; rows in DOM ${med(unlock.map((s) => s.rows))}); client filter ${m(client)}; ` +
        `search ${m(search)}; clear ${m(clear)}; End ${m(end)} (rows in DOM ${med(end.map((s) => s.rows))}, data rows ${med(end.map((s) => s.dataRows))})`,
    );
    const each = (list: Array<{ painted: number }>) => list.map((s) => round(s.painted)).join(' ');
    console.log(
      `  ${n}: every sample, ms: unlock ${each(unlock)}; client ${each(client)}; search ${each(search)}; clear ${each(clear)}; End ${each(end)}; ` +
        `listTimeBlocks on the seed page ${list.listMs.map(round).join(' ')}`,
    );
    return { n, seed, list, unlock, client, search, clear, end };
  } finally {
    await context.close();
    await rm(browserProfile, { recursive: true, force: true });
  }
}

export async function workspaceTable(): Promise<Figure[]> {
  const profileDir = process.env['WORKSPACE_TABLE_PROFILE'];
  if (profileDir) await mkdir(profileDir, { recursive: true });
  const host = await startHost();
  // The figures move with the machine's load (a shared 2-core box here); said with them.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(`  load average at start: ${load()}`);
  try {
    const [small, large] = [await measureSize(host, PLAN[0], undefined), await measureSize(host, PLAN[1], profileDir)] as const;
    console.log(`  load average at end: ${load()}`);
    const k = (n: number) => `${n / 1000}k`;
    const grouped = (n: number) => n.toLocaleString('en').replace(/,/g, ' ');
    const pair = (
      id: string,
      description: string,
      pick: (r: SizeResult) => number[],
      baselineWhat: string,
      unit: Figure['unit'] = 'ms',
      goal?: string,
    ): Figure => {
      const value: Summary = summarize(pick(large));
      const baseline = { description: `the same with ${grouped(small.n)} blocks (${baselineWhat}), same run`, value: summarize(pick(small)) };
      return figure({
        id: `workspace.table.${id}-${k(large.n)}`,
        description: `${description}, ${grouped(large.n)} time blocks`,
        unit,
        value,
        baseline,
        ...(goal ? { goal } : {}),
      });
    };
    return [
      pair(
        'unlock-to-table',
        'Time screen after a reload: click on Unlock → first data row of the table painted ' +
          '(Argon2id in the key worker, open the store, read and decrypt the last six weeks, build and draw the table)',
        (r) => r.unlock.map((s) => s.painted),
        'includes the same Argon2id',
      ),
      pair(
        'unlock-to-all-blocks',
        'the same click on Unlock → every block read (the last six weeks are read before the screen shows; older blocks follow in chunks)',
        (r) => r.unlock.map((s) => s.complete),
        'includes the same Argon2id',
      ),
      pair(
        'unlock-to-table-after-kdf',
        'the same minus the key derivation the app recorded for that unlock (kdfMillis): the data-dependent part',
        (r) => r.unlock.map((s) => s.painted - s.kdf),
        'same subtraction',
      ),
      pair(
        'unlock-kdf',
        'key derivation as the app records it (kdfMillis: Argon2id + unwrap in the key worker, with the round trip)',
        (r) => r.unlock.map((s) => s.kdf),
        'does not depend on the data',
      ),
      pair(
        'list-all',
        'where the unlock goes: listTimeBlocks of every block (IndexedDB read, decrypt, validate, sort: ' +
          'what loadWorkspace waits for), on the seed page, no React',
        (r) => r.list.listMs,
        'same call',
      ),
      pair(
        'filter-client',
        'choose a client in the Client filter → totals show its block count and a new total, rows in view all of that client, painted',
        (r) => r.client.map((s) => s.painted),
        'same clients in turn',
      ),
      pair(
        'filter-search',
        `type a word in "Search notes" (one input event, about one block in eight matches) → totals and rows updated, painted`,
        (r) => r.search.map((s) => s.painted),
        'same word',
      ),
      pair(
        'filter-clear',
        'Clear filters back to every block → totals show all blocks, painted',
        (r) => r.clear.map((s) => s.painted),
        'after the same filters',
      ),
      pair('scroll-end', 'End in the focused table body → the last row rendered and fully in view, painted', (r) => r.end.map((s) => s.painted), 'same key'),
      pair(
        'rows-rendered-at-end',
        '[role="row"] elements in the document with the last row in view (header included): virtualisation keeps it bounded',
        (r) => r.end.map((s) => s.rows),
        'same viewport 1280×800',
        'rows',
        '< 100',
      ),
    ];
  } finally {
    await host.close();
    await rm(host.dataDir, { recursive: true, force: true });
  }
}
