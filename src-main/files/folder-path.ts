/**
 * Which folders may be sync targets: a plain local directory, by its real
 * path. Refused: network shares (UNC `\\server\share`, `//server/share`),
 * Windows device and namespace paths (`\\?\`, `\\.\`, `\??\`), relative
 * paths, and the kernel's pseudo file systems (`/proc`, `/sys`, `/dev`),
 * whose "files" are a process's memory, environment and devices. The check
 * runs on the path the picker gave and again on its real path, so a link to
 * such a place is refused too.
 */
import { lstat, realpath } from 'node:fs/promises';
import { UserFacingError } from '../ipc/user-facing-error.ts';

const PSEUDO = ['/proc', '/sys', '/dev'];

/** Why `path` cannot be a sync folder on `platform`, or null when its form is fine. Pure. */
export function folderPathProblem(path: string, platform: string): string | null {
  if (path.length === 0 || path.length > 4096 || path.includes('\0')) return 'That is not a folder path.';
  if (/^[\\/]{2}/.test(path) || /^\\\?\?\\/.test(path)) {
    return 'A network share or device path cannot be a sync folder: choose a folder on this computer (a sync tool may mirror it elsewhere).';
  }
  if (platform === 'win32') {
    return /^[A-Za-z]:\\/.test(path) ? null : 'Choose a folder on a drive of this computer (C:\\...).';
  }
  if (!path.startsWith('/')) return 'That is not an absolute folder path.';
  if (PSEUDO.some((root) => path === root || path.startsWith(`${root}/`))) {
    return `${path} is part of the system (${path.split('/')[1]}), not a folder for files: choose another.`;
  }
  return null;
}

/**
 * The real path of a folder the person chose, after checking that it is a
 * plain local directory. Throws a UserFacingError saying what to choose instead.
 */
export async function realLocalFolder(path: string, platform: string = process.platform): Promise<string> {
  const before = folderPathProblem(path, platform);
  if (before) throw new UserFacingError('invalid-argument', before);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    throw new UserFacingError('invalid-argument', `The folder ${path} does not exist or cannot be opened; choose another.`);
  }
  const after = folderPathProblem(real, platform);
  if (after) throw new UserFacingError('invalid-argument', after);
  const info = await lstat(real).catch(() => null);
  if (!info?.isDirectory()) throw new UserFacingError('invalid-argument', `${real} is not a folder; choose a folder.`);
  return real;
}
