/**
 * contextBridge between the preload's isolated world and the page's main
 * world. The two worlds share the DOM and nothing else; a CustomEvent's
 * detail crosses them as a structured clone, so messages go as events on the
 * document. Functions and promises cannot be cloned: they stay in the world
 * that owns them and cross as ids, called back through the same events, as
 * Electron's contextBridge proxies them. Calls are synchronous (dispatchEvent
 * runs the other world's listener before it returns), so a bridged function
 * that returns a value returns it at once, as under Electron.
 */

const FN = '__electronDouble$fn';
const PROMISE = '__electronDouble$promise';
const ERROR = '__electronDouble$error';

type Side = 'main' | 'isolated';
type Message =
  | { op: 'expose'; key: string; value: unknown }
  | { op: 'call'; callId: number; fn: number; args: unknown }
  | { op: 'return'; callId: number; ok: boolean; value: unknown }
  | { op: 'settle'; promise: number; ok: boolean; value: unknown };

export interface WorldBridge {
  /** Isolated world: puts `api` on the main world's window under `key`. */
  expose(key: string, api: unknown): void;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function createWorldBridge(side: Side, nonce: string, onExpose?: (key: string, value: unknown) => void): WorldBridge {
  const inbound = `electron-double-${nonce}-to-${side}`;
  const outbound = `electron-double-${nonce}-to-${side === 'main' ? 'isolated' : 'main'}`;
  const functions = new Map<number, (...args: unknown[]) => unknown>();
  const awaiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const returns = new Map<number, { ok: boolean; value: unknown }>();
  let nextId = 1;

  const post = (message: Message) => document.dispatchEvent(new CustomEvent(outbound, { detail: message }));

  const encodeError = (error: unknown) => ({
    [ERROR]: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) },
  });

  const encode = (value: unknown): unknown => {
    if (typeof value === 'function') {
      const id = nextId++;
      functions.set(id, value as (...args: unknown[]) => unknown);
      return { [FN]: id };
    }
    if (value instanceof Promise) {
      const id = nextId++;
      value.then(
        (resolved) => post({ op: 'settle', promise: id, ok: true, value: encode(resolved) }),
        (error) => post({ op: 'settle', promise: id, ok: false, value: encodeError(error) }),
      );
      return { [PROMISE]: id };
    }
    if (value instanceof Error) return encodeError(value);
    if (Array.isArray(value)) return value.map(encode);
    if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    return value;
  };

  const callRemote = (fn: number, args: unknown[]): unknown => {
    const callId = nextId++;
    post({ op: 'call', callId, fn, args: encode(args) });
    const answer = returns.get(callId);
    returns.delete(callId);
    if (!answer) throw new Error('contextBridge: the other world did not answer');
    if (!answer.ok) throw decode(answer.value);
    return decode(answer.value);
  };

  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (!isPlainObject(value)) return value;
    if (FN in value) {
      const id = value[FN] as number;
      return (...args: unknown[]) => callRemote(id, args);
    }
    if (PROMISE in value) {
      const id = value[PROMISE] as number;
      return new Promise((resolve, reject) => awaiting.set(id, { resolve, reject }));
    }
    if (ERROR in value) {
      const { name, message } = value[ERROR] as { name: string; message: string };
      const error = new Error(message);
      error.name = name;
      return error;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  };

  document.addEventListener(inbound, (event) => {
    const message = (event as CustomEvent<Message>).detail;
    switch (message.op) {
      case 'expose':
        onExpose?.(message.key, decode(message.value));
        return;
      case 'call': {
        const fn = functions.get(message.fn);
        try {
          if (!fn) throw new Error('contextBridge: that function is gone');
          const result = fn(...(decode(message.args) as unknown[]));
          post({ op: 'return', callId: message.callId, ok: true, value: encode(result) });
        } catch (error) {
          post({ op: 'return', callId: message.callId, ok: false, value: encodeError(error) });
        }
        return;
      }
      case 'return':
        returns.set(message.callId, { ok: message.ok, value: message.value });
        return;
      case 'settle': {
        const waiter = awaiting.get(message.promise);
        awaiting.delete(message.promise);
        if (message.ok) waiter?.resolve(decode(message.value));
        else waiter?.reject(decode(message.value));
        return;
      }
    }
  });

  return {
    expose(key, api) {
      if (side !== 'isolated') throw new Error('contextBridge.exposeInMainWorld runs in the preload');
      post({ op: 'expose', key, value: encode(api) });
    },
  };
}
