/**
 * A window's `webContents` over a real Chromium page: the preload runs in an
 * isolated world of the main frame; `ipcRenderer.invoke` arrives through a
 * CDP binding that only that world has, and reaches `ipcMain.handle` with
 * Electron's event (sender, senderFrame whose URL is the frame's live URL);
 * `send` delivers events back in order. Navigation and window-open go to the
 * app's handlers through the router.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EventEmitter } from 'node:events';
import type { CDPSession, Page } from 'playwright-core';
import { browserContext } from '../chromium/browser.ts';
import { mainWorldScript, preloadWorldScript } from '../chromium/page-scripts.ts';
import { routePage, type RoutedContents } from '../chromium/router.ts';
import { toChromiumUrl, toElectronUrl } from '../chromium/url-map.ts';
import { cloneForIpc, decodeStructured } from '../wire/structured.ts';
import { MAX_IPC_MESSAGE_BYTES } from '../../../src-preload/contract/channels.ts';
import { newEvent } from './emitter.ts';
import { runInvoke } from './ipc-main.ts';
import { theDefaultSession, type SessionDouble } from './session.ts';

const PRELOAD_WORLD = 'electron-double-preload';
const BINDING = '__electronDoubleIpc';

export interface ContentsOptions {
  preload?: string;
  devTools: boolean;
  log: (message: string) => void;
}

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string; referrer: { url: string; policy: string } }) => {
  action: 'allow' | 'deny';
};

/** `webContents.mainFrame`: its URL is read live, as Electron's WebFrameMain reports the frame's current URL. */
export class WebFrameMainDouble {
  private readonly contents: WebContentsDouble;

  constructor(contents: WebContentsDouble) {
    this.contents = contents;
  }

  get url(): string {
    return this.contents.getURL();
  }

  get top(): WebFrameMainDouble {
    return this;
  }

  get parent(): null {
    return null;
  }
}

let nextId = 1;

export class WebContentsDouble extends EventEmitter implements RoutedContents {
  readonly id = nextId++;
  readonly session: SessionDouble = theDefaultSession();
  readonly mainFrame = new WebFrameMainDouble(this);
  readonly devToolsEnabled: boolean;
  readonly navigations: { url: string; kind: 'navigate' | 'redirect'; allowed: boolean }[] = [];
  readonly windowOpens: { url: string; action: string }[] = [];
  readonly prints: unknown[] = [];
  devToolsOpenRequests = 0;
  private page: Page | null = null;
  private cdp: CDPSession | null = null;
  private windowOpenHandler: WindowOpenHandler | null = null;
  /** Navigations the page itself asked for (CDP reports them before their request): only these reach will-navigate. */
  private rendererNavigations: { url: string; at: number }[] = [];
  private destroyed = false;
  private preloadContext: number | null = null;
  private mainFrameId = '';
  private readonly options: ContentsOptions;
  readonly attached: Promise<void>;

  constructor(options: ContentsOptions) {
    super();
    this.options = options;
    this.devToolsEnabled = options.devTools;
    this.attached = this.attach();
    // A failure here surfaces on loadURL; keep it from being an unhandled rejection meanwhile.
    this.attached.catch(() => undefined);
  }

