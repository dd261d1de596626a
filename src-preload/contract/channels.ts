/**
 * The IPC contract, declared once. Main's handler table, the preload and the
 * renderer (and the browser test host) are all typed from these two maps.
 *
 * A channel name is `domain:action` (action in camelCase: it becomes
 * `window.caravan.<domain>.<action>`). Main and renderer import this file
 * with `import type` only.
 */
import type { AppInfo, DeviceKeyStatus, NetStatus, PowerState, SaveTextRequest, SaveTextResult, TimerCommand, TimerPreferences, TimerView, TrayProjects } from './types.ts';

/** Request/response channels: renderer asks, main answers. */
export interface InvokeChannels {
  /** Version, platform and where the user's data lives. */
  'app:info': { args: []; result: AppInfo };
  /** Main's current view of the network (the renderer never probes it itself). */
  'net:status': { args: []; result: NetStatus };
  /** Prints the current window (the page decides what prints with `@media print`). */
  'app:print': { args: []; result: { printed: boolean } };
  /** Shows an OS notification (a kill switch reached); main keeps nothing. */
  'app:notify': { args: [notification: { title: string; body: string }]; result: void };
  /** Asks where to save a text file (the person chooses; nothing is written if they cancel). */
  'files:saveText': { args: [request: SaveTextRequest]; result: SaveTextResult };
  /** Whether "unlock on this device" is possible here and enrolled for this vault. */
  'deviceKey:status': { args: [vaultId: string]; result: DeviceKeyStatus };
  /** Keeps the vault key wrapped by the OS secret store (safeStorage). Refused where that store is not secure. */
  'deviceKey:enable': { args: [vaultId: string, vaultKeyBase64: string]; result: DeviceKeyStatus };
  /** The vault key kept by `enable`, or null if none is kept (or the OS store no longer opens it). */
  'deviceKey:read': { args: [vaultId: string]; result: string | null };
  /** Forgets the kept key. */
  'deviceKey:forget': { args: [vaultId: string]; result: DeviceKeyStatus };
  /** The timer as it is now. */
  'timer:state': { args: []; result: TimerView };
  /** Start, pause, stop, answer an away question...; a refusal (kill switch, away pending) is an error with the reason. */
  'timer:command': { args: [command: TimerCommand]; result: TimerView };
  /** The vault stored this timer block (idempotent); main drops it from its outbox. */
  'timer:blockStored': { args: [blockId: string]; result: TimerView };
  /** Which projects the tray offers and under what names (names only while unlocked, kept in memory). */
  'timer:trayProjects': { args: [projects: TrayProjects]; result: void };
  /** The timer's preferences. */
  'timer:preferences': { args: []; result: TimerPreferences };
  /** Changes them; a shortcut another app holds is refused ('unavailable') and nothing changes. */
  'timer:setPreferences': { args: [preferences: TimerPreferences]; result: TimerPreferences };
}

/** Events pushed from main to the renderer. */
export interface EventChannels {
  /** Sent whenever main sees the machine go online or offline. */
  'net:status': NetStatus;
  /** The machine is going to sleep, waking, or its screen was locked/unlocked: the vault locks on suspend and lock. */
  'power:state': PowerState;
  /** The timer changed (a step, a tick each second while it runs, a tray click). */
  'timer:changed': TimerView;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type ArgsOf<C extends InvokeChannel> = InvokeChannels[C]['args'];
export type ResultOf<C extends InvokeChannel> = InvokeChannels[C]['result'];
