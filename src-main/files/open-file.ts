/**
 * Reading a file the person picked (a bundle to import). The dialog is injected: Electron's open
 * dialog in the app, a stub in tests. The size is checked before the file is read, so a wrong pick
 * (a disk image) is refused with a reason instead of exhausting memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserFacingError } from '../ipc/user-facing-error.ts';

export interface OpenFileRequest {
  title: string;
  filters: { name: string; extensions: string[] }[];
  /** A folder instead of a file (a sync target); `filters` are then ignored. */
  folder?: boolean;
}

export interface OpenDialog {
  /** The absolute path the person chose, or null if they cancelled. */
  chooseOpenPath(request: OpenFileRequest): Promise<string | null>;
}

export async function openChosenFile(dialog: OpenDialog, request: OpenFileRequest, maxBytes: number): Promise<{ name: string; bytes: Uint8Array } | null> {
  const path = await dialog.chooseOpenPath(request);
  if (!path) return null;
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new UserFacingError('io-failed', `Could not read ${name}: the file is gone or cannot be opened. Choose it again.`);
  }
  if (size > maxBytes) {
    throw new UserFacingError(
      'invalid-argument',
      `${name} is ${Math.round(size / 2 ** 20)} MiB, more than the ${Math.round(maxBytes / 2 ** 20)} MiB a bundle may be. Check that you picked a .caravan file.`,
    );
  }
  try {
    return { name, bytes: new Uint8Array(await readFile(path)) };
  } catch {
    throw new UserFacingError('io-failed', `Could not read ${name}. Check that it is not open elsewhere and that you may read it, then try again.`);
  }
}
