/**
 * Saving an export through main (`files:saveText`): the renderer names the kind and the clients
 * whose data the file holds; main names the file, picks its extension and audits device-only
 * clients. Main decides which clients count as device-only (its policy book, not the vault's
 * record: a held or unreadable policy counts too); when it answers that some need the person's
 * yes, the person is asked, on their own screen, and the request goes again confirmed.
 */
import type { CaravanApi, ExportKind } from '../../src-preload/contract/index.ts';
import { EXPORT_KINDS } from '../../src-preload/contract/files.ts';
import type { Client } from '../domain/client.ts';
import { caravan } from '../ipc/caravan.ts';
import { askDeviceOnlyExport, questionSession, type DeviceOnlyQuestion } from './device-only-question.ts';

export interface ExportFile {
  kind: ExportKind;
  /** The name offered in the dialog, without extension. A client's name only in a document made for that client (a weekly update); main cleans the name and never logs it. */
  stem: string;
  /** Text, or the bytes of a binary kind (a PDF). */
  content: string | Uint8Array;
  /** Every client whose data the file holds. */
  clients: readonly Pick<Client, 'id' | 'name' | 'residency'>[];
}

/**
 * The person's answer for one export, which may be several files (the CSV access export): asked
 * once, passed to each save. A lock voids it (the session it was given in has ended).
 */
export interface ExportConsent {
  session: number;
  /** The clients the person said yes for. */
  confirmed: Set<string>;
}

export function exportConsent(): ExportConsent {
  return { session: questionSession(), confirmed: new Set() };
}

export interface SaveExportDeps {
  files: Pick<CaravanApi['files'], 'saveText'>;
  ask: (question: DeviceOnlyQuestion) => Promise<boolean>;
  /** The current session (bumped by a lock). */
  session: () => number;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short for multi-megabyte files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** How a client main named is called in the question: its name, or a plain word for one the page does not know. */
function nameOf(file: ExportFile, id: string): { name: string; settled: boolean } {
  const client = file.clients.find((c) => c.id === id);
  return client ? { name: client.name, settled: client.residency.kind === 'device-only' } : { name: 'a client Caravan cannot name', settled: false };
}

/**
 * Asks where to save; resolves to the path, or null when the person cancelled (the device-only
 * question or the dialog) or the vault locked meanwhile. Throws with main's message when main
 * refuses or the write fails.
 */
export async function saveExportWith(
  deps: SaveExportDeps,
  file: ExportFile,
  consent: ExportConsent = { session: deps.session(), confirmed: new Set() },
): Promise<string | null> {
  const request = {
    kind: file.kind,
    stem: file.stem,
    content: typeof file.content === 'string' ? file.content : toBase64(file.content),
    clients: [...new Set(file.clients.map((c) => c.id))],
  };
  const live = () => consent.session === deps.session();
  if (!live()) return null;
  const first = await deps.files.saveText({ ...request, deviceOnlyConfirmed: false });
  if (!first.ok) throw new Error(first.error.message);
  if (first.value.saved) return first.value.path;
  if (!('needsConfirmation' in first.value)) return null;
  const unasked = first.value.needsConfirmation.filter((id) => !consent.confirmed.has(id));
  if (unasked.length > 0) {
    const named = unasked.map((id) => nameOf(file, id));
    const what = EXPORT_KINDS[file.kind].label;
    const yes = await deps.ask({ what, clientNames: named.map((n) => n.name), unsettled: named.some((n) => !n.settled) });
    // A lock while the question was open answers no; a yes from before a lock is no yes.
    if (!yes || !live()) return null;
    for (const id of unasked) consent.confirmed.add(id);
  }
  if (!live()) return null;
  const second = await deps.files.saveText({ ...request, deviceOnlyConfirmed: true });
  if (!second.ok) throw new Error(second.error.message);
  return second.value.saved ? second.value.path : null;
}

/** `saveExportWith` through this window's main and its device-only dialog. */
export function saveExport(file: ExportFile, consent?: ExportConsent): Promise<string | null> {
  return saveExportWith({ files: caravan().files, ask: askDeviceOnlyExport, session: questionSession }, file, consent);
}
