/**
 * Chromium cannot load a custom scheme such as `app://caravan/`, which
 * Electron registers as standard and secure. The double gives each such
 * origin a stand-in https origin under `.invalid` (never resolvable, so a
 * request that escaped interception fails instead of reaching anything), and
 * translates every URL the app sees back: `webContents.getURL()`, the sender
 * frame's URL, `will-navigate`, `webRequest` and the protocol handler all see
 * `app://caravan/...`, as in Electron.
 */

const STAND_IN_SUFFIX = '.electron-double.invalid';
const privileged = new Set<string>();

/** protocol.registerSchemesAsPrivileged records the standard schemes here. */
export function addStandardScheme(scheme: string): void {
  privileged.add(scheme);
}

export function standardSchemes(): ReadonlySet<string> {
  return privileged;
}

/** `app://caravan/index.html` -> `https://caravan.app.electron-double.invalid/index.html`; other URLs unchanged. */
export function toChromiumUrl(electronUrl: string): string {
  let url: URL;
  try {
    url = new URL(electronUrl);
  } catch {
    return electronUrl;
  }
  const scheme = url.protocol.slice(0, -1);
  if (!privileged.has(scheme)) return electronUrl;
  if (url.username || url.password || url.port) throw new Error(`electron double: ${electronUrl} has parts a stand-in origin cannot carry`);
  return `https://${url.hostname}.${scheme}${STAND_IN_SUFFIX}${url.pathname}${url.search}${url.hash}`;
}

/** The inverse: what Electron would report for a URL Chromium shows. */
export function toElectronUrl(chromiumUrl: string): string {
  let url: URL;
  try {
    url = new URL(chromiumUrl);
  } catch {
    return chromiumUrl;
  }
  if (url.protocol !== 'https:' || !url.hostname.endsWith(STAND_IN_SUFFIX) || url.port) return chromiumUrl;
  const rest = url.hostname.slice(0, -STAND_IN_SUFFIX.length);
  const dot = rest.lastIndexOf('.');
  const host = rest.slice(0, dot);
  const scheme = rest.slice(dot + 1);
  if (dot <= 0 || !privileged.has(scheme)) return chromiumUrl;
  return `${scheme}://${host}${url.pathname}${url.search}${url.hash}`;
}
