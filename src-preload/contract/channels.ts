/**
 * The IPC contract, declared once as zod schemas (one file per domain) and joined here. Main's
 * `dispatch` validates every call's arguments with `invokeContract`; main's handler table, the
 * preload, the renderer's client and the browser test host are typed from the maps below.
 *
 * A channel name is `domain:action` (action in camelCase: it becomes
 * `window.caravan.<domain>.<action>`). The preload imports this file's types only, so the
 * sandboxed preload bundle carries channel names but no schema.
 */
import type { z } from 'zod';
import { appInvoke } from './app.ts';
import { bundleInvoke } from './bundle.ts';
import { deviceKeyInvoke } from './device-key.ts';
import { filesInvoke } from './files.ts';
import { localityInvoke } from './locality.ts';
import { netEvents, netInvoke } from './net.ts';
import { powerEvents } from './power.ts';
import { syncInvoke } from './sync.ts';
import { timerEvents, timerInvoke } from './timer.ts';

/** Request/response channels: renderer asks, main answers. */
export const invokeContract = {
  ...appInvoke,
  ...netInvoke,
  ...filesInvoke,
  ...deviceKeyInvoke,
  ...timerInvoke,
  ...localityInvoke,
  ...syncInvoke,
  ...bundleInvoke,
};

/**
 * The largest message a transport passes to main (the test host's WebSocket frames, the Electron
 * double's binding): above the largest argument any channel accepts (a snapshot upload is 85.4 MiB
 * of base64; a text export's characters may take up to 3 UTF-8 bytes each), so a legitimate call
 * always fits and anything larger is refused before it is parsed.
 */
export const MAX_IPC_MESSAGE_BYTES = 160 * 1024 * 1024;

/** Events pushed from main to the renderer. */
export const eventContract = {
  ...netEvents,
  ...powerEvents,
  ...timerEvents,
};

type Invoke = typeof invokeContract;
type Events = typeof eventContract;

export type InvokeChannel = keyof Invoke;
export type EventChannel = keyof Events;

/**
 * Per channel: `args`, what a caller may send (the schemas' input: a label or attestation basis as
 * typed), and `result`, what main answers.
 */
export type InvokeChannels = {
  [C in InvokeChannel]: { args: z.input<Invoke[C]['args']>; result: z.output<Invoke[C]['result']> };
};
/** Per event channel, its payload. */
export type EventChannels = { [E in EventChannel]: z.output<Events[E]> };

/** What the renderer sends on channel `C`. */
export type ArgsOf<C extends InvokeChannel> = InvokeChannels[C]['args'];
/** What main's handler for `C` receives: the arguments after validation (trimmed, normalised). */
export type ParsedArgsOf<C extends InvokeChannel> = z.output<Invoke[C]['args']>;
/** What main answers on channel `C`. */
export type ResultOf<C extends InvokeChannel> = InvokeChannels[C]['result'];
