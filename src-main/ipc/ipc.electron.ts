/**
 * Binds the handler table to Electron IPC. Every call is checked for its
 * sender first: only the main frame of an app window showing the app's own
 * URL may call main. Then `dispatch` validates the arguments.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { EventChannel, EventChannels } from '../../src-preload/contract/channels.ts';
import { fail } from '../../src-preload/contract/errors.ts';
import { isTrustedRendererUrl } from '../security/trusted-url.ts';
import { dispatch, type Logger } from './dispatch.ts';
import type { HandlerTable } from './handler-table.ts';

function trustedSender(event: IpcMainInvokeEvent, devOrigin?: string): string | null {
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return null;
  return isTrustedRendererUrl(frame.url, devOrigin) ? frame.url : null;
}

export function registerIpc(table: HandlerTable, log: Logger, devOrigin?: string): void {
  for (const channel of Object.keys(table)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const senderUrl = trustedSender(event, devOrigin);
      if (!senderUrl) {
        log(`refused ${channel} from an untrusted frame`);
        return fail('forbidden-sender', 'This window is not allowed to talk to Caravan.');
      }
      return dispatch(table, channel, args, { senderUrl }, log);
    });
  }
}

/** Pushes an event to every app window. */
export function broadcast<E extends EventChannel>(channel: E, payload: EventChannels[E]): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  }
}
