/**
 * Draws the presenter's tray model with Electron: icon per state (template images on macOS), the
 * remaining time as the macOS title, a tooltip elsewhere, and the menu. Clicks go back to the
 * controller by item id. Nothing is decided here.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { MenuItemModel, TrayModel } from './tray-presenter.ts';

export interface ElectronTray {
  draw(model: TrayModel): void;
  destroy(): void;
}

/**
 * Creates the tray (after `ready`); null where the desktop has no tray (some Linux desktops), so callers keep the
 * window. `iconFile` comes from runtime-paths.ts (template images on macOS).
 */
export function createElectronTray(
  iconFile: (icon: TrayModel['icon']) => string,
  onClick: (id: string) => void,
  log: (message: string, detail?: unknown) => void,
): ElectronTray | null {
  const icon = (name: TrayModel['icon']) => nativeImage.createFromPath(iconFile(name));
  let tray: Tray;
  try {
    tray = new Tray(icon('idle'));
  } catch (error) {
    log('no system tray here; closing the window will quit', error);
    return null;
  }
  let lastIcon: TrayModel['icon'] | undefined;
  let lastMenu = '';
  const toTemplate = (item: MenuItemModel): MenuItemConstructorOptions =>
    item.type === 'separator'
      ? { type: 'separator' }
      : item.type === 'submenu'
        ? { label: item.label, enabled: item.enabled, submenu: (item.submenu ?? []).map(toTemplate) }
        : { id: item.id, label: item.label, enabled: item.enabled, click: () => onClick(item.id) };
  return {
    draw(model) {
      if (model.icon !== lastIcon) {
        tray.setImage(icon(model.icon));
        lastIcon = model.icon;
      }
      if (process.platform === 'darwin') tray.setTitle(model.title ?? '');
      tray.setToolTip(model.tooltip);
      // Rebuilding a menu every second makes open menus flicker on some desktops; only when it changed.
      const menu = JSON.stringify(model.menu);
      if (menu !== lastMenu) {
        tray.setContextMenu(Menu.buildFromTemplate(model.menu.map(toTemplate)));
        lastMenu = menu;
      }
    },
    destroy: () => tray.destroy(),
  };
}
