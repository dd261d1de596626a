import { BrowserWindow, dialog } from 'electron';
import type { ConfirmDialog } from './confirm.ts';

/**
 * Electron's native message box, attached to the app window. Cancel is the default and the
 * Escape answer, so a stray Enter or a closed box never says yes.
 */
export const electronConfirmDialog: ConfirmDialog = {
  async confirm({ title, message, detail, confirmLabel }) {
    const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options = { type: 'warning' as const, title, message, detail, buttons: ['Cancel', confirmLabel], defaultId: 0, cancelId: 0, noLink: true };
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 1;
  },
};
