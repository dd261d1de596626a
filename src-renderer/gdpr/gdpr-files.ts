/**
 * The GDPR tools' file names and error wording. Files are saved through `saveExport`
 * (exports/save-export.ts), which resolves to the chosen path, or null when the person cancelled.
 */
import { ExportError } from './export-error.ts';
import { RepoError } from '../vault/repos/errors.ts';
import { errorMessage } from '../ui/error-message.ts';

/**
 * `caravan-<what>-<yyyy-mm-dd>`; the date is UTC, like the files' instants. No client name: a
 * default name is seen by whoever sees the file, and the person may type one in the dialog.
 */
export function gdprFileStem(what: string, at: number): string {
  return `caravan-${what}-${new Date(at).toISOString().slice(0, 10)}`;
}

/**
 * A failure of a GDPR tool in words a person can act on. Repository and export refusals carry
 * their own message (ids only); this adds what to do next.
 */
export function gdprErrorMessage(error: unknown, nothingDone: string): string {
  const message = errorMessage(error);
  if (error instanceof ExportError) {
    return `${message} Lock and unlock the vault to read the records again, then retry; if it happens again, a record may be damaged.`;
  }
  if (error instanceof RepoError && error.code === 'unreadable') {
    return `${message} ${nothingDone} Restore the vault from a backup to read this record again.`;
  }
  return `${message} ${nothingDone}`;
}
