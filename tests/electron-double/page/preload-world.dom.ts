/**
 * Runs in the preload's isolated world (main frame only, as Electron runs a
 * preload when nodeIntegrationInSubFrames is off): builds the `require` a
 * sandboxed preload gets, with `contextBridge` and `ipcRenderer`, then runs
 * the built preload file. IPC leaves through a CDP binding that exists only
 * in this world, so page scripts cannot reach it.
 */
import { cloneForIpc, decodeStructured } from '../wire/structured.ts';
import { createWorldBridge } from './world-bridge.dom.ts';

interface PreloadWorldConfig {
  nonce: string;
  bindingName: string;
  platform: string;
  versions: Record<string, string>;
}

type PreloadFn = (
  require: (id: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
  process: unknown,
  Buffer: unknown,
  global: unknown,
  setImmediate: unknown,
  clearImmediate: unknown,
) => void;

type Listener = (event: unknown, ...args: unknown[]) => void;

type Delivery =
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'event'; channel: string; args: unknown };

function notProvided(name: string): never {
  throw new Error(`electron double: ${name} is not provided to Caravan's sandboxed preload (it does not use it)`);
}

(globalThis as Record<string, unknown>)['__electronDoubleBoot'] = (config: PreloadWorldConfig, preload: PreloadFn) => {
  if (window.top !== window) return;
  const binding = (globalThis as Record<string, unknown>)[config.bindingName] as (payload: string) => void;
  const send = (message: unknown) => binding(JSON.stringify(message));
  const bridge = createWorldBridge('isolated', config.nonce);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, Set<Listener>>();
  let nextId = 1;

  const ipcRenderer = {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      if (typeof channel !== 'string') throw new TypeError('The channel must be a string');
      // Structured clone first: what Electron cannot clone throws here, as there.
      const payload = cloneForIpc(args);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ kind: 'invoke', id, channel, args: payload });
      });
    },
    on(channel: string, listener: Listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return ipcRenderer;
    },
    once(channel: string, listener: Listener) {
      const wrapped: Listener = (event, ...args) => {
        ipcRenderer.removeListener(channel, wrapped);
        listener(event, ...args);
      };
      return ipcRenderer.on(channel, wrapped);
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
    off(channel: string, listener: Listener) {
      return ipcRenderer.removeListener(channel, listener);
    },
    removeAllListeners(channel?: string) {
      if (channel === undefined) listeners.clear();
      else listeners.delete(channel);
      return ipcRenderer;
    },
    send: () => notProvided('ipcRenderer.send'),
    sendSync: () => notProvided('ipcRenderer.sendSync'),
    postMessage: () => notProvided('ipcRenderer.postMessage'),
    sendToHost: () => notProvided('ipcRenderer.sendToHost'),
  };

  (globalThis as Record<string, unknown>)['__electronDoubleDeliver'] = (json: string) => {
    const message = JSON.parse(json) as Delivery;
    if (message.kind === 'reply') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiter?.resolve(decodeStructured(message.value));
      else waiter?.reject(new Error(message.error));
      return;
    }
    const args = decodeStructured(message.args) as unknown[];
    const event = { sender: ipcRenderer, senderId: 0, ports: [] };
    for (const listener of [...(listeners.get(message.channel) ?? [])]) listener(event, ...args);
  };

  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (typeof key !== 'string' || key === '') throw new TypeError('contextBridge.exposeInMainWorld needs a key');
      if (key in window) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      bridge.expose(key, api);
    },
    exposeInIsolatedWorld: () => notProvided('contextBridge.exposeInIsolatedWorld'),
    executeInMainWorld: () => notProvided('contextBridge.executeInMainWorld'),
  };
  const electron = new Proxy({ contextBridge, ipcRenderer } as Record<string, unknown>, {
    get: (target, key) => (typeof key === 'string' && !(key in target) ? notProvided(`electron.${key}`) : target[key as string]),
  });
  const require = (id: string): unknown => {
    if (id === 'electron' || id === 'electron/renderer') return electron;
    if (id === 'events' || id === 'timers' || id === 'url') return notProvided(`require('${id}')`);
    throw new Error(`module not found: ${id}`);
  };
  const process = Object.freeze({
    platform: config.platform,
    versions: Object.freeze({ ...config.versions }),
    env: Object.freeze({}),
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
    argv: Object.freeze([]),
  });
  const module = { exports: {} as unknown };
  try {
    preload(require, module, module.exports, process, undefined, globalThis, undefined, undefined);
  } catch (error) {
    // Electron logs a failing preload and the page loads without its API.
    console.error('Unable to load preload script:', error);
    send({ kind: 'preload-error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
