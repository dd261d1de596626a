/**
 * The renderer's Content Security Policy. One definition, used by the app
 * protocol's response headers, the built index.html's meta tag and the
 * browser test host, so that all three enforce the same thing.
 *
 * - no remote code: scripts, styles, fonts and workers only from the app itself;
 * - `connect-src 'self'`: the renderer can reach nothing on the network (sync
 *   traffic goes through main, past the locality guard);
 * - `wasm-unsafe-eval` lets libsodium's WebAssembly compile; plain `eval` stays off.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'none'",
  'media-src': "'none'",
  'object-src': "'none'",
  'frame-src': "'none'",
  'child-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** The same policy for a `<meta>` tag, which cannot carry `frame-ancestors` (Chromium ignores it there and says so). */
export const META_CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .filter(([name]) => name !== 'frame-ancestors')
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/**
 * `sandbox` only works as a header (a meta tag cannot carry it). Without
 * `allow-popups` a page cannot open a window at all, even with a user gesture,
 * and without `allow-modals`, `allow-downloads` or `allow-top-navigation` it
 * cannot show native dialogs, start a download or navigate its parent.
 * `allow-forms` keeps React's submit events; `form-action 'none'` still stops
 * any actual submission.
 */
export const CSP_SANDBOX = 'sandbox allow-scripts allow-same-origin allow-forms';

/** Response headers for every renderer document and asset. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; ${CSP_SANDBOX}`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};
