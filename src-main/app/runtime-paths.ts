/**
 * Every file main reads from its own installation at run time, relative to the
 * app path (`app.getAppPath()`: the repository root in development, the
 * `resources/app.asar` archive in a packaged app, whose root is the project as
 * filtered by electron-builder.yml's `files`). main's entry resolves paths only
 * through here, and tests/unit/packaging checks each one against what
 * electron-builder packs, so the two cannot drift.
 *
 * No Electron import; locality data is not here because it is bundled into
 * out/main by the JSON imports, and the renderer's fonts and wasm into
 * out/renderer by Vite.
 */
import { join } from 'node:path';
import type { TrayIcon } from '../timer/tray-presenter.ts';

export const APP_RELATIVE = {
  /** The sandboxed preload, bundled to CommonJS. */
  preload: 'out/preload/index.cjs',
  /** The built renderer served at app://caravan/. */
  renderer: 'out/renderer',
  /** The document the window opens (checked to exist inside `renderer`). */
  rendererIndex: 'out/renderer/index.html',
  /** The window icon (Linux and Windows; macOS takes the bundle's .icns). */
  appIcon: 'resources/icon.png',
  /** Tray icons, one per state, `<state>[Template].png` with an @2x beside each. */
  trayDir: 'resources/tray',
} as const;

/** Every icon the tray presenter can ask for (tests check this against the presenter's type and the committed files). */
export const TRAY_ICONS = ['idle', 'running', 'paused', 'break', 'overrun'] as const satisfies readonly TrayIcon[];

/** The tray icon for a state: macOS takes monochrome template images that follow the menu bar's colour. */
export function trayIconFile(icon: TrayIcon, platform: string): string {
  return `${APP_RELATIVE.trayDir}/${icon}${platform === 'darwin' ? 'Template' : ''}.png`;
}

/** Every file main opens from the app path on `platform`, relative to it (Electron adds the @2x variants itself). */
export function runtimeFiles(platform: string): string[] {
  return [
    APP_RELATIVE.preload,
    APP_RELATIVE.rendererIndex,
    APP_RELATIVE.appIcon,
    ...TRAY_ICONS.flatMap((icon) => {
      const file = trayIconFile(icon, platform);
      return [file, file.replace(/\.png$/, '@2x.png')];
    }),
  ];
}

export interface AppPaths {
  preload: string;
  renderer: string;
  appIcon: string;
  trayIcon: (icon: TrayIcon) => string;
}

/** The same, absolute, for an app path. */
export function appPaths(appPath: string, platform: string): AppPaths {
  return {
    preload: join(appPath, APP_RELATIVE.preload),
    renderer: join(appPath, APP_RELATIVE.renderer),
    appIcon: join(appPath, APP_RELATIVE.appIcon),
    trayIcon: (icon) => join(appPath, trayIconFile(icon, platform)),
  };
}
