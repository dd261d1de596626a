/**
 * The one place Electron's security switches are thrown. Everything is denied
 * by default: navigation, redirects, webviews, new windows, permissions, and
 * renderer requests to anywhere but the app. Decisions come from the pure
 * `navigation-policy.ts`, which the browser test host applies too.
 *
 * Two halves, because Electron fixes the order: `app.enableSandbox()` works
 * only before `ready`, and `session.defaultSession` exists only after it.
 */
import { app, session, shell, type Session, type WebContents } from 'electron';
import { allowNavigation, allowPermission, allowRendererRequest, decideWindowOpen } from './navigation-policy.ts';

export interface SecurityOptions {
  /** Dev server origin in development (electron-vite dev); undefined in production. */
  devOrigin?: string;
  /** Hosts the locality guard has approved for renderer requests (none today). */
  approvedHosts?: () => ReadonlySet<string>;
  log: (message: string) => void;
}

// A session is hardened once, whether `session-created` reported it or the default session was hardened by hand.
const hardened = new WeakSet<Session>();

function hardenSession(target: Session, options: SecurityOptions): void {
  if (hardened.has(target)) return;
  hardened.add(target);
  target.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
  target.setPermissionCheckHandler((_contents, permission) => allowPermission(permission));
  target.setDevicePermissionHandler(() => false);
  target.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Only the last onBeforeRequest listener counts, so this is the only one in the app.
  target.webRequest.onBeforeRequest((details, callback) => {
    const allowed = allowRendererRequest(details.url, options.devOrigin, options.approvedHosts?.() ?? new Set());
    if (!allowed) options.log(`blocked renderer request to ${new URL(details.url).origin}`);
    callback({ cancel: !allowed });
  });
  target.on('will-download', (event) => event.preventDefault());
}

function hardenContents(contents: WebContents, options: SecurityOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) void shell.openExternal(url);
    else options.log('window.open refused');
    return { action: decision.action };
  });
}

/** Before `ready` (Electron throws on enableSandbox after it): every renderer sandboxed, every later session and web contents hardened as it is created. */
export function installSecurityBeforeReady(options: SecurityOptions): void {
  app.enableSandbox();
  app.on('session-created', (created) => hardenSession(created, options));
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, options));
}

/** After `ready`, before the first window: the default session, which may exist before any listener saw it created. */
export function hardenDefaultSession(options: SecurityOptions): void {
  hardenSession(session.defaultSession, options);
}
