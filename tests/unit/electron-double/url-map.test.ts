/** app:// stands in as an https origin Chromium can load, and every URL the app sees is translated back. */
import { describe, expect, it } from 'vitest';
import { addStandardScheme, toChromiumUrl, toElectronUrl } from '../../electron-double/chromium/url-map.ts';

addStandardScheme('app');

describe('stand-in origins', () => {
  it('maps the app origin both ways, path, query and hash included', () => {
    const chromium = toChromiumUrl('app://caravan/index.html?x=1#/today');
    expect(chromium).toBe('https://caravan.app.electron-double.invalid/index.html?x=1#/today');
    expect(toElectronUrl(chromium)).toBe('app://caravan/index.html?x=1#/today');
  });

  it('leaves every other URL alone, hostile look-alikes included', () => {
    for (const url of [
      'https://example.com/a',
      'http://caravan.app.electron-double.invalid/',
      'https://caravan.app.electron-double.invalid:8443/',
      'https://caravan.ftp.electron-double.invalid/',
      'https://evil.example/caravan.app.electron-double.invalid',
      'data:text/plain,hi',
      'not a url',
    ]) {
      expect(toElectronUrl(url)).toBe(url);
    }
    expect(toChromiumUrl('https://example.com/')).toBe('https://example.com/');
    expect(toChromiumUrl('ftp://caravan/')).toBe('ftp://caravan/');
  });

  it('refuses an app URL it cannot carry faithfully', () => {
    expect(() => toChromiumUrl('app://user@caravan/')).toThrow(/cannot carry/);
  });
});
