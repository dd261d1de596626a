/**
 * The preload: one `contextBridge.exposeInMainWorld('caravan', api)`, built
 * from the contract. `ipcRenderer` itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from './api/build-api.ts';
import type { Transport } from './api/transport.ts';

const transport: Transport = {
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe: (channel, listener) => {
    // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('caravan', buildApi(transport));
