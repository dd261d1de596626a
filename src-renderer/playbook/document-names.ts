/**
 * File names offered for the documents a client receives: what it is, whose, and when, in safe
 * characters only ("weekly-update-acme-ai-gmbh-2026-W49"). Always starting with the document's
 * kind, so a name never starts with a dash or a dot (a leading dash reads as an option to command
 * line tools; a leading dot hides the file), whatever the client is called. Main cleans the stem
 * again (src-main/files/export-names.ts) and adds the extension.
 */

const MAX_PART = 40;

/** `text` as lowercase ASCII letters, digits and single dashes, at most 40 characters; "" if none. */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/gu, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .slice(0, MAX_PART)
    .replace(/^-+|-+$/gu, '');
}

/** "weekly-update-acme-ai-gmbh-2026-W49"; the client part is left out when nothing of the name is safe. */
export function weeklyUpdateStem(clientName: string, week: { readonly year: number; readonly week: number }): string {
  const label = `${week.year}-W${String(week.week).padStart(2, '0')}`;
  return ['weekly-update', slug(clientName), label].filter((part) => part !== '').join('-');
}
