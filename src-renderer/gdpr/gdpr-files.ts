/**
 * Saving the GDPR tools' files through main's save dialog (`files:saveText`), and their names.
 * Each save resolves to the chosen path, or null when the person cancelled; main's refusals throw
 * with main's message.
 */
import { caravan, unwrap } from '../ipc/caravan.ts';
import { ExportError } from './export-error.ts';
import { RepoError } from '../vault/repos/errors.ts';

/**
 * A file-name part from a client's name: ASCII letters and digits in lower case, words joined by
 * hyphens ("Zoë & Co." -> "zoe-co"), at most 40 characters; the fallback when nothing is left.
 */
export function fileSlug(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 40)
    .replace(/-+$/u, '');
  return slug === '' ? fallback : slug;
}

/** `caravan-<client>-<what>-<yyyy-mm-dd>`; the date is UTC, like the files' instants. */
export function gdprFileStem(client: { id: string; name: string }, what: string, at: number): string {
  return `caravan-${fileSlug(client.name, 'client')}-${what}-${new Date(at).toISOString().slice(0, 10)}`;
}

/** Saves text (or, with `base64`, bytes) under the suggested name. */
export async function saveFile(
  suggestedName: string,
  content: string,
  filter: { name: string; extensions: string[] },
  encoding: 'utf8' | 'base64' = 'utf8',
): Promise<string | null> {
  const result = await unwrap(caravan().files.saveText({ suggestedName, content, encoding, filters: [filter] }));
  return result.saved ? result.path : null;
}

/**
 * A failure of a GDPR tool in words a person can act on. Repository and export refusals carry
 * their own message (ids only); this adds what to do next.
 */
export function gdprErrorMessage(error: unknown, nothingDone: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ExportError) {
    return `${message} Lock and unlock the vault to read the records again, then retry; if it happens again, a record may be damaged.`;
  }
  if (error instanceof RepoError && error.code === 'unreadable') {
    return `${message} ${nothingDone} Restore the vault from a backup to read this record again.`;
  }
  return `${message} ${nothingDone}`;
}
