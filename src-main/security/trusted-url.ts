/**
 * Which URLs the app trusts, decided on parsed URLs only (never on string
 * prefixes: `app://caravan.evil`, `app://user@caravan` and
 * `https://localhost.evil.example` must all fail). No Electron import, so it is
 * tested under plain Node with hostile input.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'caravan';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Hosts whose https pages the app may hand to the system browser. */
export const EXTERNAL_ALLOWLIST: readonly string[] = ['caravan.app', 'docs.caravan.app', 'gdpr-info.eu', 'commission.europa.eu', 'eur-lex.europa.eu'];

function parse(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/** True for a page of the app itself (the `app://caravan/` origin). */
export function isAppUrl(raw: unknown): boolean {
  const url = parse(raw);
  if (!url || hasCredentials(url)) return false;
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '';
}

/**
 * True for the renderer's own origin: the app protocol in production, or the
 * given dev-server origin (electron-vite dev, the browser test host).
 */
export function isTrustedRendererUrl(raw: unknown, devOrigin?: string): boolean {
  if (isAppUrl(raw)) return true;
  if (!devOrigin) return false;
  const url = parse(raw);
  const dev = parse(devOrigin);
  if (!url || !dev || hasCredentials(url)) return false;
  return url.origin === dev.origin && (dev.hostname === '127.0.0.1' || dev.hostname === 'localhost');
}

/** True for a link the system browser may open: https, no credentials, an allowlisted host. */
export function isAllowedExternalUrl(raw: unknown): boolean {
  const url = parse(raw);
  if (!url || hasCredentials(url)) return false;
  if (url.protocol !== 'https:' || url.port !== '') return false;
  const host = url.hostname.toLowerCase();
  return EXTERNAL_ALLOWLIST.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
}
