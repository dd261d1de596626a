/**
 * Deny-by-default decisions for everything a page may try: navigating,
 * redirecting, opening windows, asking for permissions, requesting URLs.
 * Pure functions, used by `security.ts` in Electron and by the browser test
 * host, so both enforce the very same policy.
 */
import { isAllowedExternalUrl, isTrustedRendererUrl } from './trusted-url.ts';

/** The app is a single page with in-page routing: no top-level navigation is ever needed. */
export function allowNavigation(_targetUrl: string): boolean {
  return false;
}

export type WindowOpenDecision = { action: 'deny'; openExternally: boolean };

/**
 * `window.open` and `target=_blank` never create a window. An allowlisted https
 * link is handed to the system browser instead; anything else is dropped.
 */
export function decideWindowOpen(targetUrl: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternalUrl(targetUrl) };
}

/**
 * No web permission (camera, notifications from the page, geolocation, clipboard reading, ...) is
 * granted to the renderer, with one exception: writing text to the clipboard, which the page can
 * only do on a click and which lets the person copy their public key. Reading stays denied.
 */
export function allowPermission(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/**
 * Backstop for renderer requests: only the app's own origin (and the dev
 * server in development), plus `data:`/`blob:` URLs the page made itself.
 * Hosts approved by the locality guard are added by the sync feature.
 */
export function allowRendererRequest(rawUrl: string, devOrigin?: string, approvedHosts: ReadonlySet<string> = new Set()): boolean {
  if (isTrustedRendererUrl(rawUrl, devOrigin)) return true;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  if (url.protocol === 'devtools:' || url.protocol === 'chrome-extension:') return false;
  if (devOrigin && (url.protocol === 'ws:' || url.protocol === 'wss:')) {
    // Vite's HMR socket in development only.
    const dev = new URL(devOrigin);
    return url.host === dev.host;
  }
  return url.protocol === 'https:' && approvedHosts.has(url.host);
}
