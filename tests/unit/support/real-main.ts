/**
 * main's real core (createMainCore: every service and the whole handler table) reached through the
 * very `window.caravan` the preload builds, over `dispatch` as IPC does: what renderer actions are
 * tested against under Node. Only the OS adapters are the test host's recorders; main is not mocked.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { createMainCore, type MainCore } from '../../../src-main/app/main-core.ts';
import { dispatch } from '../../../src-main/ipc/dispatch.ts';
import { buildApi } from '../../../src-preload/api/build-api.ts';
import type { CaravanApi } from '../../../src-preload/contract/api.ts';
import type { IpcResult } from '../../../src-preload/contract/errors.ts';
import { createDialogStub, createSecretCipherStub, type DialogStub } from '../../host/stub-services.ts';

export interface RealMain {
  api: CaravanApi;
  core: MainCore;
  dialogs: DialogStub;
  vaultId: string;
  /** What main was told at unlock: `locality:open` with these policies, as the renderer does. */
  unlock(policies?: { clientId: string; policy: unknown }[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startRealMain(): Promise<RealMain> {
  await sodium.ready;
  const dataDir = await mkdtemp(join(tmpdir(), 'caravan-real-main-'));
  const dialogs = createDialogStub(dataDir);
  const core = await createMainCore({
    dataDir,
    now: Date.now,
    newId: randomUUID,
    log: () => {},
    adapters: {
      saveDialog: dialogs,
      openDialog: dialogs,
      confirmDialog: dialogs,
      secretCipher: createSecretCipherStub('available'),
      registerShortcut: () => true,
      notify: () => {},
      drawTray: () => {},
      openWindow: () => {},
      quit: () => {},
      print: async () => true,
      broadcast: () => {},
      isOnline: () => true,
      platform: 'linux',
      app: { version: '0.0.0-test', hosted: false },
    },
  });
  const ctx = { senderUrl: 'app://caravan/index.html' };
  const api = buildApi({
    // The page sees exactly what crosses IPC: a structured clone of main's answer.
    invoke: async (channel, args) => structuredClone(await dispatch(core.handlers, channel, args, ctx)) as IpcResult<never>,
    subscribe: () => () => {},
  });
  const vaultId = randomUUID();
  const auditKey = Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64');
  return {
    api,
    core,
    dialogs,
    vaultId,
    async unlock(policies = []) {
      const opened = await api.locality.open(vaultId, auditKey, policies as never);
      if (!opened.ok) throw new Error(opened.error.message);
    },
    async stop() {
      await core.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
