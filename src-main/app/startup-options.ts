/**
 * What main reads from the environment at start-up, decided in one pure place:
 * a packaged app takes neither another profile folder nor a dev server, so a
 * stray variable in a user's shell cannot move their data or load a page from
 * elsewhere.
 */
import { resolve } from 'node:path';

export interface StartupOptions {
  /** A separate profile folder (tests, careful users); only when not packaged. */
  userDataDir?: string;
  /** electron-vite's dev server origin; only when not packaged. */
  devOrigin?: string;
}

export function startupOptions(env: Readonly<Record<string, string | undefined>>, packaged: boolean): StartupOptions {
  if (packaged) return {};
  // app.setPath takes absolute paths only: a relative override means the folder it names from here.
  const given = env['CARAVAN_USER_DATA_DIR'];
  const userDataDir = given ? resolve(given) : undefined;
  const devOrigin = env['ELECTRON_RENDERER_URL'];
  return { ...(userDataDir ? { userDataDir } : {}), ...(devOrigin ? { devOrigin } : {}) };
}
