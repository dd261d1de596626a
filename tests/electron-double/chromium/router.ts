/**
 * Every request any window makes passes here, in Electron's order: a new
 * window is first put to its opener's window-open handler; a navigation to
 * `will-navigate` / `will-frame-navigate` / `will-redirect`; then every
 * request to the session's `webRequest.onBeforeRequest`; what is allowed is
 * served by the scheme's `protocol.handle` handler, or goes to the network.
 */
import type { BrowserContext, Frame, Page, Request, Route, WebSocketRoute } from 'playwright-core';
import { protocolHandler } from '../main/protocol.ts';
import { theDefaultSession } from '../main/session.ts';
import { toElectronUrl } from './url-map.ts';

export interface RoutedContents {
  readonly id: number;
  /** A navigation the page started (not loadURL); false when a handler prevented it. */
  navigationAllowed(url: string, isMainFrame: boolean, isRedirect: boolean): boolean;
  /** A window the page tries to open; false when the handler denies it. */
  windowOpenAllowed(url: string): boolean;
}

const contentsByPage = new WeakMap<Page, RoutedContents>();
const judgedPopups = new WeakSet<Page>();
const refusedPopups: { url: string; opener: number | null }[] = [];

export function routePage(page: Page, contents: RoutedContents): void {
  contentsByPage.set(page, contents);
}

export function refusedWindows(): readonly { url: string; opener: number | null }[] {
  return refusedPopups;
}

function resourceType(request: Request, frame: Frame | null): string {
  switch (request.resourceType()) {
    case 'document':
      return frame && frame.parentFrame() ? 'subFrame' : 'mainFrame';
    case 'fetch':
    case 'xhr':
      return 'xhr';
    case 'stylesheet':
    case 'script':
    case 'image':
    case 'font':
    case 'media':
    case 'ping':
      return request.resourceType();
    case 'websocket':
      return 'webSocket';
    case 'cspreport':
      return 'cspReport';
    default:
      return 'other';
  }
}

async function fulfilFromProtocol(route: Route, request: Request, electronUrl: string): Promise<boolean> {
  const scheme = new URL(electronUrl).protocol.slice(0, -1);
  const handler = protocolHandler(scheme);
  if (!handler) return false;
  const method = request.method();
  const posted = method === 'GET' || method === 'HEAD' ? null : request.postDataBuffer();
  const body = posted ? new Uint8Array(posted) : undefined;
  const response = await handler(new Request(electronUrl, { method, headers: request.headers(), ...(body ? { body } : {}) }));
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: Buffer.from(await response.arrayBuffer()),
  });
  return true;
}

/** The owning window's contents, or, for a page the app did not create (a popup), the opener's verdict. */
async function contentsOrPopupVerdict(page: Page | null, electronUrl: string): Promise<{ contents: RoutedContents | undefined; refused: boolean }> {
  if (!page) return { contents: undefined, refused: false };
  const contents = contentsByPage.get(page);
  if (contents) return { contents, refused: false };
  if (judgedPopups.has(page)) return { contents: undefined, refused: true };
  judgedPopups.add(page);
  const opener = await page.opener();
  const openerContents = opener ? contentsByPage.get(opener) : undefined;
  if (openerContents?.windowOpenAllowed(electronUrl)) {
    throw new Error('electron double: a window-open handler allowed a new window; the double does not build windows for that');
  }
  refusedPopups.push({ url: electronUrl, opener: openerContents?.id ?? null });
  void page.close().catch(() => undefined);
  return { contents: undefined, refused: true };
}

async function onRequest(route: Route, request: Request): Promise<void> {
  const url = request.url();
  const electronUrl = toElectronUrl(url);
  let frame: Frame | null = null;
  try {
    frame = request.frame();
  } catch {
    // A service worker's request has no frame.
  }
  const { contents, refused } = await contentsOrPopupVerdict(frame?.page() ?? null, electronUrl);
  if (refused) return route.abort('blockedbyclient');
  if (contents && frame && request.isNavigationRequest()) {
    const isMain = !frame.parentFrame();
    if (!contents.navigationAllowed(electronUrl, isMain, request.redirectedFrom() !== null)) return route.abort('aborted');
  }
  const { cancel } = await theDefaultSession().decide({
    url: electronUrl,
    method: request.method(),
    resourceType: resourceType(request, frame),
    referrer: request.headers()['referer'] ?? '',
    ...(contents ? { webContentsId: contents.id } : {}),
  });
  if (cancel) return route.abort('blockedbyclient');
  if (electronUrl !== url) {
    // A stand-in origin with no handler is a scheme Chromium does not know.
    if (!(await fulfilFromProtocol(route, request, electronUrl))) await route.abort('failed');
    return;
  }
  await route.continue();
}

async function onWebSocket(ws: WebSocketRoute): Promise<void> {
  const { cancel } = await theDefaultSession().decide({ url: ws.url(), method: 'GET', resourceType: 'webSocket', referrer: '' });
  if (cancel) await ws.close({ code: 1008, reason: 'blocked by the session' });
  else ws.connectToServer();
}

export async function installRouter(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route, request) =>
    onRequest(route, request).catch(async (error: unknown) => {
      console.error('[electron-double] request routing failed', error);
      await route.abort('failed').catch(() => undefined);
    }),
  );
  await context.routeWebSocket(/.*/, (ws) => onWebSocket(ws));
  // A window opened without a request (about:blank) is judged when it appears; the app's own windows have no opener.
  context.on('page', (page) => {
    void (async () => {
      if (contentsByPage.has(page) || !(await page.opener())) return;
      await contentsOrPopupVerdict(page, toElectronUrl(page.url()));
    })();
  });
}
