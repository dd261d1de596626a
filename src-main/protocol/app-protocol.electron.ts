/**
 * Serves the built renderer from `app://caravan/`, not `file://`: a standard,
 * secure origin of its own (so CSP 'self' means the app and nothing on disk),
 * with the security headers on every response.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../security/csp.ts';
import { APP_SCHEME } from '../security/trusted-url.ts';
import { resolveAppFile } from './app-files.ts';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if ('error' in file) {
      return new Response(null, { status: file.error === 'forbidden' ? 403 : 404, headers: SECURITY_HEADERS });
    }
    try {
      const body = await readFile(file.path);
      return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': file.mime } });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}
