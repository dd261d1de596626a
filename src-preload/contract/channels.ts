/**
 * The IPC contract, declared once. Main's handler table, the preload and the
 * renderer (and the browser test host) are all typed from these two maps.
 *
 * A channel name is `domain:action`. Main and renderer import this file with
 * `import type` only; the preload and the test shim import the runtime
 * channel lists in `./lists.ts`, which are checked against these maps.
 */
import type { AppInfo, NetStatus } from './types.ts';

/** Request/response channels: renderer asks, main answers. */
export interface InvokeChannels {
  /** Version, platform and where the user's data lives. */
  'app:info': { args: []; result: AppInfo };
  /** Main's current view of the network (the renderer never probes it itself). */
  'net:status': { args: []; result: NetStatus };
}

/** Events pushed from main to the renderer. */
export interface EventChannels {
  /** Sent whenever main sees the machine go online or offline. */
  'net:status': NetStatus;
}

export type InvokeChannel = keyof InvokeChannels;
export type EventChannel = keyof EventChannels;
export type ArgsOf<C extends InvokeChannel> = InvokeChannels[C]['args'];
export type ResultOf<C extends InvokeChannel> = InvokeChannels[C]['result'];
