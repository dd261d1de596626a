import type { EventChannel, EventChannels, InvokeChannel, InvokeChannels } from '../contract/channels.ts';
import type { IpcResult } from '../contract/errors.ts';
import type { Unsubscribe } from '../contract/api.ts';

/**
 * How the page reaches main. In Electron this is `ipcRenderer`; in the browser
 * test host it is a WebSocket. The API built on top is the same code in both.
 */
export interface Transport {
  invoke<C extends InvokeChannel>(channel: C, args: InvokeChannels[C]['args']): Promise<IpcResult<InvokeChannels[C]['result']>>;
  subscribe<E extends EventChannel>(channel: E, listener: (payload: EventChannels[E]) => void): Unsubscribe;
}
