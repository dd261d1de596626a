/**
 * Saving a file the person asked for (a recovery kit, an export, a PDF). The
 * dialog is injected: Electron's save dialog in the app, a stub in tests.
 * Writes are atomic so a crash never leaves half a recovery kit.
 */
import type { SaveTextRequest, SaveTextResult } from '../../src-preload/contract/files.ts';
import { basename } from 'node:path';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { writeFileAtomic } from './atomic-file.ts';

export interface SaveDialog {
  /** The absolute path the person chose, or null if they cancelled. */
  chooseSavePath(request: Omit<SaveTextRequest, 'content'>): Promise<string | null>;
}

export async function saveText(dialog: SaveDialog, request: SaveTextRequest): Promise<SaveTextResult> {
  const path = await dialog.chooseSavePath({ suggestedName: request.suggestedName, filters: request.filters });
  if (!path) return { saved: false };
  try {
    await writeFileAtomic(path, request.encoding === 'base64' ? new Uint8Array(Buffer.from(request.content, 'base64')) : request.content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : 'the folder cannot be written to';
    throw new UserFacingError('io-failed', `Could not save ${basename(path)}: ${reason}. Choose another folder and try again.`);
  }
  return { saved: true, path };
}
