/**
 * The IPC contract, declared once. Main's handler table, the preload and the
 * renderer (and the browser test host) are all typed from these two maps.
 *
 * A channel name is `domain:action` (action in camelCase: it becomes
 * `window.caravan.<domain>.<action>`). Main and renderer import this file
 * with `import type` only.
 */
import type {
  CredentialsSaved,
  StoredObjectWire,
  TargetCredentials,
  AuditAnchorWire,
  AuditLines,
  AuditNamesWire,
  AuditReport,
  OpenedAuditLine,
  ClientPlacement,
  ClientPolicy,
  LocalityDataSummary,
  NewTargetWire,
  PolicyPreview,
  PolicyWire,
  RegionChoices,
  ResolvedLocation,
  TargetList,
  TargetLocationWire,
  TargetView,
} from './locality-types.ts';
import type { BundleDecision, BundleImportRequest, BundleSaveRequest, BundleSaveResult, OpenedBundleFile } from './bundle-types.ts';
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
  /** Asks the person for a folder (a sync target); its absolute path, or null when they cancelled. */
  'files:chooseFolder': { args: []; result: string | null };
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
  /** The vault was unlocked: main opens its audit log (sealed to the vault's audit public key) and learns each client's policy by id. */
  'locality:open': { args: [vaultId: string, auditPublicKeyBase64: string, policies: ClientPolicy[]]; result: void };
  /** The vault was locked: main forgets the policies; nothing of any client may leave. */
  'locality:close': { args: []; result: void };
  /** What a policy change would do (weaker, stronger; targets holding data it no longer allows), before it is saved. */
  'locality:previewPolicy': { args: [clientId: string, policy: PolicyWire]; result: PolicyPreview };
  /** Applies and audits a client's policy; a weakening is refused ('refused') unless confirmed. */
  'locality:setPolicy': { args: [clientId: string, policy: PolicyWire, confirmWeakening: boolean]; result: PolicyPreview };
  /** Records an access export or an erasure of a client in the audit log; says which targets still hold its data. */
  'locality:recordClientAction': { args: [kind: 'client-exported' | 'client-erased', clientId: string]; result: { at: number; heldOn: string[] } };
  /** Travel mode: the clients whose policy excludes this country (safe-for-travel ones left out), and which of them are device-only. */
  'locality:travelPlan': { args: [country: string, safeForTravel: string[]]; result: { excluded: string[]; deviceOnly: string[] } };
  /** Records a travel-mode step in the audit log; a removed client's policy is forgotten. */
  'locality:recordTravel': { args: [event: 'start' | 'end' | 'removed' | 'restored', country: string | null, clientId: string | null]; result: void };
  /** Sync and export targets with where each one keeps data. */
  'locality:targets': { args: []; result: TargetList };
  'locality:addTarget': { args: [target: NewTargetWire]; result: TargetView };
  'locality:removeTarget': { args: [targetId: string]; result: void };
  /** Where a target's settings put the data, before it is added. */
  'locality:resolve': { args: [location: TargetLocationWire]; result: ResolvedLocation };
  /** Regions and jurisdictions the pickers offer, from the data in use. */
  'locality:regions': { args: []; result: RegionChoices };
  /** "Where is my data": per client, each target's decision with its reason. Labels are used in the reasons only. */
  'locality:placement': { args: [clients: { id: string; label?: string }[]]; result: ClientPlacement[] };
  /** The audit log as stored (sealed); the renderer opens and verifies it. */
  'locality:audit': { args: []; result: AuditLines };
  /** Verifies the opened log against its chain and the last anchor this device kept, and words each entry with the given names. */
  'locality:verifyAudit': { args: [lines: OpenedAuditLine[], anchor: AuditAnchorWire | null, names: AuditNamesWire]; result: AuditReport };
  /** Keeps a target's credentials in main. */
  'sync:setCredentials': { args: [targetId: string, credentials: TargetCredentials]; result: CredentialsSaved };
  /** A new device: reads `vault.json` (the vault header) from a target not added yet; null when there is none. */
  'sync:readVaultHeader': { args: [target: NewTargetWire, credentials: TargetCredentials | null]; result: string | null };
  /** Checks that a target answers and takes its credentials (writes and deletes a probe object). */
  'sync:test': { args: [targetId: string]; result: void };
  /** Uploads one encrypted object; refused ('refused', with the reason) unless the guard allows its partition there. */
  'sync:put': { args: [targetId: string, key: string, bytesBase64: string]; result: void };
  /** Downloads one object (base64), or null when there is none. */
  'sync:get': { args: [targetId: string, key: string]; result: string | null };
  'sync:list': { args: [targetId: string, prefix: string]; result: StoredObjectWire[] };
  'sync:delete': { args: [targetId: string, key: string]; result: void };
  /** Deletes a client's objects (segments, wrapped key) from a target, audited; returns how many. */
  'sync:deletePartition': { args: [targetId: string, clientId: string]; result: number };
  /** The locality data in use: as-of dates and sources. */
  'locality:data': { args: []; result: LocalityDataSummary };
  /** Imports a newer zones or regions file (its text); audited. */
  'locality:importData': { args: [text: string]; result: LocalityDataSummary };
  /** May this client's project be exported as a bundle? Asked before encoding; not audited. */
  'bundle:checkExport': { args: [clientId: string, clientLabel: string | null]; result: BundleDecision };
  /** Checks the guard again, asks where to save, writes the file; the export (or its refusal) is audited. */
  'bundle:save': { args: [request: BundleSaveRequest]; result: BundleSaveResult };
  /** Asks the person for a `.caravan` file and reads it. */
  'bundle:open': { args: []; result: OpenedBundleFile };
  /** May a bundle with this policy be imported where the person is? A refusal is audited. */
  'bundle:checkImport': { args: [request: BundleImportRequest]; result: BundleDecision };
  /** The bundle's records were merged: decided again and audited. */
  'bundle:recordImport': { args: [request: BundleImportRequest]; result: void };
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
