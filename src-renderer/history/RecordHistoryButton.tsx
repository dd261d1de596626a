/** "History" beside a record's form: opens that record's field history in a dialog. */
import { History } from 'lucide-react';
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import type { EntityTableName, Partition } from '../vault/store/rows.ts';
import { RecordHistoryView } from './RecordHistoryView.tsx';

export function RecordHistoryButton({ partition, table, id, title }: { partition: Partition; table: EntityTableName; id: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <History aria-hidden size={16} /> History
      </button>
      <Dialog title={title} open={open} onClose={() => setOpen(false)} wide>
        <RecordHistoryView partition={partition} table={table} id={id} />
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </>
  );
}
