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
  id: number;
  result: IpcResult<unknown>;
}

export interface EventMessage<E extends EventChannel = EventChannel> {
  type: 'event';
  channel: E;
  payload: EventChannels[E];
}

export const HOST_SOCKET_PATH = '/__host/socket';
export const HOST_SHIM_PATH = '/__host/shim.js';
