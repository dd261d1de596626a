/**
 * `BrowserWindow`: after ready only; sandboxed, isolated windows only (the
 * double refuses the weakened settings Caravan must never use); visibility,
 * focus, bounds and the cancellable `close` as Electron orders them. Headless
 * Chromium has no real window to hide, so visibility is the double's state,
 * read by the `windows` control.
 */
import { EventEmitter } from 'node:events';
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { app } from './app.ts';
import { newEvent } from './emitter.ts';
import { WebContentsDouble } from './web-contents.ts';
import { addWindow, allWindows, focusedWindow, removeWindow, setFocused } from './window-registry.ts';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface WebPreferences {
  preload?: string;
  sandbox?: boolean;
  contextIsolation?: boolean;
  nodeIntegration?: boolean;
  webSecurity?: boolean;
  devTools?: boolean;
  [key: string]: unknown;
}

interface WindowOptions extends Partial<Bounds> {
  show?: boolean;
  webPreferences?: WebPreferences;
  [key: string]: unknown;
}

let nextId = 1;
const log = (message: string) => console.error(`[electron-double] ${message}`);

export class BrowserWindow extends EventEmitter {
  readonly id = nextId++;
  readonly webContents: WebContentsDouble;
  readonly webPreferences: WebPreferences;
  private visible: boolean;
  private destroyed = false;
  private minimized = false;
  private maximized = false;
  private bounds: Bounds;
  private shownOnce = false;

  static getAllWindows(): BrowserWindow[] {
    return allWindows() as BrowserWindow[];
  }

  static getFocusedWindow(): BrowserWindow | null {
    return focusedWindow() as BrowserWindow | null;
  }

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((window) => window.webContents === contents) ?? null;
  }

  constructor(options: WindowOptions = {}) {
    super();
    enforce('BrowserWindow.new');
    const prefs = options.webPreferences ?? {};
    if (prefs.sandbox === false || prefs.contextIsolation === false || prefs.nodeIntegration === true || prefs.webSecurity === false) {
      throw new Error('electron double: only sandboxed, isolated windows without Node are supported (and Caravan must never weaken them)');
    }
    if (prefs.preload !== undefined && !prefs.preload.startsWith('/')) throw new Error('electron double: webPreferences.preload must be an absolute path');
    this.webPreferences = { ...prefs };
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.visible = options.show !== false;
    this.webContents = new WebContentsDouble({ ...(prefs.preload ? { preload: prefs.preload } : {}), devTools: prefs.devTools !== false, log });
    // ready-to-show comes with the first paint, before the page's `load` (so before loadURL resolves).
    this.webContents.on('dom-ready', () => {
      if (!this.shownOnce && !this.visible) this.emit('ready-to-show', newEvent());
      this.shownOnce = true;
    });
    addWindow(this);
    if (this.visible) setFocused(this);
    // Electron announces both before the constructor returns; security hooks attach here.
    app.emit('web-contents-created', newEvent(), this.webContents);
    app.emit('browser-window-created', newEvent(), this);
    void this.webContents.attached.then(() => this.applySize()).catch(() => undefined);
  }

  private async applySize(): Promise<void> {
    const page = this.webContents.playwrightPage();
    if (!page) return;
    const cdp = await page.context().newCDPSession(page);
    try {
      const { windowId } = await cdp.send('Browser.getWindowForTarget');
      await cdp.send('Browser.setWindowBounds', { windowId, bounds: { width: this.bounds.width, height: this.bounds.height } });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  loadURL(url: string): Promise<void> {
    this.assertAlive();
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.assertAlive();
    this.visible = true;
    this.minimized = false;
    setFocused(this);
    this.emit('show');
  }

  hide(): void {
    this.assertAlive();
    this.visible = false;
    if (focusedWindow() === this) setFocused(null);
    this.emit('hide');
  }

  focus(): void {
    this.assertAlive();
    if (!this.visible) return;
    setFocused(this);
    this.webContents.focus();
    this.emit('focus');
  }

  isFocused(): boolean {
    return focusedWindow() === this;
  }

  isVisible(): boolean {
    return !this.destroyed && this.visible && !this.minimized;
  }

  minimize(): void {
    this.minimized = true;
    if (focusedWindow() === this) setFocused(null);
    this.emit('minimize');
  }

  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }

  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }

  isMaximized(): boolean {
    return this.maximized;
  }

  getBounds(): Bounds {
    return { ...this.bounds };
  }

  getNormalBounds(): Bounds {
    return { ...this.bounds };
  }

  setBounds(bounds: Partial<Bounds>): void {
    this.bounds = { ...this.bounds, ...bounds };
    void this.applySize().catch(() => undefined);
    this.emit('resize');
  }

  getTitle(): string {
    return 'Caravan';
  }

  setMenuBarVisibility(_visible: boolean): void {}

  /** The close button or `close()`: a listener may prevent it (hide to tray instead). */
  close(): void {
    if (this.destroyed) return;
    const event = newEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    void this.webContents.destroy();
    this.emit('closed');
    removeWindow(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
  }
}

async function windowState(window: BrowserWindow) {
  const page = window.webContents.playwrightPage();
  let targetId: string | null = null;
  if (page) {
    const cdp = await page.context().newCDPSession(page);
    targetId = ((await cdp.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } }).targetInfo.targetId;
    await cdp.detach().catch(() => undefined);
  }
  return {
    id: window.id,
    targetId,
    url: window.webContents.getURL(),
    visible: window.isVisible(),
    focused: window.isFocused(),
    minimized: window.isMinimized(),
    devTools: window.webContents.devToolsEnabled,
    devToolsOpenRequests: window.webContents.devToolsOpenRequests,
    navigations: window.webContents.navigations,
    windowOpens: window.webContents.windowOpens,
    prints: window.webContents.prints.length,
  };
}

onControl('windows', async () => Promise.all(BrowserWindow.getAllWindows().map(windowState)));
onControl('window.close', (params) => {
  const { id } = params as { id: number };
  BrowserWindow.getAllWindows()
    .find((window) => window.id === id)
    ?.close();
});
/**
 * Puts a URL to a window's window-open handler, as a window.open would: the page's CSP sandbox
 * (no allow-popups) stops every window.open before the handler in Electron and in the double, so
 * this is how a test shows what the handler itself decides.
 */
onControl('window.askOpen', (params) => {
  const { id, url } = params as { id: number; url: string };
  const window = BrowserWindow.getAllWindows().find((candidate) => candidate.id === id);
  if (!window) throw new Error(`no window ${id}`);
  return { allowed: window.webContents.windowOpenAllowed(url) };
});
onControl('window.minimize', (params) => {
  const { id } = params as { id: number };
  BrowserWindow.getAllWindows()
    .find((window) => window.id === id)
    ?.minimize();
});
