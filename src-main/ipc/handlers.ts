/**
 * Main's handler table. Each feature contributes its handlers through the
 * services it needs; nothing here imports Electron, so the browser test host
 * runs exactly this table.
 */
import { z } from 'zod';
import type { AppInfo, TimerCommand } from '../../src-preload/contract/types.ts';
import type { HandlerTable } from './handler-table.ts';
import type { NetWatcher } from '../net/net-watcher.ts';
import { saveText, type SaveDialog } from '../files/save-text.ts';
import type { DeviceKeyStore } from '../device-key/device-key-store.ts';
import type { TimerController } from '../timer/timer-controller.ts';
import { preferencesSchema } from '../timer/timer-preferences.ts';
import type { LocalityService } from '../locality/locality-service.ts';
import { localityHandlers } from '../locality/locality-handlers.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { syncHandlers } from '../sync/sync-handlers.ts';
import { bundleHandlers } from '../bundle/bundle-handlers.ts';
import type { OpenDialog } from '../files/open-file.ts';

export interface MainServices {
  appInfo: () => AppInfo;
  net: NetWatcher;
  saveDialog: SaveDialog;
  openDialog: OpenDialog;
  deviceKeys: DeviceKeyStore;
  /** Prints the window that asked; resolves false if the person cancelled. */
  print: () => Promise<boolean>;
  timer: TimerController;
  /** Shows an OS notification (Electron's Notification; recorded by the test host). */
  notify: (title: string, body: string) => void;
  locality: LocalityService;
  sync: SyncService;
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
  encoding: z.enum(['utf8', 'base64']).optional(),
  filters: z.array(z.strictObject({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(8) })).max(8),
});

const recordId = z.string().min(1).max(128).regex(/^[^|\p{Cc}]+$/u, 'must be a record id');
const binding = { projectId: recordId, phaseId: recordId.optional() };
const timerCommand = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    ...binding,
    preset: z.union([
      z.enum(['pomodoro', 'fifty-ten', 'deep-90']),
      z.strictObject({ workMin: z.int().min(1).max(240), breakMin: z.int().min(1).max(60) }),
    ]),
  }),
  z.strictObject({ type: z.enum(['pause', 'resume', 'stop', 'startBreak', 'skipBreak']) }),
  z.strictObject({ type: z.literal('switchProject'), ...binding }),
  z.strictObject({ type: z.literal('resolveAway'), choice: z.enum(['keep', 'discard', 'break']) }),
  z.strictObject({ type: z.literal('killSwitchTriggered'), projectId: recordId, switchId: recordId }),
  z.strictObject({ type: z.literal('acknowledgeKillSwitch'), projectId: recordId }),
]);
/** At most a menu's worth of projects; names are shortened by the presenter. */
const trayProjects = z.strictObject({
  unlocked: z.boolean(),
  projects: z.array(z.strictObject({ id: recordId, name: z.string().max(400) })).max(50),
});

export function createHandlers(services: MainServices): HandlerTable {
  const { deviceKeys, timer } = services;
  return {
    'app:info': { args: noArgs, handle: () => services.appInfo() },
    'app:print': { args: noArgs, handle: async () => ({ printed: await services.print() }) },
    'app:notify': {
      args: z.tuple([z.strictObject({ title: z.string().min(1).max(120), body: z.string().max(500) })]),
      handle: ([n]) => services.notify(n.title, n.body),
    },
    'net:status': { args: noArgs, handle: () => services.net.current() },
    'files:chooseFolder': {
      args: noArgs,
      handle: () => services.openDialog.chooseOpenPath({ title: 'Choose the sync folder', filters: [], folder: true }),
    },
    'files:saveText': {
      args: z.tuple([saveTextRequest.refine((r) => r.encoding !== 'base64' || /^[A-Za-z0-9+/]*={0,2}$/.test(r.content), 'content must be base64')]),
      handle: ([request]) => saveText(services.saveDialog, request),
    },
    'deviceKey:status': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.status(id) },
    'deviceKey:enable': { args: z.tuple([vaultId, keyBase64]), handle: ([id, key]) => deviceKeys.enable(id, key) },
    'deviceKey:read': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.read(id) },
    'deviceKey:forget': { args: z.tuple([vaultId]), handle: ([id]) => deviceKeys.forget(id) },
    'timer:state': { args: noArgs, handle: () => timer.view() },
    // The discriminated union's inferred type equals TimerCommand; zod cannot see optional-vs-undefined.
    'timer:command': { args: z.tuple([timerCommand]), handle: ([command]) => timer.command(command as TimerCommand) },
    'timer:blockStored': { args: z.tuple([recordId]), handle: ([id]) => timer.blockStored(id) },
    'timer:trayProjects': { args: z.tuple([trayProjects]), handle: ([projects]) => timer.setTrayProjects(projects) },
    'timer:preferences': { args: noArgs, handle: () => timer.preferences() },
    'timer:setPreferences': { args: z.tuple([preferencesSchema]), handle: ([preferences]) => timer.setPreferences(preferences) },
    // Removing a target also forgets its credentials.
    ...localityHandlers(services.locality, { targetRemoved: (id) => services.sync.forgetTarget(id) }),
    ...syncHandlers(services.sync),
    ...bundleHandlers({ guard: services.locality.guard, saveDialog: services.saveDialog, openDialog: services.openDialog }),
  };
}
