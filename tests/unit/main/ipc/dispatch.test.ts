import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../../src-main/ipc/dispatch.ts';
import { createHandlers } from '../../../../src-main/ipc/handlers.ts';
import { createNetWatcher } from '../../../../src-main/net/net-watcher.ts';
import { makeAppInfo } from '../../../../src-main/app/app-info.ts';
import { createIntegritySealStore } from '../../../../src-main/integrity/integrity-seal-store.ts';
import { createDeviceKeyStore } from '../../../../src-main/device-key/device-key-store.ts';
import { TimerController } from '../../../../src-main/timer/timer-controller.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { CredentialStore } from '../../../../src-main/sync/credential-store.ts';
import { SyncService } from '../../../../src-main/sync/sync-service.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let journal: string | null = null;
const timer = await TimerController.create({
  now: () => 1_000_000,
  journal: { read: async () => journal, write: async (text) => void (journal = text) },
  newSessionId: () => 'session-1',
  platform: 'linux',
  broadcast: () => {},
  drawTray: () => {},
  showNotification: () => {},
  openWindow: () => {},
  quit: () => {},
});

const locality = await LocalityService.create({
  dataDir: await mkdtemp(join(tmpdir(), 'caravan-dispatch-')),
  newId: () => crypto.randomUUID(),
  now: () => 1_000_000,
  log: () => {},
});

function table() {
  const net = createNetWatcher({ probe: () => true, onChange: () => {}, now: () => 1000, setInterval: () => 0, clearInterval: () => {} });
  return createHandlers({
    appInfo: () => makeAppInfo('1.2.3', 'linux', '/data', false),
    net,
    saveDialog: { chooseSavePath: async () => null },
    openDialog: { chooseOpenPath: async () => null },
    confirmDialog: { confirm: async () => false },
    deviceKeys: createDeviceKeyStore('/nonexistent', {
      availability: () => ({ available: false, reason: 'none' }),
      encrypt: () => new Uint8Array(),
      decrypt: () => '',
    }),
    integritySeals: createIntegritySealStore('/nonexistent', () => null),
    print: async () => false,
    timer,
    notify: () => {},
    locality,
    bundleGate: locality.bundleGate,
    exportGate: locality.exportGate,
    clientGate: locality.clientGate,
    sync: new SyncService({
      targets: locality.targets,
      gate: locality.syncGate,
      credentials: new CredentialStore('/nonexistent', {
        availability: () => ({ available: false, reason: 'none' }),
        encrypt: () => new Uint8Array(),
        decrypt: () => '',
      }),
      now: () => 1_000_000,
    }),
    now: () => 1_000_000,
  });
}
const ctx = { senderUrl: 'app://caravan/index.html' };

