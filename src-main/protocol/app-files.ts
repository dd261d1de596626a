/**
 * Maps an `app://caravan/...` request to a file of the built renderer. Pure
 * apart from the path module: the request URL is untrusted, so the result is
 * proven to stay inside the renderer folder (no `..`, no encoded escapes,
 * no absolute paths, no other host).
 */
import { extname, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security/trusted-url.ts';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  // The PDF font (DejaVu Sans), fetched by the renderer when it makes a PDF.
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type AppFile = { path: string; mime: string } | { error: 'not-found' | 'forbidden' };

/**
 * @param rootDir absolute path of the built renderer (`out/renderer`)
 * @param rawUrl the request URL; only `app://caravan/<path>` is served
 * @param expectedScheme the URL scheme served (`app` in Electron, `http` in the test host)
 */
export function resolveAppFile(rootDir: string, rawUrl: string, expectedScheme = APP_SCHEME, expectedHost = APP_HOST): AppFile {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { error: 'forbidden' };
  }
  if (url.protocol !== `${expectedScheme}:` || url.host !== expectedHost || url.username || url.password) {
    return { error: 'forbidden' };
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { error: 'forbidden' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { error: 'forbidden' };
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  const root = resolve(rootDir);
  const target = resolve(root, `.${pathname}`);
  if (target !== root && !target.startsWith(root + sep)) return { error: 'forbidden' };
  const mime = MIME_TYPES[extname(target).toLowerCase()];
  if (!mime) return { error: 'not-found' };
  return { path: target, mime };
}
