/**
 * What main reads from the environment at start-up, decided in one pure place:
 * a packaged app takes neither another profile folder nor a dev server, so a
 * stray variable in a user's shell cannot move their data or load a page from
 * elsewhere.
 */
export interface StartupOptions {
  /** A separate profile folder (tests, careful users); only when not packaged. */
  userDataDir?: string;
  /** electron-vite's dev server origin; only when not packaged. */
  devOrigin?: string;
}

export function startupOptions(env: Readonly<Record<string, string | undefined>>, packaged: boolean): StartupOptions {
  if (packaged) return {};
  const userDataDir = env['CARAVAN_USER_DATA_DIR'];
  const devOrigin = env['ELECTRON_RENDERER_URL'];
  return { ...(userDataDir ? { userDataDir } : {}), ...(devOrigin ? { devOrigin } : {}) };
}
