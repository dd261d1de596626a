/**
 * Page-side stand-in for the preload: the very same `buildApi` as in
 * Electron, over a WebSocket to the test host instead of `ipcRenderer`.
 * Loaded as a classic script before the app so `window.caravan` exists
 * synchronously, as it does under the real preload.
 */
import { buildApi } from '../../src-preload/api/build-api.ts';
import type { Transport } from '../../src-preload/api/transport.ts';
import { fail, type IpcResult } from '../../src-preload/contract/errors.ts';
import { HOST_SOCKET_PATH, type EventMessage, type InvokeRequest, type InvokeResponse } from './wire.ts';

const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}${HOST_SOCKET_PATH}`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('test host socket failed')), { once: true });
});
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (event: MessageEvent<string>) => {
  const message = JSON.parse(event.data) as InvokeResponse | EventMessage;
  if (message.type === 'result') {
    if (message.id === null) return;
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  } else {
    for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve(fail('internal', 'The connection to Caravan was lost. Reload the window.'));
  pending.clear();
});

const transport: Transport = {
  async invoke(channel, args) {
    await opened;
    const id = nextId++;
    const request: InvokeRequest = { type: 'invoke', id, channel, args: [...args] };
    return new Promise((resolve) => {
      pending.set(id, resolve as (result: IpcResult<unknown>) => void);
      socket.send(JSON.stringify(request));
    });
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(channel, set);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, 'caravan', { value: buildApi(transport), writable: false, configurable: false, enumerable: true });
