import { BrowserWindow, dialog } from 'electron';
import type { OpenDialog } from './open-file.ts';

/** Electron's native open dialog, attached to the focused app window. */
export const electronOpenDialog: OpenDialog = {
  async chooseOpenPath({ title, filters, folder }) {
    const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options = folder
      ? { title, properties: ['openDirectory' as const, 'createDirectory' as const] }
      : { title, filters, properties: ['openFile' as const] };
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};