describe('dispatch', () => {
  it('runs a handler with valid arguments', async () => {
    expect(await dispatch(table(), 'app:info', [], ctx)).toEqual({
      ok: true,
      value: { version: '1.2.3', platform: 'linux', dataFolder: '/data', hosted: false },
    });
    expect(await dispatch(table(), 'net:status', [], ctx)).toEqual({ ok: true, value: { online: true, since: 1000 } });
  });

  it.each([[['extra']], [{ 0: 1 }], ['string'], [null], [undefined]])('refuses invalid arguments %j', async (args) => {
    const result = await dispatch(table(), 'app:info', args, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it.each(['app:nope', '__proto__', 'constructor', 'toString', 42, null])('refuses an unknown channel %j', async (channel) => {
    const result = await dispatch(table(), channel, [], ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('validates every channel: ids, keys and file names', async () => {
    const t = table();
    const bad: [string, unknown[]][] = [
      ['deviceKey:status', ['../../etc']],
      ['deviceKey:enable', ['3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f', 'short']],
      ['files:saveText', [{ suggestedName: '../x.txt', content: '', filters: [] }]],
      ['files:saveText', [{ suggestedName: 'x.txt', content: '', filters: [], extra: 1 }]],
    ];
    for (const [channel, args] of bad) {
      expect(await dispatch(t, channel, args, ctx)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });

  it('passes a user-facing error through with its code and message', async () => {
    const result = await dispatch(table(), 'deviceKey:enable', ['3f1c2d9e-8b7a-4c6d-9e0f-1a2b3c4d5e6f', `${'A'.repeat(43)}=`], ctx);
    expect(result).toEqual({ ok: false, error: { code: 'unavailable', message: 'none' } });
  });

  it('turns a handler crash into an error value without internals, and logs the detail', async () => {
    const handlers = table();
    handlers['app:info'] = {
      handle: () => {
        throw new Error('ENOENT /secret/path');
      },
    };
    const log = vi.fn();
    const result = await dispatch(handlers, 'app:info', [], ctx, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
    expect(log).toHaveBeenCalledOnce();
  });
});

describe('timer channels', () => {
  it('validates commands before the timer sees them', async () => {
    for (const bad of [
      { type: 'start', projectId: 'p|1', preset: 'deep-90' },
      { type: 'start', projectId: 'p', preset: { workMin: 0, breakMin: 5 } },
      { type: 'explode' },
      { type: 'pause', extra: 1 },
    ]) {
      const result = await dispatch(table(), 'timer:command', [bad], ctx);
      expect(result.ok ? 'accepted' : result.error.code).toBe('invalid-argument');
    }
  });

  it('refuses reminder preferences outside their bounds before main stores them', async () => {
    const base = (await dispatch(table(), 'timer:preferences', [], ctx)) as { ok: true; value: Record<string, unknown> };
    const noTime = { on: true, at: '17:00', days: [1, 2, 3, 4, 5] };
    for (const bad of [
      { noTimeReminder: { ...noTime, at: '25:00' } },
      { noTimeReminder: { ...noTime, at: '17:00; rm -rf' } },
      { noTimeReminder: { ...noTime, at: '5pm' } },
      { noTimeReminder: { ...noTime, days: [0] } },
      { noTimeReminder: { ...noTime, days: [8] } },
      { noTimeReminder: { ...noTime, days: [1, 1] } },
      { noTimeReminder: { ...noTime, days: [1, 2, 3, 4, 5, 6, 7, 1] } },
      { noTimeReminder: { ...noTime, days: [] } },
      { noTimeReminder: { ...noTime, extra: 'x' } },
      { longTimerReminder: { on: true, minutes: 0 } },
      { longTimerReminder: { on: true, minutes: 1.5 * 24 * 60 } },
      { longTimerReminder: { on: true, minutes: 90.5 } },
      { longTimerReminder: { on: 'yes', minutes: 180 } },
    ]) {
      const result = await dispatch(table(), 'timer:setPreferences', [{ ...base.value, ...bad }], ctx);
      expect(result.ok ? `accepted ${JSON.stringify(bad)}` : result.error.code).toBe('invalid-argument');
    }
    const good = { ...base.value, noTimeReminder: { on: true, at: '08:30', days: [6, 7] }, longTimerReminder: { on: true, minutes: 240 } };
    expect(await dispatch(table(), 'timer:setPreferences', [good], ctx)).toEqual({ ok: true, value: good });
  });

  it('runs a valid command and reports a refusal as "refused" with the machine’s reason', async () => {
    const started = await dispatch(table(), 'timer:command', [{ type: 'start', projectId: 'p1', preset: 'pomodoro' }], ctx);
    expect(started.ok && (started.value as { status: string }).status).toBe('running');
    const again = await dispatch(table(), 'timer:command', [{ type: 'start', projectId: 'p2', preset: 'deep-90' }], ctx);
    expect(again.ok ? 'accepted' : again.error.code).toBe('refused');
    expect(!again.ok && again.error.message).toBe('A timer is already running. Stop it or switch project instead.');
    await dispatch(table(), 'timer:command', [{ type: 'stop' }], ctx);
  });
});
