/**
 * Main without Electron: every service, file name and option the app runs,
 * built once here for both the real entry (src-main/index.ts) and the browser
 * test host (tests/host/server.ts). Only the adapters differ, Electron's
 * dialogs, safeStorage, tray and power monitor there and the host's recorders
 * here, so the host cannot drift from the app.
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { EventChannel, EventChannels } from '../../src-preload/contract/channels.ts';
import type { PowerState } from '../../src-preload/contract/power.ts';
import { createDeviceKeyStore, type SecretCipher } from '../device-key/device-key-store.ts';
import { createIntegritySealStore } from '../integrity/integrity-seal-store.ts';
import { readJsonFile, writeFileAtomic, writeJsonFileAtomic } from '../files/atomic-file.ts';
import type { ConfirmDialog } from '../confirm/confirm.ts';
import type { OpenDialog } from '../files/open-file.ts';
import type { SaveDialog } from '../files/save-text.ts';
import type { HandlerTable } from '../ipc/handler-table.ts';
import { createHandlers } from '../ipc/handlers.ts';
import { LocalityService } from '../locality/locality-service.ts';
import { createNetWatcher, type NetWatcher } from '../net/net-watcher.ts';
import { CredentialStore } from '../sync/credential-store.ts';
import { SyncService } from '../sync/sync-service.ts';
import { TimerController } from '../timer/timer-controller.ts';
import type { TimerEvent } from '../timer/timer-types.ts';
import type { TrayModel } from '../timer/tray-presenter.ts';
import { makeAppInfo, toPlatform } from './app-info.ts';
import { plainNotification } from './plain-notification.ts';
import type { MainLog } from './main-log.ts';

/** What differs between the app (Electron) and the test host. */
export interface MainAdapters {
  saveDialog: SaveDialog;
  openDialog: OpenDialog;
  /** Main's own yes/no question to the person (a native message box in the app). */
  confirmDialog: ConfirmDialog;
  /** The OS secret store (safeStorage) that seals device keys and target credentials. */
  secretCipher: SecretCipher;
  /** Seconds since the last input (powerMonitor.getSystemIdleTime); absent: no idle detection. */
  idleSeconds?: () => number;
  /** Binds the timer's global shortcut ('' = none); false when another app holds it. */
  registerShortcut: (accelerator: string, onPress: () => void) => boolean;
  /** Shows an OS notification. */
  notify: (title: string, body: string) => void;
  /** Draws the tray (it may not exist yet while the timer starts). */
  drawTray: (model: TrayModel) => void;
  /** Shows the app window, opening it if it was closed. */
  openWindow: () => void;
  /** Quits the app (the tray's Quit, after the timer has saved a running block). */
  quit: () => void;
  /** Prints the window that asked; false if the person cancelled. */
  print: () => Promise<boolean>;
  /** Pushes an event to every app window. */
  broadcast: <E extends EventChannel>(channel: E, payload: EventChannels[E]) => void;
  /** Whether the machine is online (net.isOnline). */
  isOnline: () => boolean;
  /** process.platform of the machine main runs on. */
  platform: string;
  /** What app:info reports: the version, and whether this is the browser test host. */
  app: { version: string; hosted: boolean };
}

export interface MainCoreOptions {
  /** Main's data folder (Electron's userData). */
  dataDir: string;
  now: () => number;
  newId: () => string;
  log: MainLog;
  adapters: MainAdapters;
  /** How often main polls; the test host polls faster so tests do not wait. */
  polling?: { tickMs?: number; idleMs?: number; netMs?: number };
}

/** The files main keeps in its data folder. Locality keeps its own under `locality/`. */
export function dataFiles(dataDir: string) {
  return {
    timerJournal: join(dataDir, 'timer-journal.json'),
    timerPreferences: join(dataDir, 'timer-preferences.json'),
    windowState: join(dataDir, 'window-state.json'),
    deviceKeys: join(dataDir, 'device-keys'),
    integritySeals: join(dataDir, 'integrity'),
    credentials: join(dataDir, 'locality', 'credentials'),
  };
}

