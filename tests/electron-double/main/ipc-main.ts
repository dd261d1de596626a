/**
 * `ipcMain`: one handler per channel (a second `handle` throws, as in
 * Electron), called with an event that carries the real sender and frame.
 * What a handler returns goes back through the structured clone; a handler
 * that throws rejects the page's `invoke` with Electron's wording.
 */
import { EventEmitter } from 'node:events';
import { onControl } from '../runtime/control.ts';
import { strictModule } from './emitter.ts';

export type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

const handlers = new Map<string, InvokeHandler>();
/** Fault injection: a call on `from` is answered by `to` (no arguments), as if the first were lost on the way. */
const substitutes = new Map<string, string>();

class IpcMain extends EventEmitter {
  handle(channel: string, handler: InvokeHandler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    if (typeof handler !== 'function') throw new TypeError('Expected handler to be a function');
    handlers.set(channel, handler);
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      handlers.delete(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    handlers.delete(channel);
  }
}

export const ipcMain = strictModule('ipcMain', new IpcMain());

/** What the page's `ipcRenderer.invoke` gets: the value, or Electron's error text. */
export async function runInvoke(channel: string, event: unknown, args: unknown[]): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const substitute = substitutes.get(channel);
  if (substitute) return runInvoke(substitute, event, []);
  const handler = handlers.get(channel);
  if (!handler) return { ok: false, error: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'` };
  try {
    return { ok: true, value: await handler(event, ...args) };
  } catch (error) {
    return { ok: false, error: `Error invoking remote method '${channel}': ${String(error)}` };
  }
}

export function registeredChannels(): string[] {
  return [...handlers.keys()];
}

onControl('ipc.substitute', (params) => {
  const { from, to } = params as { from: string; to: string };
  substitutes.set(from, to);
});
onControl('ipc.channels', () => registeredChannels());
/**
 * A call as if from another frame: a subframe of the app window (`mainFrame: false`) or a main frame
 * showing `url`. The page cannot make such a call (the preload runs in the app's main frame only), so
 * this is how a test shows that main's own sender check runs.
 */
onControl('ipc.invokeFromFrame', async (params) => {
  const { channel, args, url, mainFrame } = params as { channel: string; args: unknown[]; url: string; mainFrame: boolean };
  const frame = { url, top: null, parent: null };
  const sender = { id: 0, mainFrame: mainFrame ? frame : { url: 'app://caravan/index.html' }, getURL: () => url, isDestroyed: () => false };
  return runInvoke(channel, { type: 'frame', sender, senderFrame: frame, frameId: 2, processId: 1 }, args);
});
