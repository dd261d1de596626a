/** The GDPR tools' dialogs for one client at a time, and the erasure receipt that outlives the client. */
import { useState } from 'react';
import type { Client } from '../domain/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErasePanel } from './EraseDialog.tsx';
import { ErasureReceiptPanel } from './ErasureReceiptPanel.tsx';
import type { ErasureReceipt } from './erasure-receipt.ts';
import { ExportPanel } from './ExportDialog.tsx';
import { ProcessingRecordPanel } from './ProcessingRecordDialog.tsx';

/** Which tool is open, for which client. */
export type GdprAction = { kind: 'export' | 'record' | 'erase'; client: Client };

export function GdprDialogs({ action, onAction, onClose }: { action: GdprAction | null; onAction: (next: GdprAction) => void; onClose: () => void }) {
  const [receipt, setReceipt] = useState<ErasureReceipt | null>(null);
  const name = action?.client.name ?? '';
  const open = (kind: GdprAction['kind']) => (action?.kind === kind ? action.client : null);
  const exporting = open('export');
  const recording = open('record');
  const erasing = open('erase');
  return (
    <>
      <Dialog title={`Export ${name}’s data`} open={exporting !== null} onClose={onClose} wide>
        {exporting && <ExportPanel client={exporting} onClose={onClose} />}
      </Dialog>
      <Dialog title={`Record of processing: ${name}`} open={recording !== null} onClose={onClose} wide>
        {recording && <ProcessingRecordPanel client={recording} onClose={onClose} />}
      </Dialog>
      <Dialog title={`Erase ${name}`} open={erasing !== null} onClose={onClose} wide>
        {erasing && (
          <ErasePanel
            client={erasing}
            onCancel={onClose}
            onExportFirst={() => onAction({ kind: 'export', client: erasing })}
            onErased={(done) => {
              onClose();
              setReceipt(done);
            }}
          />
        )}
      </Dialog>
      <Dialog title="Erasure receipt" open={receipt !== null} onClose={() => setReceipt(null)} wide>
        {receipt && <ErasureReceiptPanel receipt={receipt} onClose={() => setReceipt(null)} />}
      </Dialog>
    </>
  );
}
