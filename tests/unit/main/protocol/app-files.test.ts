import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../../src-main/protocol/app-files.ts';

const root = resolve('/srv/caravan/out/renderer');

describe('resolveAppFile', () => {
  it('serves files inside the renderer folder with their type', () => {
    expect(resolveAppFile(root, 'app://caravan/')).toEqual({ path: join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'app://caravan/assets/index-abc.js?x=1#y')).toEqual({
      path: join(root, 'assets/index-abc.js'),
      mime: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile(root, 'app://caravan/assets/inter%20latin.woff2')).toMatchObject({ path: join(root, 'assets/inter latin.woff2') });
    // The PDF font, fetched when a PDF is made.
    expect(resolveAppFile(root, 'app://caravan/assets/DejaVuSans-CHjR2eXl.ttf')).toEqual({
      path: join(root, 'assets/DejaVuSans-CHjR2eXl.ttf'),
      mime: 'font/ttf',
    });
  });

  it('keeps dot segments inside the root (the URL parser removes them before we see the path)', () => {
    expect(resolveAppFile(root, 'app://caravan/../../etc/passwd')).toEqual({ error: 'not-found' });
    expect(resolveAppFile(root, 'app://caravan/%2e%2e/%2e%2e/etc/passwd.js')).toEqual({
      path: join(root, 'etc/passwd.js'),
      mime: 'text/javascript; charset=utf-8',
    });
  });

  it.each([
    'app://caravan/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd.js',
    'app://caravan/..%5c..%5cwindows.js',
    'app://caravan/a%00.js',
    'app://caravan/%E0%A4%A.js',
    'app://user@caravan/index.html',
    'app://evil/index.html',
    'file:///etc/passwd',
    'http://caravan/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    const result = resolveAppFile(root, url);
    expect(result).toEqual({ error: 'forbidden' });
  });

  it('never resolves outside the root, whatever the path', () => {
    for (const path of ['/..', '/../out', '/assets/../../x.js', '/./../renderer2/x.js']) {
      const result = resolveAppFile(root, `app://caravan${path}`);
      if ('path' in result) expect(result.path.startsWith(root)).toBe(true);
    }
  });

  it('does not serve unknown file types', () => {
    expect(resolveAppFile(root, 'app://caravan/secret.key')).toEqual({ error: 'not-found' });
    expect(resolveAppFile(root, 'app://caravan/assets')).toEqual({ error: 'not-found' });
  });

  it('serves the test host scheme when told to', () => {
    expect(resolveAppFile(root, 'http://127.0.0.1:4000/index.html', 'http', '127.0.0.1:4000')).toMatchObject({ path: join(root, 'index.html') });
    expect(resolveAppFile(root, 'http://127.0.0.1:4001/index.html', 'http', '127.0.0.1:4000')).toEqual({ error: 'forbidden' });
  });
});
