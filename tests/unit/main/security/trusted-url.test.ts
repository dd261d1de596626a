import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl, isAppUrl, isTrustedRendererUrl } from '../../../../src-main/security/trusted-url.ts';

describe('isAppUrl', () => {
  it.each(['app://caravan/index.html', 'app://caravan/', 'app://caravan/assets/x.js?v=1#top', 'APP://caravan/index.html'])('trusts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://user@caravan/index.html',
    'app://user:pass@caravan/',
    // Node keeps a non-special scheme's host as written; Chromium lowercases it for a standard scheme,
    // so a differently cased host never comes from a real frame and failing closed costs nothing.
    'app://CARAVAN/index.html',
    'app://caravan.evil/index.html',
    'app://caravan:8080/index.html',
    'app://evil.caravan/',
    'app://evilcaravan/',
    'http://caravan/',
    'https://caravan/',
    'file:///etc/passwd',
    'file://caravan/etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    '',
    'caravan',
    'app:caravan',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses non-strings and absurdly long input', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl({ toString: () => 'app://caravan/' })).toBe(false);
    expect(isAppUrl(`app://caravan/${'a'.repeat(5000)}`)).toBe(false);
  });
});

describe('isTrustedRendererUrl', () => {
  const dev = 'http://localhost:5173';

  it('trusts the app protocol with or without a dev origin', () => {
    expect(isTrustedRendererUrl('app://caravan/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://caravan/index.html', dev)).toBe(true);
  });

  it('trusts the dev server only when one is configured', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
  });

  it.each([
    'https://localhost.evil.example/',
    'http://localhost.evil.example:5173/',
    'http://localhost:5174/',
    'http://user@localhost:5173/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('refuses %s against a localhost dev origin', (url) => {
    expect(isTrustedRendererUrl(url, dev)).toBe(false);
  });

  it('never treats a non-local dev origin as trusted', () => {
    expect(isTrustedRendererUrl('https://evil.example/', 'https://evil.example')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each(['https://caravan.app/', 'https://docs.caravan.app/guide', 'https://eur-lex.europa.eu/eli/reg/2016/679/oj', 'https://GDPR-INFO.EU/art-17-gdpr/'])(
    'allows %s',
    (url) => expect(isAllowedExternalUrl(url)).toBe(true),
  );

  it.each([
    'http://caravan.app/',
    'https://caravan.app.evil.example/',
    'https://evilcaravan.app/',
    'https://user@caravan.app/',
    'https://caravan.app:8443/',
    'https://localhost.evil.example/',
    'javascript:alert(document.domain)',
    'file:///etc/passwd',
    'app://caravan/index.html',
    'app://user@caravan/',
    'data:text/html,hi',
    'https://example.com/',
    'mailto:someone@caravan.app',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false));
});
