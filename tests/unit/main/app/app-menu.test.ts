import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../../src-main/app/app-menu.ts';

/** Every role in the menu, depth first. */
function roles(items: readonly MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}
const developerRoles = ['reload', 'forceReload', 'toggleDevTools'];

describe('the application menu', () => {
  it.each(['darwin', 'win32', 'linux'])('offers no reload or DevTools when packaged (%s)', (platform) => {
    const found = roles(appMenuTemplate({ appName: 'Caravan', platform, packaged: true }));
    expect(found.filter((role) => developerRoles.includes(role))).toEqual([]);
  });

  it('offers them while developing', () => {
    expect(roles(appMenuTemplate({ appName: 'Caravan', platform: 'linux', packaged: false }))).toEqual(expect.arrayContaining(developerRoles));
  });

  it.each(['darwin', 'win32', 'linux'])('keeps the edit roles, so copy and paste work in every field (%s)', (platform) => {
    const found = roles(appMenuTemplate({ appName: 'Caravan', platform, packaged: true }));
    expect(found).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll', 'minimize']));
  });

  it('gives macOS an app menu named after the app, first, with Quit in it', () => {
    const [first] = appMenuTemplate({ appName: 'Caravan', platform: 'darwin', packaged: true });
    expect(first?.label).toBe('Caravan');
    expect(roles([first!])).toEqual(expect.arrayContaining(['about', 'hide', 'quit']));
  });

  it('has no macOS-only roles elsewhere', () => {
    const found = roles(appMenuTemplate({ appName: 'Caravan', platform: 'win32', packaged: true }));
    for (const role of ['services', 'hide', 'hideOthers', 'unhide', 'front', 'pasteAndMatchStyle']) expect(found).not.toContain(role);
    expect(found).toContain('quit');
  });

  it('has a label or a role on every item that is not a separator', () => {
    const walk = (items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? walk(item.submenu) : [])]);
    for (const platform of ['darwin', 'linux']) {
      for (const item of walk(appMenuTemplate({ appName: 'Caravan', platform, packaged: false }))) {
        expect(item.type === 'separator' || Boolean(item.role) || Boolean(item.label), JSON.stringify(item)).toBe(true);
      }
    }
  });
});
