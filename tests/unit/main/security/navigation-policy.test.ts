import { describe, expect, it } from 'vitest';
import { allowNavigation, allowPermission, allowRendererRequest, decideWindowOpen } from '../../../../src-main/security/navigation-policy.ts';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES, SECURITY_HEADERS } from '../../../../src-main/security/csp.ts';

describe('navigation policy', () => {
  it.each(['app://caravan/index.html', 'https://caravan.app/', 'http://localhost:5173/', 'javascript:alert(1)', 'file:///etc/passwd'])(
    'never allows top-level navigation (%s)',
    (url) => expect(allowNavigation(url)).toBe(false),
  );

  it('denies every window; only an allowlisted https link goes to the system browser', () => {
    expect(decideWindowOpen('https://caravan.app/help')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['https://localhost.evil.example', 'javascript:alert(1)', 'file:///etc/passwd', 'app://user@caravan', 'http://caravan.app/']) {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
    }
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])('denies the %s permission', (p) => {
    expect(allowPermission(p)).toBe(false);
  });

  it('allows writing text to the clipboard (copying a public key), never reading it', () => {
    expect(allowPermission('clipboard-sanitized-write')).toBe(true);
    expect(allowPermission('clipboard-read')).toBe(false);
  });
});

describe('renderer request backstop', () => {
  it('allows the app itself, data: and blob:', () => {
    expect(allowRendererRequest('app://caravan/assets/index.js')).toBe(true);
    expect(allowRendererRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(allowRendererRequest('blob:app://caravan/1234')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'https://localhost.evil.example/',
    'http://127.0.0.1:9000/',
    'file:///etc/passwd',
    'app://user@caravan/',
    'ws://localhost:5173/',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
  ])('cancels %s in production', (url) => expect(allowRendererRequest(url)).toBe(false));

  it('allows the dev server and its HMR socket only in development', () => {
    const dev = 'http://localhost:5173';
    expect(allowRendererRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(allowRendererRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(allowRendererRequest('ws://localhost:9999/', dev)).toBe(false);
  });

  it('allows an https host only once the guard approved it', () => {
    expect(allowRendererRequest('https://s3.eu-central-1.amazonaws.com/b', undefined, new Set())).toBe(false);
    expect(allowRendererRequest('https://s3.eu-central-1.amazonaws.com/b', undefined, new Set(['s3.eu-central-1.amazonaws.com']))).toBe(true);
    expect(allowRendererRequest('http://s3.eu-central-1.amazonaws.com/b', undefined, new Set(['s3.eu-central-1.amazonaws.com']))).toBe(false);
  });
});

describe('content security policy', () => {
  it('allows nothing remote and no inline or eval code', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['connect-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self' 'wasm-unsafe-eval'");
    for (const value of Object.values(CSP_DIRECTIVES)) {
      expect(value).not.toMatch(/unsafe-inline|'unsafe-eval'|\*|https?:/);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('sandboxes the document without popups, modals, downloads or top navigation', () => {
    const header = SECURITY_HEADERS['Content-Security-Policy'] ?? '';
    expect(header).toMatch(/sandbox allow-scripts allow-same-origin allow-forms$/);
    expect(header).not.toMatch(/allow-popups|allow-modals|allow-downloads|allow-top-navigation/);
  });
});
