/**
 * Main's handler table. Each feature contributes its handlers through the
 * services it needs; nothing here imports Electron, so the browser test host
 * runs exactly this table.
 */
import { z } from 'zod';
import type { AppInfo } from '../../src-preload/contract/types.ts';
import type { HandlerTable } from './handler-table.ts';
import type { NetWatcher } from '../net/net-watcher.ts';
import { saveText, type SaveDialog } from '../files/save-text.ts';
import type { DeviceKeyStore } from '../device-key/device-key-store.ts';

export interface MainServices {
  appInfo: () => AppInfo;
  net: NetWatcher;
  saveDialog: SaveDialog;
  deviceKeys: DeviceKeyStore;
  /** Prints the window that asked; resolves false if the person cancelled. */
  print: () => Promise<boolean>;
}

const noArgs = z.tuple([]);
const vaultId = z.uuid({ message: 'must be a vault id' });
/** A 32-byte key in standard base64. */
const keyBase64 = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be a 32-byte key in base64');
const fileName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^/\\:*?"<>|\0]+$/, 'must be a plain file name');

const saveTextRequest = z.strictObject({
  suggestedName: fileName,
  content: z.string().max(50 * 1024 * 1024),
  filters: z.array(z.strictObject({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(8) })).max(8),
});

export function createHandlers(services: MainServices): HandlerTable {
  const { deviceKeys } = services;
  return {
    'app:info': { args: noArgs, handle: () => services.appInfo() },
    'app:print': { args: noArgs, handle: async () => ({ printed: await services.print() }) },
    'net:status': { args: noArgs, handle: () => services.net.current() },
    'files:saveText': { args: z.tuple([saveTextRequest]), handle: ([request]) => saveText(services.saveDialog, request) },
    'deviceKey:status': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.status(id) },
    'deviceKey:enable': { args: z.tuple([vaultId, keyBase64]), handle: ([id, key]) => deviceKeys.enable(id, key) },
    'deviceKey:read': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.read(id) },
    'deviceKey:forget': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.forget(id) },
  };
}