  private async attach(): Promise<void> {
    const context = browserContext();
    const blank = context.pages().find((p) => p.url() === 'about:blank' && !pagesInUse.has(p));
    const page = blank ?? (await context.newPage());
    pagesInUse.add(page);
    this.page = page;
    routePage(page, this);
    // Electron's dom-ready: DOMContentLoaded of the main frame, before `load`.
    page.on('domcontentloaded', () => this.emit('dom-ready'));
    const cdp = await context.newCDPSession(page);
    this.cdp = cdp;
    cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
      const aux = created.auxData as { frameId?: string } | undefined;
      if (created.name === PRELOAD_WORLD && aux?.frameId === this.mainFrameId) this.preloadContext = created.id;
    });
    cdp.on('Runtime.executionContextsCleared', () => (this.preloadContext = null));
    cdp.on('Runtime.bindingCalled', (event) => void this.onBinding(event.name, event.payload, event.executionContextId));
    cdp.on('Page.frameRequestedNavigation', (event) => {
      const url = toElectronUrl(event.url);
      if (!UNROUTED_SCHEMES.test(url)) {
        this.rendererNavigations.push({ url: withoutHash(url), at: Date.now() });
        return;
      }
      // blob:, data:, about: and filesystem: navigations make no request the router (or CDP's Fetch)
      // could hold: they are put to main's handlers now, and its verdict is recorded. A refusal cannot
      // be enforced here (Electron's navigation throttle would cancel it); the log says so.
      if (!this.judgePageNavigation(url, event.frameId === this.mainFrameId)) {
        this.options.log(`main refused a navigation to ${url.slice(0, 80)}; the double cannot stop it (no request to hold)`);
      }
    });
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    const tree = await cdp.send('Page.getFrameTree');
    this.mainFrameId = tree.frameTree.frame.id;
    await cdp.send('Runtime.addBinding', { name: BINDING, executionContextName: PRELOAD_WORLD });
    const nonce = randomBytes(12).toString('hex');
    await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: await mainWorldScript(nonce) });
    if (this.options.preload) {
      const preloadSource = await readFile(this.options.preload, 'utf8').catch(() => null);
      if (preloadSource === null) this.options.log(`Unable to load preload script: ${this.options.preload}`);
      else {
        const source = await preloadWorldScript({ nonce, bindingName: BINDING, preloadSource });
        await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source, worldName: PRELOAD_WORLD });
      }
    }
  }

  /** The Playwright page behind this window (for the launcher's controls). */
  playwrightPage(): Page | null {
    return this.page;
  }

  private async onBinding(name: string, payload: string, fromContext: number): Promise<void> {
    if (name !== BINDING || this.destroyed) return;
    // Larger than any channel accepts: refused unread (measured: 160 MiB takes ~34 s to arrive
    // over CDP and is then refused by the schema; main never crashed, but need not parse it).
    if (payload.length > MAX_IPC_MESSAGE_BYTES) {
      this.options.log(`refused an IPC message of ${payload.length} characters`);
      const id = /"id":(\d+)/u.exec(payload.slice(0, 200))?.[1];
      if (id)
        await this.deliver(
          { kind: 'reply', id: Number(id), ok: false, error: 'Error invoking remote method: the message is larger than any call Caravan takes' },
          fromContext,
        );
      return;
    }
    let message: { kind: string; id?: number; channel?: string; args?: unknown; message?: string };
    try {
      message = JSON.parse(payload) as { kind: string; id?: number; channel?: string; args?: unknown; message?: string };
    } catch {
      return this.options.log('refused an IPC message that is not JSON');
    }
    if (message.kind === 'preload-error') {
      this.options.log(`preload failed: ${message.message}`);
      this.emit('preload-error', newEvent(), this.options.preload, new Error(message.message));
      return;
    }
    if (message.kind !== 'invoke' || typeof message.channel !== 'string') return;
    const args = decodeStructured(message.args) as unknown[];
    const event = { type: 'frame', sender: this, senderFrame: this.mainFrame, frameId: 1, processId: 1 };
    const result = await runInvoke(message.channel, event, args);
    let reply: unknown;
    try {
      reply = result.ok ? { kind: 'reply', id: message.id, ok: true, value: cloneForIpc(result.value) } : { kind: 'reply', id: message.id, ...result };
    } catch (error) {
      reply = { kind: 'reply', id: message.id, ok: false, error: `Error invoking remote method '${message.channel}': ${String(error)}` };
    }
    await this.deliver(reply, fromContext);
  }

  /**
   * Into the current document's preload world. A reply goes only to the document that asked:
   * after a reload the old document's calls are gone, as Electron drops replies to a page that left.
   */
  private async deliver(message: unknown, toContext?: number): Promise<void> {
    if (!this.cdp || this.preloadContext === null || this.destroyed) return;
    if (toContext !== undefined && toContext !== this.preloadContext) return;
    const expression = `globalThis.__electronDoubleDeliver(${JSON.stringify(JSON.stringify(message))})`;
    await this.cdp.send('Runtime.evaluate', { contextId: this.preloadContext, expression }).catch(() => undefined);
  }

  async loadURL(url: string): Promise<void> {
    await this.attached;
    if (!this.page) throw new Error('Object has been destroyed');
    try {
      await this.page.goto(toChromiumUrl(url), { waitUntil: 'load' });
    } catch (error) {
      throw new Error(`ERR_FAILED (-2) loading '${url}': ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { cause: error });
    }
    this.emit('did-finish-load');
  }

  getURL(): string {
    return this.page ? toElectronUrl(this.page.url()) : '';
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    void this.deliver({ kind: 'event', channel, args: cloneForIpc(args) });
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /**
   * Electron's navigation throttle: will-redirect for every redirect; will-navigate (main frame) and
   * will-frame-navigate only for navigations the page started, never for loadURL or a reload the
   * user asks for.
   */
  navigationAllowed(url: string, isMainFrame: boolean, isRedirect: boolean): boolean {
    if (isRedirect) {
      const event = newEvent({ url, isMainFrame });
      this.emit('will-redirect', event, url, false, isMainFrame);
      this.navigations.push({ url, kind: 'redirect', allowed: !event.defaultPrevented });
      return !event.defaultPrevented;
    }
    const recent = Date.now() - 10_000;
    this.rendererNavigations = this.rendererNavigations.filter((n) => n.at > recent);
    const index = this.rendererNavigations.findIndex((n) => n.url === withoutHash(url));
    if (index < 0) return true;
    this.rendererNavigations.splice(index, 1);
    return this.judgePageNavigation(url, isMainFrame);
  }

  /** will-navigate (main frame), then will-frame-navigate, for a navigation the page started. */
  private judgePageNavigation(url: string, isMainFrame: boolean): boolean {
    let prevented = false;
    if (isMainFrame) {
      const event = newEvent({ url, isMainFrame, isSameDocument: false });
      this.emit('will-navigate', event, url, false, isMainFrame);
      prevented = event.defaultPrevented;
    }
    if (!prevented) {
      const frameEvent = newEvent({ url, isMainFrame, isSameDocument: false });
      this.emit('will-frame-navigate', frameEvent);
      prevented = frameEvent.defaultPrevented;
    }
    this.navigations.push({ url, kind: 'navigate', allowed: !prevented });
    return !prevented;
  }

  windowOpenAllowed(url: string): boolean {
    const decision = this.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } }) ?? {
      action: 'allow' as const,
    };
    this.windowOpens.push({ url, action: decision.action });
    return decision.action === 'allow';
  }

  print(options: unknown, callback?: (success: boolean, failureReason: string) => void): void {
    this.prints.push(options);
    setImmediate(() => callback?.(printAnswer, printAnswer ? '' : 'cancelled'));
  }

  openDevTools(): void {
    this.devToolsOpenRequests++;
  }

  isDevToolsOpened(): boolean {
    return false;
  }

  focus(): void {
    void this.page?.bringToFront();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
    await this.page?.close().catch(() => undefined);
  }
}

const pagesInUse = new WeakSet<Page>();
/** Navigations Chromium serves without a network request (so without the router). */
const UNROUTED_SCHEMES = /^(blob|data|about|filesystem):/i;

function withoutHash(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
let printAnswer = true;

/** The next print dialogs: printed (true) or cancelled (false). */
export function setPrintAnswer(answer: boolean): void {
  printAnswer = answer;
}
