/**
 * `Tray`, `Menu` and `nativeImage`. Menus keep their items (with click
 * handlers) so a test can read the tray's and the application's menus and
 * click an item as a person would; an image remembers whether its file
 * existed, so a missing tray icon shows up as an empty image.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

export interface NativeImageDouble {
  path: string;
  isEmpty(): boolean;
  setTemplateImage(template: boolean): void;
}

export const nativeImage = strictModule('nativeImage', {
  createFromPath(path: string): NativeImageDouble {
    const exists = existsSync(path);
    return { path, isEmpty: () => !exists, setTemplateImage: () => {} };
  },
  createEmpty(): NativeImageDouble {
    return { path: '', isEmpty: () => true, setTemplateImage: () => {} };
  },
});

interface ItemOptions {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  role?: string;
  enabled?: boolean;
  visible?: boolean;
  accelerator?: string;
  click?: (item: MenuItem, window: unknown, event: unknown) => void;
  submenu?: ItemOptions[] | Menu;
}

export class MenuItem {
  readonly id: string | undefined;
  readonly label: string;
  readonly type: string;
  readonly role: string | undefined;
  readonly enabled: boolean;
  readonly visible: boolean;
  readonly accelerator: string | undefined;
  readonly submenu: Menu | undefined;
  private readonly onClick: ItemOptions['click'];

  constructor(options: ItemOptions) {
    this.id = options.id;
    this.label = options.label ?? '';
    this.role = options.role;
    this.submenu = options.submenu ? (options.submenu instanceof Menu ? options.submenu : Menu.buildFromTemplate(options.submenu)) : undefined;
    this.type = options.type ?? (this.submenu ? 'submenu' : 'normal');
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.accelerator = options.accelerator;
    this.onClick = options.click;
  }

  click(): void {
    this.onClick?.(this, null, {});
  }
}

export interface MenuModel {
  id?: string;
  label: string;
  type: string;
  role?: string;
  enabled: boolean;
  visible: boolean;
  accelerator?: string;
  submenu?: MenuModel[];
}

export class Menu extends EventEmitter {
  readonly items: MenuItem[] = [];
  private static application: Menu | null = null;

  static buildFromTemplate(template: ItemOptions[]): Menu {
    const menu = new Menu();
    for (const options of template) menu.items.push(new MenuItem(options));
    return menu;
  }

  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu;
  }

  static getApplicationMenu(): Menu | null {
    return Menu.application;
  }

  append(item: MenuItem): void {
    this.items.push(item);
  }

  model(): MenuModel[] {
    return this.items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      label: item.label,
      type: item.type,
      ...(item.role ? { role: item.role } : {}),
      enabled: item.enabled,
      visible: item.visible,
      ...(item.accelerator ? { accelerator: item.accelerator } : {}),
      ...(item.submenu ? { submenu: item.submenu.model() } : {}),
    }));
  }

  find(id: string): MenuItem | undefined {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.find(id);
      if (inner) return inner;
    }
    return undefined;
  }
}

const trays: Tray[] = [];

export class Tray extends EventEmitter {
  image: NativeImageDouble;
  title = '';
  toolTip = '';
  menu: Menu | null = null;
  destroyed = false;

  constructor(image: NativeImageDouble | string) {
    super();
    enforce('Tray.new');
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
    trays.push(this);
  }

  setImage(image: NativeImageDouble | string): void {
    this.image = typeof image === 'string' ? nativeImage.createFromPath(image) : image;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
    trays.splice(trays.indexOf(this), 1);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function liveTray(): Tray {
  const tray = trays.at(-1);
  if (!tray) throw new Error('the app has no tray');
  return tray;
}

onControl('tray.state', () => {
  const tray = trays.at(-1);
  if (!tray) return null;
  return { image: tray.image.path, imageEmpty: tray.image.isEmpty(), title: tray.title, toolTip: tray.toolTip, menu: tray.menu?.model() ?? [] };
});
onControl('tray.click', (params) => {
  const { id } = params as { id: string };
  const item = liveTray().menu?.find(id);
  if (!item) throw new Error(`the tray menu has no item ${id}`);
  if (!item.enabled) throw new Error(`the tray menu item ${id} is disabled`);
  item.click();
});
onControl('appMenu.state', () => Menu.getApplicationMenu()?.model() ?? null);
