/**
 * What `import ... from 'electron'` gives the built main process when it runs
 * under the double: the members Caravan uses, each with its documented rules.
 * A member that is not here fails loudly when reached (see `strictModule`).
 */
import { app, beforeReady, startLifecycle } from './main/app.ts';
import { BrowserWindow } from './main/browser-window.ts';
import { dialog } from './main/dialog.ts';
import { globalShortcut } from './main/global-shortcut.ts';
import { ipcMain } from './main/ipc-main.ts';
import { net, powerMonitor, screen } from './main/power-net-screen.ts';
import { protocol } from './main/protocol.ts';
import { safeStorage, setKeyringFolder } from './main/safe-storage.ts';
import { session, theDefaultSession } from './main/session.ts';
import { Notification, shell } from './main/shell-notification.ts';
import { Menu, MenuItem, nativeImage, Tray } from './main/tray-menu.ts';
import { whenLastWindowCloses } from './main/window-registry.ts';
import { installRouter } from './chromium/router.ts';
import { browserContext } from './chromium/browser.ts';

whenLastWindowCloses(() => app.lastWindowClosed());
beforeReady(async () => {
  setKeyringFolder(app.getPath('userData'));
  // Every request of every window is routed from the first one on.
  await installRouter(browserContext());
  // Electron creates the default session as it becomes ready, and says so with session-created.
  app.emit('session-created', theDefaultSession());
});

startLifecycle();

export {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};

export default {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  MenuItem,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
};
