/** The Sync screen's entry to History: what it does, and the view in a dialog. */
import { History } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useIntent } from '../nav/use-intent.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { pluralize } from '../ui/format/index.ts';
import { useRetentionDays } from './use-retention.ts';
import { VaultHistoryView } from './VaultHistoryView.tsx';

export function HistoryCard() {
  const [open, setOpen] = useState(false);
  const { days } = useRetentionDays();
  // The command palette's "History and restore…".
  useIntent(
    'open-history',
    useCallback(() => setOpen(true), []),
  );
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p>
        See what changed since a moment in the last {pluralize(days, { one: 'day', other: 'days' })}, on this device or another, and put records back as they
        were.
      </p>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        <History aria-hidden size={16} /> Open history
      </button>
      <Dialog title="History" open={open} onClose={() => setOpen(false)} wide>
        <VaultHistoryView retentionDays={days} />
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      </Dialog>
    </section>
  );
}
