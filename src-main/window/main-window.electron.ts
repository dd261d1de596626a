/**
 * The app window: sandboxed, isolated, no Node, and its size and position
 * remembered across restarts.
 */
import { BrowserWindow, screen } from 'electron';
import { readJsonFile, writeJsonFileAtomic } from '../files/atomic-file.ts';
import { parseWindowState, placeWindow, MIN_SIZE, type WindowState } from './window-state.ts';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  stateFile: string;
  iconPath?: string;
  /** DevTools only while developing: `!app.isPackaged`. */
  devTools: boolean;
  /** Called with the window before its page loads: attach close handlers here. */
  beforeLoad?: (window: BrowserWindow) => void;
}

export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const saved = parseWindowState(await readJsonFile(options.stateFile));
  const placed = placeWindow(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    ...placed.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Caravan',
    backgroundColor: '#1b1d22',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      preload: options.preloadPath,
      devTools: options.devTools,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // Middle-click opens links in new windows; the window-open handler denies them anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (placed.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const persist = () => {
    if (window.isDestroyed()) return;
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    void writeJsonFileAtomic(options.stateFile, state).catch(() => undefined);
  };
  let timer: NodeJS.Timeout | undefined;
  const persistSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(persist, 500);
  };
  window.on('resize', persistSoon);
  window.on('move', persistSoon);
  window.on('close', () => {
    clearTimeout(timer);
    persist();
  });

  // Before the load: a close during it (ready-to-show comes at first paint, before `load`) must meet the caller's handlers.
  options.beforeLoad?.(window);
  await window.loadURL(options.url);
  return window;
}
