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
import { bundleInvoke, MAX_BUNDLE_BYTES } from './bundle.ts';
import { deviceKeyInvoke } from './device-key.ts';
import { filesInvoke, MAX_EXPORT_CHARS } from './files.ts';
import { integrityInvoke } from './integrity.ts';
import { localityInvoke, MAX_LOCALITY_DATA_CHARS } from './locality.ts';
import { netEvents, netInvoke } from './net.ts';
import { powerEvents } from './power.ts';
import { base64Length } from './spec.ts';
import { MAX_SNAPSHOT_OBJECT_BYTES, syncInvoke } from './sync.ts';
import { timerEvents, timerInvoke } from './timer.ts';

/** Request/response channels: renderer asks, main answers. */
export const invokeContract = {
  ...appInvoke,
  ...netInvoke,
  ...filesInvoke,
  ...deviceKeyInvoke,
  ...integrityInvoke,
  ...timerInvoke,
  ...localityInvoke,
  ...syncInvoke,
  ...bundleInvoke,
};

/**
 * The most bytes one UTF-16 unit of free text takes in a message, JSON-encoded as UTF-8: a control
 * character or a lone surrogate is escaped as `\u0001` (6 bytes); any other unit is at most 3.
 * Base64 is ASCII: 1 byte a character.
 */
export const TEXT_BYTES_PER_UNIT = 6;

/**
 * Per channel, the most bytes its largest string argument can take in a message. Channels not
 * listed take strings of a few hundred characters, far inside the envelope allowance.
 */
export const LARGEST_ARGUMENT_BYTES = {
  'files:saveText': MAX_EXPORT_CHARS * TEXT_BYTES_PER_UNIT,
  'sync:put': base64Length(MAX_SNAPSHOT_OBJECT_BYTES),
  'bundle:save': base64Length(MAX_BUNDLE_BYTES),
  'locality:importData': MAX_LOCALITY_DATA_CHARS * TEXT_BYTES_PER_UNIT,
} as const satisfies Partial<Record<keyof typeof invokeContract, number>>;

/** Room for the rest of a call: its other arguments (up to 5 000 client ids, names) and the message's own fields. */
export const IPC_ENVELOPE_BYTES = 32 * 1024 * 1024;

/**
 * The largest message a transport passes to main (the test host's WebSocket frames, the Electron
 * double's binding), derived from the channels' own limits: the largest argument any channel
 * accepts in its worst encoding (today a text export of 80 Mi characters, all escaped: 480 MiB)
 * plus the envelope, so a legitimate call always fits and anything larger is refused before it is
 * parsed. `locality:verifyAudit` is bounded by its line count and the ~0.3 kB entries main writes.
 */
export const MAX_IPC_MESSAGE_BYTES = Math.max(...Object.values(LARGEST_ARGUMENT_BYTES)) + IPC_ENVELOPE_BYTES;

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
