import { BrowserWindow, dialog } from 'electron';
import type { SaveDialog } from './save-text.ts';

/** Electron's native save dialog, attached to the focused app window. */
export const electronSaveDialog: SaveDialog = {
  async chooseSavePath({ suggestedName, filters }) {
    const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    const options = { defaultPath: suggestedName, filters, properties: ['createDirectory', 'showOverwriteConfirmation'] as const };
    const result = parent
      ? await dialog.showSaveDialog(parent, { ...options, properties: [...options.properties] })
      : await dialog.showSaveDialog({ ...options, properties: [...options.properties] });
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};
