/** Messages between the page-side shim and the browser test host, one JSON object per WebSocket frame. */
import type { EventChannel, EventChannels, InvokeChannel } from '../../src-preload/contract/channels.ts';
import type { IpcResult } from '../../src-preload/contract/errors.ts';

export interface InvokeRequest {
  type: 'invoke';
  id: number;
  channel: InvokeChannel;
  args: unknown[];
}

export interface InvokeResponse {
  type: 'result';
  /** The request's id; null when the frame carried none that could be read. */
  id: number | null;
  result: IpcResult<unknown>;
}

/** A frame the host received: an invoke request, or why it is not one (with its id if it had one). */
export type ReadFrame = { ok: true; request: InvokeRequest } | { ok: false; id: number | null; message: string };

/**
 * Reads one frame from a page. Anything may arrive (a page can open its own socket), so every
 * field is checked before use; the channel and arguments are then `dispatch`'s to judge.
 */
export function readFrame(raw: string): ReadFrame {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, id: null, message: 'The message is not JSON.' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, id: null, message: 'The message is not an invoke request.' };
  const frame = value as Record<string, unknown>;
  const id = Number.isSafeInteger(frame['id']) ? (frame['id'] as number) : null;
  if (frame['type'] !== 'invoke' || id === null) return { ok: false, id, message: 'The message is not an invoke request with a numeric id.' };
  if (typeof frame['channel'] !== 'string') return { ok: false, id, message: 'The request names no channel.' };
  if (!Array.isArray(frame['args'])) return { ok: false, id, message: 'Arguments must be a list.' };
  return { ok: true, request: { type: 'invoke', id, channel: frame['channel'] as InvokeChannel, args: frame['args'] as unknown[] } };
}

export interface EventMessage<E extends EventChannel = EventChannel> {
  type: 'event';
  channel: E;
  payload: EventChannels[E];
}

export const HOST_SOCKET_PATH = '/__host/socket';
export const HOST_SHIM_PATH = '/__host/shim.js';
