import type { StateCreator } from 'zustand';
import type { AppInfo, NetStatus } from '../../src-preload/contract/index.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface PlatformSlice {
  appInfo: AppInfo | null;
  net: NetStatus | null;
  platformError: string | null;
  /** Loads app info and subscribes to main's network events; returns the unsubscribe. */
  connectPlatform: () => () => void;
}

export const createPlatformSlice: StateCreator<PlatformSlice, [], [], PlatformSlice> = (set) => ({
  appInfo: null,
  net: null,
  platformError: null,
  connectPlatform: () => {
    const api = caravan();
    const unsubscribe = api.net.onStatus((net) => set({ net }));
    Promise.all([unwrap(api.app.info()), unwrap(api.net.status())])
      .then(([appInfo, net]) => set({ appInfo, net, platformError: null }))
      .catch((error: unknown) => set({ platformError: errorMessage(error) }));
    return unsubscribe;
  },
});
