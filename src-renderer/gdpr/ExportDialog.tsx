/**
 * A client's access and portability export (Art. 15 and 20): everything Caravan holds about the
 * client, read through the repositories when the dialog opens, saved as one JSON file or as one
 * CSV file per record kind. Each save that writes something is recorded in the audit log.
 */
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { ActionStatus } from '../app/ActionStatus.tsx';
import type { Client } from '../domain/client.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { readClientRecords } from './client-records.ts';
import { gdprErrorMessage, gdprFileStem } from './gdpr-files.ts';
import { exportConsent, saveExport } from '../exports/save-export.ts';
import { EXPORT_CSV_FILES, exportClientData, type ClientExport } from './portability-export.ts';
import { errorMessage } from '../ui/error-message.ts';
import { fromBase64 } from '../vault/crypto/encoding.ts';
import { useLoaded } from '../ui/use-loaded.ts';

type Loaded = { kind: 'reading' } | { kind: 'ready'; data: ClientExport; at: number } | { kind: 'failed'; message: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The dialog's content; mounted only while it is open, so each opening reads afresh. */
export function ExportPanel({ client, onClose }: { client: Client; onClose: () => void }) {
  const appVersion = useStore((s) => s.appInfo?.version ?? 'unknown');
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = useLoaded(async () => {
    const records = await readClientRecords(repoContext(), client.id);
    const at = Date.now();
    return { data: exportClientData(records, { exportedAt: at, appVersion }), at };
  }, [client.id, appVersion]);
  const loaded: Loaded =
    read.status === 'ready'
      ? { kind: 'ready', ...read.value }
      : read.status === 'failed'
        ? { kind: 'failed', message: gdprErrorMessage(read.error, 'Nothing was exported.') }
        : { kind: 'reading' };

  /** Records the export in the audit log; a failure is said, since the file is on disk anyway. */
  const audit = async (): Promise<string> => {
    try {
      await unwrap(caravan().locality.recordClientAction('client-exported', client.id));
      return 'Recorded in the audit log.';
    } catch (e) {
      setError(`The file is saved, but the audit log did not record the export: ${errorMessage(e)} Note the export yourself, or export again later.`);
      return '';
    }
  };

  const run = async (save: (data: ClientExport, stem: string) => Promise<string>) => {
    if (loaded.kind !== 'ready') return;
    setError(null);
    setDone(null);
    try {
      setDone(await save(loaded.data, gdprFileStem('export', loaded.at)));
    } catch (e) {
      setError(gdprErrorMessage(e, 'Check the folder you chose (is it writable, is the disk full?) and save again.'));
    } finally {
      setBusy(null);
    }
  };

  const saveJson = () =>
    run(async (data, stem) => {
      setBusy('Saving the JSON file…');
      const path = await saveExport({ kind: 'access-export-json', stem, content: data.json, clients: [client] });
      if (path === null) return 'Cancelled: nothing was saved.';
      return `Saved to ${path}. ${await audit()}`;
    });

  const saveCsv = () =>
    run(async (data, stem) => {
      let saved = 0;
      let folder = '';
      // One question for the whole export, not one per file.
      const consent = exportConsent();
      for (const [i, name] of EXPORT_CSV_FILES.entries()) {
        setBusy(`Saving ${name} (${i + 1} of ${EXPORT_CSV_FILES.length})…`);
        const path = await saveExport(
          {
            kind: 'access-export-csv',
            stem: `${stem}-${name.replace(/\.csv$/u, '')}`,
            content: data.csv[name],
            clients: [client],
          },
          consent,
        );
        if (path === null) {
          if (saved === 0) return 'Cancelled: nothing was saved.';
          return `Saved ${saved} of ${EXPORT_CSV_FILES.length} files; ${name} and the files after it were not saved, so this export is incomplete. Save CSV again for all of them. ${await audit()}`;
        }
        saved++;
        folder = path.replace(/[\\/][^\\/]*$/u, '');
      }
      return `Saved ${saved} CSV files in ${folder}. ${await audit()}`;
    });

  // The invoices and credit notes as sent: the PDF of each issued document, as a file of its own.
  const savePdfs = () =>
    run(async (data) => {
      const issued = data.document.invoiceDocuments.filter((d) => d.pdfBase64 !== null && d.number !== null);
      const consent = exportConsent();
      let saved = 0;
      for (const [i, d] of issued.entries()) {
        setBusy(`Saving ${d.number} (${i + 1} of ${issued.length})…`);
        const bytes = fromBase64(d.pdfBase64 ?? '');
        if (bytes === undefined) throw new Error(`The PDF of ${d.number} is damaged in the vault; ${saved} of ${issued.length} PDFs were saved.`);
        const stem = `${d.kind === 'credit-note' ? 'credit-note' : 'invoice'}-${d.number}`;
        const path = await saveExport({ kind: 'invoice-pdf', stem, content: bytes, clients: [client] }, consent);
        if (path === null) return saved === 0 ? 'Cancelled: nothing was saved.' : `Saved ${saved} of ${issued.length} PDFs; the rest were not saved.`;
        saved++;
      }
      return `Saved ${plural(saved, 'invoice PDF', 'invoice PDFs')}. ${await audit()}`;
    });

  const doc = loaded.kind === 'ready' ? loaded.data.document : null;
  const pdfCount = doc?.invoiceDocuments.filter((d) => d.pdfBase64 !== null).length ?? 0;
  return (
    <div className="gdpr-panel">
      <p>
        Everything Caravan holds about {client.name}, for an access request (Art. 15 GDPR) or a portability request (Art. 20): the client, its projects, phases,
        time blocks, experiments, expenses, kill switches and invoices (the documents as sent, with their PDFs). The files are not encrypted; give them only to
        the client.
      </p>
      {loaded.kind === 'reading' && (
        <p className="muted" role="status">
          Reading {client.name}’s records…
        </p>
      )}
      {loaded.kind === 'failed' && <FormError message={loaded.message} />}
      {doc && (
        <ul className="gdpr-summary" aria-label="What the export holds">
          <li>{plural(doc.projects.length, 'project', 'projects')}</li>
          <li>{plural(doc.phases.length, 'phase', 'phases')}</li>
          <li>{plural(doc.timeBlocks.length, 'time block', 'time blocks')}</li>
          <li>{plural(doc.experiments.length, 'experiment', 'experiments')}</li>
          <li>{plural(doc.expenses.length, 'expense', 'expenses')}</li>
          <li>{plural(doc.killSwitches.length, 'kill switch', 'kill switches')}</li>
          <li>{plural(doc.invoiceDocuments.length, 'invoice document', 'invoice documents')}</li>
        </ul>
      )}
      <ActionStatus busy={busy} done={done} error={error} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={!doc || busy !== null} onClick={() => void saveJson()}>
          Save JSON
        </button>
        <button type="button" className="button" disabled={!doc || busy !== null} onClick={() => void saveCsv()}>
          Save CSV (saves {EXPORT_CSV_FILES.length} files)
        </button>
        {pdfCount > 0 && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void savePdfs()}>
            Save invoice PDFs ({pdfCount})
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="small muted">
        JSON is one file. CSV is {EXPORT_CSV_FILES.length} files, one per kind of record ({EXPORT_CSV_FILES.join(', ')}): Caravan asks where to save each.
      </p>
    </div>
  );
}
