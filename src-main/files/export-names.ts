/**
 * The names main offers in save dialogs. The renderer suggests a stem; main removes what could make
 * a name read as something else (bidi overrides such as U+202E turning `invoice‮fdp.exe` into
 * "invoiceexe.pdf", zero-width and other format characters, controls) and what a file system
 * refuses, then adds the extension of the export's kind. Bundles get a name from main alone: the
 * threat model says a bundle shows neither client nor project, and so does its file name.
 */
import { EXPORT_KINDS, type ExportKind } from '../../src-preload/contract/files.ts';

/** Format (Cf: bidi controls, zero-width, soft hyphen), control, line and paragraph separators, private use. */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Co}]/gu;
/** What Windows, macOS or Linux refuse in a name, or read as a path. */
const RESERVED = /[/\\:*?"<>|]/gu;
/** Names Windows keeps for devices, with or without an extension. */
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)$/iu;
const MAX_STEM = 80;

/** The stem as a plain, visible file name part; empty when nothing usable is left. */
export function cleanStem(stem: string): string {
  const visible = stem.normalize('NFC').replace(INVISIBLE, '').replace(RESERVED, '-').replace(/\s+/gu, ' ');
  // Leading dots hide a file; trailing dots and spaces are dropped by Windows.
  const trimmed = [...visible]
    .slice(0, MAX_STEM)
    .join('')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  return DEVICE_NAME.test(trimmed) ? `caravan-${trimmed}` : trimmed;
}

function day(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** `<clean stem>.<the kind's extension>`, or `caravan-<kind>-<date>` when the stem had nothing usable. */
export function exportFileName(kind: ExportKind, stem: string, now: number): string {
  const clean = cleanStem(stem) || `caravan-${kind}-${day(now)}`;
  return `${clean}.${EXPORT_KINDS[kind].extension}`;
}

/** A bundle's name: what it is and the day, never whose. */
export function bundleFileName(variant: 'full' | 'handoff', now: number): string {
  return `caravan-${variant === 'handoff' ? 'handoff' : 'project'}-${day(now)}.caravan`;
}
