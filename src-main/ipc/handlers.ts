/**
 * Main's handler table. Each feature contributes its handlers through the
 * services it needs; arguments arrive already validated by the contract's
 * schemas (`dispatch`). Nothing here imports Electron, so the browser test
 * host runs exactly this table.
 */
import type { AppInfo } from '../../src-preload/contract/app.ts';
import type { HandlerTable } from './handler-table.ts';
import type { NetWatcher } from '../net/net-watcher.ts';
import { saveText, type SaveDialog } from '../files/save-text.ts';
import type { DeviceKeyStore } from '../device-key/device-key-store.ts';
import type { IntegritySealStore } from '../integrity/integrity-seal-store.ts';
import type { TimerController } from '../timer/timer-controller.ts';
import type { LocalityService } from '../locality/locality-service.ts';
import { localityHandlers } from '../locality/locality-handlers.ts';
import type { BundleGate } from '../locality/bundle-gate.ts';
import type { ClientGate } from '../locality/client-gate.ts';
import type { ExportGate } from '../locality/export-gate.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { syncHandlers } from '../sync/sync-handlers.ts';
import { bundleHandlers } from '../bundle/bundle-handlers.ts';
import type { OpenDialog } from '../files/open-file.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import { FolderGrants } from '../files/folder-grants.ts';
import { TargetAdmission } from '../sync/target-admission.ts';

export interface MainServices {
  appInfo: () => AppInfo;
  net: NetWatcher;
  saveDialog: SaveDialog;
  openDialog: OpenDialog;
  /** Main's own question to the person; the renderer cannot answer it. */
  confirmDialog: ConfirmDialog;
  deviceKeys: DeviceKeyStore;
  /** The store's integrity seal per vault (rollback detection); written only for the vault the guard holds open. */
  integritySeals: IntegritySealStore;
  /** Prints the window that asked; resolves false if the person cancelled. */
  print: () => Promise<boolean>;
  timer: TimerController;
  /** Shows an OS notification (Electron's Notification; recorded by the test host). */
  notify: (title: string, body: string) => void;
  locality: LocalityService;
  /** Locality's decisions and records for bundles, saved files, travel and GDPR actions. */
  bundleGate: BundleGate;
  exportGate: ExportGate;
  clientGate: ClientGate;
  sync: SyncService;
  /** Main's clock (a default file name's date). */
  now: () => number;
}

export function createHandlers(services: MainServices): HandlerTable {
  const { deviceKeys, timer } = services;
  // Folders come from main's own picker as handles; targets are added only as the person confirms.
  const folders = new FolderGrants();
  const admission = new TargetAdmission({ locality: services.locality, sync: services.sync, folders, confirm: services.confirmDialog });
  return {
    'app:info': { handle: () => services.appInfo() },
    'app:print': { handle: async () => ({ printed: await services.print() }) },
    'app:notify': { handle: ([n]) => services.notify(n.title, n.body) },
    'net:status': { handle: () => services.net.current() },
    'files:chooseFolder': { handle: () => folders.choose(services.openDialog) },
    'files:saveText': { handle: ([request]) => saveText({ dialog: services.saveDialog, guard: services.exportGate, now: services.now }, request) },
    'deviceKey:status': { handle: ([id]) => deviceKeys.status(id) },
    'deviceKey:enable': { handle: ([id, key]) => deviceKeys.enable(id, key) },
    'deviceKey:read': { handle: ([id]) => deviceKeys.read(id) },
    'deviceKey:forget': { handle: ([id]) => deviceKeys.forget(id) },
    'integrity:read': { handle: ([id]) => services.integritySeals.read(id) },
    'integrity:write': { handle: ([id, text]) => services.integritySeals.write(id, text) },
    'timer:state': { handle: () => timer.view() },
    'timer:command': { handle: ([command]) => timer.command(command) },
    'timer:blockStored': { handle: ([id]) => timer.blockStored(id) },
    'timer:trayProjects': { handle: ([projects]) => timer.setTrayProjects(projects) },
    'timer:preferences': { handle: () => timer.preferences() },
    'timer:setPreferences': { handle: ([preferences]) => timer.setPreferences(preferences) },
    // Removing a target also forgets its credentials.
    ...localityHandlers(services.locality, services.clientGate, {
      addTarget: (target) => admission.add(target),
      targetRemoved: (id) => services.sync.forgetTarget(id),
    }),
    ...syncHandlers(services.sync, admission),
    ...bundleHandlers({ gate: services.bundleGate, saveDialog: services.saveDialog, openDialog: services.openDialog, now: services.now }),
  };
}
