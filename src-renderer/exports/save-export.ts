/**
 * Saving an export through main (`files:saveText`): the renderer names the kind and the clients
 * whose data the file holds; main names the file, picks its extension and audits device-only
 * clients. Before main is asked, a device-only client's data is announced and the person decides.
 */
import type { ExportKind } from '../../src-preload/contract/files.ts';
import { EXPORT_KINDS } from '../../src-preload/contract/files.ts';
import type { Client } from '../domain/client.ts';
import { caravan } from '../ipc/caravan.ts';
import { askDeviceOnlyExport } from './device-only-question.ts';

export interface ExportFile {
  kind: ExportKind;
  /** The name offered in the dialog, without extension; never a client's or project's name. */
  stem: string;
  /** Text, or the bytes of a binary kind (a PDF). */
  content: string | Uint8Array;
  /** Every client whose data the file holds. */
  clients: readonly Pick<Client, 'id' | 'name' | 'residency'>[];
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short for multi-megabyte files.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The clients of a list kept on this device only, each once. */
export function deviceOnlyClients<C extends Pick<Client, 'id' | 'residency'>>(clients: readonly C[]): C[] {
  const seen = new Set<string>();
  return clients.filter((c) => c.residency.kind === 'device-only' && !seen.has(c.id) && Boolean(seen.add(c.id)));
}

/**
 * Asks where to save; resolves to the path, or null when the person cancelled (the device-only
 * question or the dialog). Throws with main's message when main refuses or the write fails.
 */
export async function saveExport(file: ExportFile): Promise<string | null> {
  const deviceOnly = deviceOnlyClients(file.clients);
  if (deviceOnly.length > 0 && !(await askDeviceOnlyExport({ what: EXPORT_KINDS[file.kind].label, clientNames: deviceOnly.map((c) => c.name) }))) return null;
  const result = await caravan().files.saveText({
    kind: file.kind,
    stem: file.stem,
    content: typeof file.content === 'string' ? file.content : toBase64(file.content),
    clients: [...new Set(file.clients.map((c) => c.id))],
    deviceOnlyConfirmed: deviceOnly.length > 0,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.saved ? result.value.path : null;
}
