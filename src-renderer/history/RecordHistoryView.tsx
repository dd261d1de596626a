/**
 * One record's history, newest first: when, on which device, and per field the value before and
 * after, in the words the rest of the app uses. Read from this device's change log in batches.
 */
import { useEffect, useState } from 'react';
import { formatInstant } from '../ui/format/index.ts';
import { errorMessage } from '../ui/error-message.ts';
import type { EntityTableName, Partition } from '../vault/store/rows.ts';
import { type HistoryBackend, liveHistoryBackend } from './history-backend.ts';
import { fieldLabel, formatValue, shownFields } from './describe.ts';
import type { ScanProgress } from './log-scan.ts';
import type { HistoryStep } from './record-history.ts';
import { useDeviceNameOf, useRecordNames } from './use-history-names.ts';

type Load = { status: 'loading'; progress: ScanProgress | null } | { status: 'ready'; steps: HistoryStep[] } | { status: 'failed'; message: string };

const KIND_WORDS = { created: 'Created', changed: 'Changed', deleted: 'Deleted' } as const;

export function RecordHistoryView({
  partition,
  table,
  id,
  backend = liveHistoryBackend(),
}: {
  partition: Partition;
  table: EntityTableName;
  id: string;
  backend?: HistoryBackend;
}) {
  const [load, setLoad] = useState<Load>({ status: 'loading', progress: null });
  const names = useRecordNames();
  const who = useDeviceNameOf();
  useEffect(() => {
    // Mounted per record (the dialog renders it only while open), so it starts in 'loading'.
    const stop = new AbortController();
    backend
      .readRecord(partition, table, id, { signal: stop.signal, onProgress: (progress) => setLoad({ status: 'loading', progress }) })
      .then((steps) => setLoad({ status: 'ready', steps }))
      .catch((error: unknown) => {
        if (!stop.signal.aborted) setLoad({ status: 'failed', message: `The history could not be read: ${errorMessage(error)}` });
      });
    return () => stop.abort();
    // The backend is the same vault for the life of the view; a new object per render must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [partition, table, id]);

  if (load.status === 'failed') return <p className="form-error">{load.message}</p>;
  if (load.status === 'loading') {
    return (
      <p className="muted" role="status">
        Reading the history…
        {load.progress && load.progress.total > 0 && (
          <progress className="progress-line" value={load.progress.done} max={load.progress.total} aria-label="Reading progress" />
        )}
      </p>
    );
  }
  if (load.steps.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">No history here</p>
        <p>This device holds no change of this record. A device that joined from a snapshot only has the history after it.</p>
      </div>
    );
  }
  return (
    <ol className="history-steps" aria-label="Changes, newest first">
      {[...load.steps].reverse().map((step) => {
        const fields = step.kind === 'changed' ? shownFields(step.fields.map((f) => f.field)) : [];
        return (
          <li key={step.hlc}>
            <p>
              <strong>{KIND_WORDS[step.kind]}</strong> {formatInstant(step.at)} · {who(step.origin)}
            </p>
            {fields.length > 0 && (
              <ul>
                {step.fields
                  .filter((f) => fields.includes(f.field))
                  .map((f) => (
                    <li key={f.field}>
                      {fieldLabel(f.field)}: {formatValue(table, f.field, f.before, undefined, names)} →{' '}
                      {formatValue(table, f.field, f.after, undefined, names)}
                    </li>
                  ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
