/**
 * Main's handler table. Each feature contributes its handlers through the
 * dependencies it needs; nothing here imports Electron, so the browser test
 * host runs exactly this table.
 */
import { z } from 'zod';
import type { AppInfo } from '../../src-preload/contract/types.ts';
import type { HandlerTable } from './handler-table.ts';
import type { NetWatcher } from '../net/net-watcher.ts';

export interface MainServices {
  appInfo: () => AppInfo;
  net: NetWatcher;
}

const noArgs = z.tuple([]);

export function createHandlers(services: MainServices): HandlerTable {
  return {
    'app:info': { args: noArgs, handle: () => services.appInfo() },
    'net:status': { args: noArgs, handle: () => services.net.current() },
  };
}