export interface MainCore {
  /** The handler table IPC (or the host's socket) dispatches into. */
  handlers: HandlerTable;
  timer: TimerController;
  locality: LocalityService;
  net: NetWatcher;
  files: ReturnType<typeof dataFiles>;
  /** An OS power event: to the window (the vault locks) and to the timer (away time). */
  power(kind: PowerState['kind']): void;
  /** Stops every poll and waits for the timer's last journal write: call before quitting. */
  stop(): Promise<void>;
  /** Stops every poll at once, without waiting: a killed process. */
  kill(): void;
}

const POWER_TO_TIMER: Record<PowerState['kind'], TimerEvent['type']> = {
  suspend: 'suspend',
  resume: 'resumeFromSuspend',
  'lock-screen': 'lockScreen',
  'unlock-screen': 'unlockScreen',
};

export async function createMainCore(options: MainCoreOptions): Promise<MainCore> {
  const { dataDir, now, newId, log, adapters } = options;
  const files = dataFiles(dataDir);
  // Every notification, the page's and the timer's, reaches the OS as plain text.
  const notify = (title: string, body: string) => {
    const plain = plainNotification(title, body);
    adapters.notify(plain.title, plain.body);
  };
  const locality = await LocalityService.create({ dataDir, newId, now, log, confirm: adapters.confirmDialog });
  const net = createNetWatcher({
    probe: adapters.isOnline,
    onChange: (status) => adapters.broadcast('net:status', status),
    ...(options.polling?.netMs ? { intervalMs: options.polling.netMs } : {}),
  });
  const timer = await TimerController.create({
    now,
    journal: { read: () => readFile(files.timerJournal, 'utf8').catch(() => null), write: (text) => writeFileAtomic(files.timerJournal, text) },
    ...(adapters.idleSeconds ? { idleSeconds: adapters.idleSeconds } : {}),
    newSessionId: newId,
    platform: toPlatform(adapters.platform),
    broadcast: (view) => adapters.broadcast('timer:changed', view),
    drawTray: adapters.drawTray,
    showNotification: notify,
    openWindow: adapters.openWindow,
    quit: adapters.quit,
    log,
    preferencesStore: { read: () => readJsonFile(files.timerPreferences), write: (value) => writeJsonFileAtomic(files.timerPreferences, value) },
    registerShortcut: adapters.registerShortcut,
  });
  const stopTimer = timer.service.run(options.polling?.tickMs, options.polling?.idleMs);
  const handlers = createHandlers({
    appInfo: () => makeAppInfo(adapters.app.version, adapters.platform, dataDir, adapters.app.hosted),
    net,
    saveDialog: adapters.saveDialog,
    openDialog: adapters.openDialog,
    confirmDialog: adapters.confirmDialog,
    deviceKeys: createDeviceKeyStore(files.deviceKeys, adapters.secretCipher),
    integritySeals: createIntegritySealStore(files.integritySeals, () => locality.openVaultId),
    print: adapters.print,
    timer,
    notify,
    locality,
    bundleGate: locality.bundleGate,
    exportGate: locality.exportGate,
    clientGate: locality.clientGate,
    sync: new SyncService({
      targets: locality.targets,
      gate: locality.syncGate,
      credentials: new CredentialStore(files.credentials, adapters.secretCipher),
      now,
    }),
    now,
  });

  const kill = () => {
    stopTimer();
    net.stop();
  };
  return {
    handlers,
    timer,
    locality,
    net,
    files,
    power(kind) {
      // The event's time is the wall clock, as the OS reports it; the timer reads its own clock.
      adapters.broadcast('power:state', { kind, at: Date.now() });
      void timer.service.dispatch({ type: POWER_TO_TIMER[kind] } as TimerEvent);
    },
    async stop() {
      kill();
      await timer.service.settled();
    },
    kill,
  };
}
