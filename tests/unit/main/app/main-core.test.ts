/**
 * main's core under plain Node with recording adapters: what the app and the
 * test host share. The adapters here answer as simply as possible; each test
 * checks that a service reaches the adapter or the file the core names.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainCore, dataFiles, type MainAdapters, type MainCore } from '../../../../src-main/app/main-core.ts';
import { dispatch } from '../../../../src-main/ipc/dispatch.ts';
import type { TrayModel } from '../../../../src-main/timer/tray-presenter.ts';
import { createDialogStub, createSecretCipherStub } from '../../../host/stub-services.ts';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function core(overrides: Partial<MainAdapters> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-core-'));
  const events: Array<{ channel: string; payload: unknown }> = [];
  const trays: TrayModel[] = [];
  const built: MainCore = await createMainCore({
    dataDir,
    now: Date.now,
    newId: randomUUID,
    log: () => {},
    adapters: {
      saveDialog: createDialogStub(dataDir),
      openDialog: createDialogStub(dataDir),
      confirmDialog: createDialogStub(dataDir),
      secretCipher: createSecretCipherStub('available'),
      registerShortcut: () => true,
      notify: () => {},
      drawTray: (model) => void trays.push(model),
      openWindow: () => {},
      quit: () => {},
      print: async () => true,
      broadcast: (channel, payload) => void events.push({ channel, payload }),
      isOnline: () => true,
      platform: 'linux',
      app: { version: '9.8.7', hosted: false },
      ...overrides,
    },
  });
  cleanup.push(async () => {
    await built.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const call = (channel: string, ...args: unknown[]) => dispatch(built.handlers, channel, args, { senderUrl: 'app://caravan/index.html' });
  return { core: built, dataDir, events, trays, call };
}

describe('createMainCore', () => {
  it('names its files inside the data folder', async () => {
    const { core: built, dataDir } = await core();
    expect(built.files).toEqual(dataFiles(dataDir));
    for (const path of Object.values(built.files)) expect(path.startsWith(`${dataDir}/`)).toBe(true);
  });

  it('answers app:info from the adapter and the data folder', async () => {
    const { call, dataDir } = await core();
    expect(await call('app:info')).toEqual({ ok: true, value: { version: '9.8.7', platform: 'linux', dataFolder: dataDir, hosted: false } });
  });

  it('draws the tray while the timer starts, and journals a started block where it says', async () => {
    const { core: built, call, trays, events } = await core();
    expect(trays.at(-1)?.icon).toBe('idle');
    const started = await call('timer:command', { type: 'start', projectId: 'p1', preset: 'pomodoro' });
    expect(started.ok).toBe(true);
    await built.timer.service.settled();
    expect(JSON.parse(await readFile(built.files.timerJournal, 'utf8'))).toBeTruthy();
    expect(events.some((e) => e.channel === 'timer:changed')).toBe(true);
  });

  it('seals device keys with the secret-store adapter, in the device-keys folder', async () => {
    const { core: built, call } = await core();
    const vaultId = randomUUID();
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(await call('deviceKey:enable', vaultId, key)).toEqual({ ok: true, value: { available: true, enrolled: true } });
    expect(existsSync(join(built.files.deviceKeys, `${vaultId}.key`))).toBe(true);
    expect(await call('deviceKey:read', vaultId)).toEqual({ ok: true, value: key });
  });

  it('sends a power event to the window and to the timer', async () => {
    const { core: built, call, events } = await core();
    await call('timer:command', { type: 'start', projectId: 'p1', preset: 'pomodoro' });
    built.power('suspend');
    await built.timer.service.settled();
    expect(events).toContainEqual({ channel: 'power:state', payload: { kind: 'suspend', at: expect.any(Number) } });
    expect(built.timer.service.state().session?.away?.cause).toBe('suspend');
  });

  it('polls the network through the adapter and stops polling on stop', async () => {
    let online = true;
    let probes = 0;
    const { core: built, events } = await core({
      isOnline: () => {
        probes++;
        return online;
      },
    });
    online = false;
    built.net.check();
    expect(events).toContainEqual({ channel: 'net:status', payload: { online: false, since: expect.any(Number) } });
    await built.stop();
    const after = probes;
    await new Promise((done) => setTimeout(done, 50));
    expect(probes).toBe(after);
  });
});
