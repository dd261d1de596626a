/**
 * Saving an export the person asked for (a recovery kit, a CSV, a PDF). The renderer names the
 * kind; main picks the name's extension, the dialog's filter and the encoding. A file that holds
 * data of a client kept on this device only is written only if the person was told so first: main
 * answers which clients need the person's yes (the renderer asks, on their own screen, and sends
 * the request again confirmed), and audits each such client before the file is written. The dialog is
 * injected: Electron's save dialog in the app, a stub in tests. Writes are atomic so a crash
 * never leaves half a recovery kit.
 */
import { EXPORT_KINDS, type SaveExportRequest, type SaveTextResult } from '../../src-preload/contract/files.ts';
import { basename } from 'node:path';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { exportFileName } from './export-names.ts';

export interface SaveRequest {
  /** The name offered, as main made it. */
  suggestedName: string;
  /** The one filter the dialog shows, from the export's kind. */
  filters: { name: string; extensions: string[] }[];
}

export interface SaveDialog {
  /** The absolute path the person chose, or null if they cancelled. */
  chooseSavePath(request: SaveRequest): Promise<string | null>;
}

/** What saving needs from the locality guard: which clients are device-only, and the audit. */
export interface ExportGuard {
  /** The clients among these kept on this device only, or with no policy main can read (refused while locked). */
  deviceOnlyAmong(clientIds: readonly string[]): string[];
  /** Records that a device-only client's data went into a file of this kind. */
  deviceOnlyExported(clientId: string, kind: SaveExportRequest['kind']): Promise<void>;
}

export interface SaveDeps {
  dialog: SaveDialog;
  guard: ExportGuard;
  now: () => number;
}

/** Writes the file atomically; a failure says what to do. */
export async function writeChosenFile(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : 'the folder cannot be written to';
    throw new UserFacingError('io-failed', `Could not save ${basename(path)}: ${reason}. Choose another folder and try again.`);
  }
}

export async function saveText({ dialog, guard, now }: SaveDeps, request: SaveExportRequest): Promise<SaveTextResult> {
  const spec = EXPORT_KINDS[request.kind];
  const deviceOnly = request.clients.length > 0 ? guard.deviceOnlyAmong([...new Set(request.clients)]) : [];
  // Main's own count drives the question: the renderer's records may call a client EEA whose policy main holds back.
  if (deviceOnly.length > 0 && !request.deviceOnlyConfirmed) return { saved: false, needsConfirmation: deviceOnly };
  const path = await dialog.chooseSavePath({
    suggestedName: exportFileName(request.kind, request.stem, now()),
    filters: [{ name: spec.label, extensions: [spec.extension] }],
  });
  if (!path) return { saved: false };
  // Recorded before the file exists: a failed write leaves an entry that says more went out, never less.
  for (const clientId of deviceOnly) await guard.deviceOnlyExported(clientId, request.kind);
  await writeChosenFile(path, spec.encoding === 'base64' ? new Uint8Array(Buffer.from(request.content, 'base64')) : request.content);
  return { saved: true, path };
}
