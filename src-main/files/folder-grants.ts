/**
 * Folders the person chose in main's own picker, handed to the renderer as
 * opaque handles. The renderer never names a folder: to add a folder target
 * (or to join a vault from one) it passes back a handle, and main looks up
 * the real path it resolved when the person chose it. A handle is random,
 * lives in main's memory only and expires, so it cannot be guessed, kept
 * across restarts or made up for a folder the person did not choose.
 */
import { randomBytes } from 'node:crypto';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import type { OpenDialog } from './open-file.ts';
import { realLocalFolder } from './folder-path.ts';

/** Long enough to finish the add-target form; short enough that a stale handle is useless. */
const LIFETIME_MS = 30 * 60_000;
const MAX_GRANTS = 32;

export interface FolderChoice {
  /** Pass this back to add the folder as a target. */
  handle: string;
  /** The folder's real path, for the person to see what they chose. */
  path: string;
}

export class FolderGrants {
  readonly #grants = new Map<string, { path: string; expires: number }>();
  readonly #now: () => number;
  readonly #platform: string;

  constructor(now: () => number = Date.now, platform: string = process.platform) {
    this.#now = now;
    this.#platform = platform;
  }

  /** Asks the person for a folder; null when they cancelled. Refuses what cannot be a sync folder. */
  async choose(dialog: OpenDialog): Promise<FolderChoice | null> {
    const chosen = await dialog.chooseOpenPath({ title: 'Choose the sync folder', filters: [], folder: true });
    if (chosen === null) return null;
    const path = await realLocalFolder(chosen, this.#platform);
    this.#prune();
    const handle = randomBytes(16).toString('hex');
    this.#grants.set(handle, { path, expires: this.#now() + LIFETIME_MS });
    return { handle, path };
  }

  /** The real path behind a handle main gave out. */
  resolve(handle: string): string {
    const grant = this.#grants.get(handle);
    if (!grant || grant.expires <= this.#now()) {
      throw new UserFacingError(
        'invalid-argument',
        'Choose the folder again (Choose…): Caravan adds only a folder you picked in its folder dialog, and that choice has expired.',
      );
    }
    return grant.path;
  }

  #prune(): void {
    const now = this.#now();
    for (const [handle, grant] of this.#grants) if (grant.expires <= now) this.#grants.delete(handle);
    // Oldest first: Map keeps insertion order.
    while (this.#grants.size >= MAX_GRANTS) this.#grants.delete(this.#grants.keys().next().value as string);
  }
}
