/**
 * Hostile renderer, bounded work (issue 17, items 7 and 8): from the page's own `window.caravan`,
 * calls that would make main read, decode or loop over more than a feature needs are refused
 * before main does the work, and main keeps answering; the test host answers a malformed or
 * oversized frame instead of crashing. Judged by effects: the error code, no file written, main
 * still answering. Positive controls show the legitimate sizes still pass.
 */
import { MAX_BUNDLE_BYTES } from '../../../src-preload/contract/bundle.ts';
import { MAX_LOCALITY_DATA_CHARS } from '../../../src-preload/contract/locality.ts';
import { MAX_CLIENTS } from '../../../src-preload/contract/spec.ts';
import { MAX_SEGMENT_OBJECT_BYTES } from '../../../src-preload/contract/sync.ts';
import type { Page } from '@playwright/test';
import { expect, needs, test } from '../support/fixtures.ts';
import { SyncPage } from '../support/sync-page.ts';
import { testVault } from '../support/test-vault.ts';

const TARGET = '0b8f6a52-94f1-4d0c-9a51-3c1e2f4d5a6b';
const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

test('oversized arguments are refused before main works on them, and nothing is written', async ({ app }) => {
  needs(app, 'main', 'reads the files main saved');
  const { page } = app;
  await page.waitForFunction(() => 'caravan' in window);
  const results = await page.evaluate(
    async ({ bundleChars, segmentBytes, clients, dataChars, target, client }) => {
      const b64 = (chars: number) => 'A'.repeat(chars);
      const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);
      const api = window.caravan;
      return {
        // A bundle larger than any project makes (was 358 MB of base64).
        bundle: code(await api.bundle.save({ clientId: client, clientLabel: null, variant: 'full', bytesBase64: b64(bundleChars) })),
        // A "segment" larger than the segment format allows.
        segment: code(await api.sync.put(target, 'p/workspace/log/d/1.seg', b64(Math.ceil((segmentBytes + 3) / 3) * 4))),
        // More clients than one call may name.
        placement: code(
          await api.locality.placement(Array.from({ length: clients + 1 }, (_, i) => ({ id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` }))),
        ),
        // A "locality data file" a thousand times the shipped ones.
        importData: code(await api.locality.importData('x'.repeat(dataChars + 1))),
      };
    },
    {
      bundleChars: Math.ceil(MAX_BUNDLE_BYTES / 3) * 4 + 4,
      segmentBytes: MAX_SEGMENT_OBJECT_BYTES,
      clients: MAX_CLIENTS,
      dataChars: MAX_LOCALITY_DATA_CHARS,
      target: TARGET,
      client: CLIENT,
    },
  );
  expect(results).toEqual({ bundle: 'invalid-argument', segment: 'invalid-argument', placement: 'invalid-argument', importData: 'invalid-argument' });
  expect(await app.main.savedFiles()).toEqual([]);
  // Main is still there and answering.
  expect(await page.evaluate(async () => (await window.caravan.app.info()).ok)).toBe(true);
});

test('positive control: the most clients a call may name are decided, and main answers meanwhile', async ({ app }) => {
  const { page } = app;
  await page.waitForFunction(() => 'caravan' in window);
  const outcome = await page.evaluate(async (clients) => {
    const order: string[] = [];
    const placement = window.caravan.locality
      .placement(Array.from({ length: clients }, (_, i) => ({ id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, label: 'A client' })))
      .then((r) => {
        order.push('placement');
        return r;
      });
    const status = window.caravan.net.status().then((r) => {
      order.push('net');
      return r;
    });
    const [placed, net] = await Promise.all([placement, status]);
    return { placed: placed.ok ? placed.value.length : placed.error.code, net: net.ok, order };
  }, MAX_CLIENTS);
  expect(outcome.placed).toBe(MAX_CLIENTS);
  expect(outcome.net).toBe(true);
});

test('the test host answers malformed frames with errors and keeps serving', async ({ app }) => {
  needs(app, 'host', 'frames are the browser test host’s transport; Electron IPC has no frames a page can write');
  const { page } = app;
  await page.waitForFunction(() => 'caravan' in window);
  const replies = await page.evaluate(async () => {
    const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/__host/socket`);
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const frames = [
      '{',
      'null',
      '42',
      '"text"',
      '[1,2]',
      '{"type":"invoke","id":5,"channel":"app:info"}',
      '{"type":"invoke","id":6,"channel":7,"args":[]}',
      '{"type":"invoke","id":"8","channel":"app:info","args":[]}',
    ];
    const received: unknown[] = [];
    const all = new Promise<void>((resolve) => {
      socket.onmessage = (event: MessageEvent<string>) => {
        const message = JSON.parse(event.data) as { type: string };
        if (message.type !== 'result') return;
        received.push(message);
        if (received.length === frames.length) resolve();
      };
    });
    for (const frame of frames) socket.send(frame);
    await all;
    socket.close();
    return received;
  });
  expect(replies).toHaveLength(8);
  for (const reply of replies) expect(reply).toMatchObject({ type: 'result', result: { ok: false, error: { code: 'invalid-argument' } } });
  expect(replies.map((r) => (r as { id: unknown }).id).sort()).toEqual([5, 6, null, null, null, null, null, null].sort());
  // The app's own connection, and main behind it, still answer.
  expect(await page.evaluate(async () => (await window.caravan.app.info()).ok)).toBe(true);
  expect(app.host.logLines().join('\n')).toContain('refused a frame');
});

test.describe('with the host taking frames up to 1 MiB', () => {
  // The same refusal as at MAX_IPC_MESSAGE_BYTES, without sending hundreds of MiB through a page.
  const max = 1024 * 1024;
  test.use({ hostOptions: { maxMessageBytes: max } });

  test('the test host refuses a frame larger than any call, closing only that connection', async ({ app }) => {
    needs(app, 'host', 'frames are the browser test host’s transport');
    const { page } = app;
    await page.waitForFunction(() => 'caravan' in window);
    const closed = await page.evaluate(async (size) => {
      const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/__host/socket`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const close = new Promise<number>((resolve) => (socket.onclose = (event) => resolve(event.code)));
      socket.send(`{"type":"invoke","id":1,"channel":"app:notify","args":[{"title":"x","body":"${'y'.repeat(size)}"}]}`);
      return close;
    }, max);
    expect(closed).toBe(1009);
    // The app's own connection and main behind it are untouched; nothing was shown.
    expect(await page.evaluate(async () => (await window.caravan.app.info()).ok)).toBe(true);
    expect(app.host.notifications).toEqual([]);
    expect(app.host.logLines().join('\n')).toMatch(/host socket: .*; the page's connection is closed/);
  });
});

/** A vault with one client kept on this device only (the default), one project and one block. */
async function deviceOnlyWorld(app: { page: Page }): Promise<string> {
  const { ws } = await testVault(app.page, {
    clients: [{ name: 'Quiet Client', country: 'Germany', currency: 'EUR', rate: '100', residency: 'This device only' }],
    projects: [{ client: 'Quiet Client', name: 'Hush' }],
  });
  await ws.shell.open('Time');
  await ws.typeBlock('Quiet Client · Hush', '2026-11-20 9:30-11 quiet work');
  // The ids main holds as device-only: travel mode's plan lists them (excluded from anywhere).
  const plan = await app.page.evaluate(async () => window.caravan.locality.travelPlan('US', []));
  if (!plan.ok || plan.value.deviceOnly.length !== 1) throw new Error(`expected one device-only client, got ${JSON.stringify(plan)}`);
  return plan.value.deviceOnly[0]!;
}

test('a page cannot name a file, its extension or its filter, nor hide a bidi override in it', async ({ app }) => {
  needs(app, 'main', 'reads the path the save dialog returned');
  const { page } = app;
  await page.waitForFunction(() => 'caravan' in window);
  const outcome = await page.evaluate(async () => {
    const api = window.caravan as unknown as { files: { saveText(r: unknown): Promise<{ ok: boolean; error?: { code: string } }> } };
    // Today's attack: a name that reads "invoiceexe.pdf", with the page's own extension and filter.
    const old = await api.files.saveText({ suggestedName: 'invoice\u202Efdp.exe', content: 'MZ', filters: [{ name: 'Any', extensions: ['exe'] }] });
    const named = await window.caravan.files.saveText({
      kind: 'recovery-kit',
      stem: 'autostart\u202Eptxt.desktop\u200B',
      content: '[Desktop Entry]',
      clients: [],
      deviceOnlyConfirmed: false,
    });
    return { old: old.ok ? 'ok' : old.error?.code, named: named.ok ? named.value : named.error.code };
  });
  expect(outcome.old).toBe('invalid-argument');
  const saved = await app.main.savedFiles();
  expect(saved).toHaveLength(1);
  const name = saved[0]!.split('/').at(-1)!;
  expect(name).toBe('autostartptxt.desktop.txt');
  expect(name).not.toMatch(/[\p{Cf}\p{Cc}]/u);
});

test('a device-only client’s data goes into no file unless the person was told, and then it is audited', async ({ app }) => {
  test.setTimeout(120_000);
  needs(app, 'main', 'reads the files main saved');
  const { page } = app;
  const clientId = await deviceOnlyWorld(app);

  // The attack: a page saves the client's data without asking. Main opens no dialog, writes
  // nothing, and answers which client needs the person's yes.
  const unasked = await page.evaluate(async (id) => {
    const r = await window.caravan.files.saveText({ kind: 'time-csv', stem: 'x', content: 'secret,row\r\n', clients: [id], deviceOnlyConfirmed: false });
    return r.ok ? r.value : r.error.code;
  }, clientId);
  expect(unasked).toEqual({ saved: false, needsConfirmation: [clientId] });
  expect(await app.main.savedFiles()).toEqual([]);

  // The person's way: Export CSV says so first; Cancel writes nothing.
  const exportCsv = page.getByRole('button', { name: 'Export CSV' });
  const question = page.getByRole('dialog', { name: 'Export data kept on this device only?' });
  await exportCsv.click();
  await expect(question).toContainText('“Quiet Client”');
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(question).toBeHidden();
  expect(await app.main.savedFiles()).toEqual([]);

  // Going on saves the file, under a name with no client in it, and main records it.
  await exportCsv.click();
  await question.getByRole('button', { name: 'Export anyway' }).click();
  await expect(page.getByText('Exported 1 blocks.')).toBeVisible();
  const [file] = await app.main.savedFiles();
  expect(file).toMatch(/caravan-time-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(file).not.toMatch(/quiet|hush/i);
  const sync = new SyncPage(page);
  await sync.open();
  const audit = sync.audit;
  await expect(audit.getByRole('status')).toContainText(/Verified: \d+ entries/);
  await expect(audit).toContainText('Data of Quiet Client, kept on this device only, was saved to a file (Time CSV): you were told first and went on.');
});

test('notifications reach the OS as plain text; an ordinary one is unchanged', async ({ app }) => {
  needs(app, 'main', 'reads the notifications main showed');
  const { page } = app;
  await page.waitForFunction(() => 'caravan' in window);
  await page.evaluate(async () => {
    await window.caravan.app.notify({ title: 'Kill switch reached', body: 'Churn model: stop at 40 h and tell the client.' });
    await window.caravan.app.notify({
      title: 'Pay\u202E now',
      body: 'Click <a href="https://evil.example/">here</a><img src="file:///etc/passwd"> & <b>win</b>',
    });
  });
  await expect.poll(() => app.main.notifications()).toHaveLength(2);
  const [plain, hostile] = await app.main.notifications();
  // The double also records Electron's `silent` flag; title and body are what the OS renders.
  expect(plain).toMatchObject({ title: 'Kill switch reached', body: 'Churn model: stop at 40 h and tell the client.' });
  expect(hostile).toMatchObject({ title: 'Pay now', body: 'Click here ＆ win' });
});
