/**
 * The vault as of a moment within the history window: what changed, was created and was deleted
 * since, grouped by client and kind of record, with checkboxes; restore the selection or everything
 * shown as new changes, and undo that. Each row opens the record's own history.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatInstant, pluralize } from '../ui/format/index.ts';
import { errorMessage } from '../ui/error-message.ts';
import { Dialog } from '../ui/Dialog.tsx';
import type { EntityTableName, Partition } from '../vault/store/rows.ts';
import type { RecordDiff } from './as-of.ts';
import { fieldLabel, formatValue, type Names, recordLabel, shownFields, TABLE_LABELS } from './describe.ts';
import { type HistoryBackend, liveHistoryBackend } from './history-backend.ts';
import type { ScanProgress } from './log-scan.ts';
import { RecordHistoryView } from './RecordHistoryView.tsx';
import { notRestorable, type RestoreOutcome, restoreItems } from './restore.ts';
import { retentionMs } from './retention.ts';
import { useRecordNames } from './use-history-names.ts';

/** Rows drawn per group; the rest are counted (and selected with the group). */
const ROWS_SHOWN = 100;
const KIND_WORDS = { changed: 'Changed', created: 'Created since', deleted: 'Deleted since' } as const;

type Load =
  | { status: 'idle' }
  | { status: 'reading'; progress: ScanProgress | null }
  | { status: 'ready'; instant: number; diffs: RecordDiff[] }
  | { status: 'failed'; message: string };

const keyOf = (d: Pick<RecordDiff, 'table' | 'id'>) => `${d.table}|${d.id}`;

/** `datetime-local` text for an instant, in local time. */
function localInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Names of clients, projects, phases and experiments found in the differences (one deleted since is no longer in the store). */
function namesIn(diffs: readonly RecordDiff[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of diffs) {
    const record = d.now ?? d.then;
    const name = d.table === 'experiments' ? record?.['hypothesis'] : record?.['name'];
    if (typeof name === 'string' && ['clients', 'projects', 'phases', 'experiments'].includes(d.table)) out.set(keyOf(d), name);
  }
  return out;
}

/** Differences by partition, then by table, in a stable order. */
function grouped(diffs: readonly RecordDiff[]): Array<{ partition: Partition; tables: Array<{ table: EntityTableName; rows: RecordDiff[] }> }> {
  const byPartition = new Map<Partition, Map<EntityTableName, RecordDiff[]>>();
  for (const d of diffs) {
    const tables = byPartition.get(d.partition) ?? new Map<EntityTableName, RecordDiff[]>();
    tables.set(d.table, [...(tables.get(d.table) ?? []), d]);
    byPartition.set(d.partition, tables);
  }
  return [...byPartition].map(([partition, tables]) => ({ partition, tables: [...tables].map(([table, rows]) => ({ table, rows: rows.sort(byWhen) })) }));
}

/** Rows in the order a person looks for them: by start or date, then by name. */
function byWhen(a: RecordDiff, b: RecordDiff): number {
  const key = (d: RecordDiff) => {
    const r = d.then ?? d.now ?? {};
    const when = r['start'] ?? r['date'] ?? r['from'] ?? r['id'];
    return typeof when === 'number' ? String(when).padStart(16, '0') : String(when ?? '');
  };
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** "Note: empty → rewritten; Billable: Yes → No" for a changed record. */
function summary(d: RecordDiff, names: Names): string {
  if (d.kind !== 'changed') return '';
  const fields = shownFields(d.fields);
  const parts = fields
    .slice(0, 3)
    .map((f) => `${fieldLabel(f)}: ${formatValue(d.table, f, d.then?.[f], d.then, names)} → ${formatValue(d.table, f, d.now?.[f], d.now, names)}`);
  return parts.join('; ') + (fields.length > 3 ? `; ${fields.length - 3} more` : '');
}

export function VaultHistoryView({
  retentionDays,
  backend = liveHistoryBackend(),
  now = Date.now,
}: {
  retentionDays: number;
  backend?: HistoryBackend;
  now?: () => number;
}) {
  const [when, setWhen] = useState(() => localInput(now() - 3_600_000));
  const [problem, setProblem] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'idle' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ message: string; outcome: RestoreOutcome | null; error: boolean } | null>(null);
  const [opened, setOpened] = useState<RecordDiff | null>(null);
  const reading = useRef<AbortController | null>(null);
  useEffect(() => () => reading.current?.abort(), []);

  // Settings are bookkeeping as much as preferences (the invoice register, the audit log's anchor):
  // counted, not listed, and never restored.
  const all = useMemo(() => (load.status === 'ready' ? load.diffs : []), [load]);
  const diffs = useMemo(() => all.filter((d) => d.table !== 'settings'), [all]);
  const settingsChanged = all.length - diffs.length;
  const extraNames = useMemo(() => namesIn(diffs), [diffs]);
  const names = useRecordNames(extraNames);
  const groups = useMemo(() => grouped(diffs), [diffs]);

  const read = async (instant: number) => {
    reading.current?.abort();
    const stop = new AbortController();
    reading.current = stop;
    setLoad({ status: 'reading', progress: null });
    try {
      const result = await backend.readAt(instant, { signal: stop.signal, onProgress: (progress) => setLoad({ status: 'reading', progress }) });
      setLoad({ status: 'ready', instant, diffs: result.diffs });
      setSelected(new Set());
    } catch (error) {
      if (stop.signal.aborted) setLoad({ status: 'idle' });
      else setLoad({ status: 'failed', message: `The history could not be read: ${errorMessage(error)}` });
    }
  };

  const compare = (event: React.FormEvent) => {
    event.preventDefault();
    const instant = new Date(when).getTime();
    const current = now();
    if (!Number.isFinite(instant)) return setProblem('As of: enter a date and a time.');
    if (instant >= current) return setProblem('As of: pick a moment in the past.');
    if (instant < current - retentionMs(retentionDays)) {
      return setProblem(
        `As of: history reaches back ${pluralize(retentionDays, { one: 'day', other: 'days' })} (Settings → Sync history). Pick a later moment.`,
      );
    }
    setProblem(null);
    setDone(null);
    void read(instant);
  };

  const restore = async (which: readonly RecordDiff[]) => {
    if (load.status !== 'ready') return;
    setBusy(true);
    const result = await backend.restore(restoreItems(which));
    setBusy(false);
    setDone(result.ok ? { message: result.message, outcome: result.outcome, error: false } : { message: result.message, outcome: null, error: true });
    if (result.ok) await read(load.instant);
  };

  const undo = async (outcome: RestoreOutcome) => {
    setBusy(true);
    const result = await backend.undo(outcome);
    setBusy(false);
    setDone({ message: result.message, outcome: null, error: !result.ok });
    if (result.ok && load.status === 'ready') await read(load.instant);
  };

  const toggle = (keys: readonly string[], on: boolean) => {
    const next = new Set(selected);
    for (const key of keys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    setSelected(next);
  };

  const restorable = diffs.filter((d) => notRestorable(d) === null);
  const chosen = restorable.filter((d) => selected.has(keyOf(d)));
  const partitionName = (p: Partition) => (p === 'workspace' ? 'Your own records' : (names.name('clients', p.slice('client:'.length)) ?? 'A deleted client'));

  return (
    <div className="history-view">
      <form className="entity-form" onSubmit={compare} noValidate autoComplete="off">
        <div className="field-group">
          <label htmlFor="history-as-of">As of</label>
          <input
            id="history-as-of"
            autoComplete="off"
            type="datetime-local"
            value={when}
            min={localInput(now() - retentionMs(retentionDays))}
            max={localInput(now())}
            aria-invalid={problem !== null}
            aria-describedby="history-as-of-help"
            onChange={(e) => setWhen(e.target.value)}
          />
          <p id="history-as-of-help" className="field-hint">
            Within the last {pluralize(retentionDays, { one: 'day', other: 'days' })}. Restoring writes new changes; nothing in the history is removed.
          </p>
        </div>
        {problem && <p className="form-error">{problem}</p>}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={load.status === 'reading' || busy}>
            Compare with now
          </button>
          {load.status === 'reading' && (
            <button type="button" className="button" onClick={() => reading.current?.abort()}>
              Stop
            </button>
          )}
        </div>
      </form>

      {load.status === 'reading' && (
        <p role="status" className="muted">
          Reading the history{load.progress && load.progress.total > 0 ? `: ${load.progress.done} of ${load.progress.total} changes` : '…'}
          {load.progress && load.progress.total > 0 && (
            <progress className="progress-line" value={load.progress.done} max={load.progress.total} aria-label="Reading progress" />
          )}
        </p>
      )}
      {load.status === 'failed' && <p className="form-error">{load.message}</p>}
      {done && (
        <div role="status" className={done.error ? 'form-error' : 'notice'}>
          {done.message}{' '}
          {done.outcome && done.outcome.written > 0 && (
            <button type="button" className="button small" disabled={busy} onClick={() => void undo(done.outcome as RestoreOutcome)}>
              Undo this restore
            </button>
          )}
        </div>
      )}

      {load.status === 'ready' && diffs.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">
            {all.length === 0 ? 'Nothing' : 'No record'} changed since {formatInstant(load.instant)}
          </p>
          <p>Every record is as it was then. Pick an earlier moment to look further back.</p>
        </div>
      )}

      {load.status === 'ready' && diffs.length > 0 && (
        <>
          <p>
            {pluralize(diffs.length, { one: 'record differs', other: 'records differ' })} from {formatInstant(load.instant)}.
          </p>
          {groups.map((group) => (
            <section key={group.partition} className="history-group" aria-label={partitionName(group.partition)}>
              <h3>{partitionName(group.partition)}</h3>
              {group.tables.map(({ table, rows }) => {
                const keys = rows.filter((d) => notRestorable(d) === null).map(keyOf);
                const all = keys.length > 0 && keys.every((k) => selected.has(k));
                const label = `${partitionName(group.partition)}: ${TABLE_LABELS[table].many}`;
                return (
                  <fieldset key={table} className="history-table">
                    <legend>
                      <label>
                        <input
                          autoComplete="off"
                          type="checkbox"
                          checked={all}
                          disabled={keys.length === 0}
                          aria-label={`Select all: ${label}`}
                          onChange={(e) => toggle(keys, e.target.checked)}
                        />{' '}
                        {TABLE_LABELS[table].many} ({rows.length})
                      </label>
                    </legend>
                    <ul className="history-rows">
                      {rows.slice(0, ROWS_SHOWN).map((d) => {
                        const why = notRestorable(d);
                        const text = recordLabel(d.table, d.then ?? d.now, names);
                        return (
                          <li key={keyOf(d)}>
                            <label>
                              <input
                                autoComplete="off"
                                type="checkbox"
                                checked={selected.has(keyOf(d))}
                                disabled={why !== null}
                                onChange={(e) => toggle([keyOf(d)], e.target.checked)}
                              />{' '}
                              <span className="chip">{KIND_WORDS[d.kind]}</span> {text}
                            </label>
                            {summary(d, names) && <span className="muted"> {summary(d, names)}</span>}
                            {why && <span className="muted"> {why}</span>}{' '}
                            <button type="button" className="button small" onClick={() => setOpened(d)}>
                              History <span className="visually-hidden">of {text}</span>
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                    {rows.length > ROWS_SHOWN && <p className="muted">And {rows.length - ROWS_SHOWN} more like these; “Select all” includes them.</p>}
                  </fieldset>
                );
              })}
            </section>
          ))}
          <div className="button-row">
            <button type="button" className="button primary" disabled={busy || chosen.length === 0} onClick={() => void restore(chosen)}>
              Restore selected ({chosen.length})
            </button>
            <button type="button" className="button" disabled={busy || restorable.length === 0} onClick={() => void restore(restorable)}>
              Restore everything shown ({restorable.length})
            </button>
          </div>
        </>
      )}

      {load.status === 'ready' && settingsChanged > 0 && (
        <p className="muted">
          {pluralize(settingsChanged, { one: 'setting', other: 'settings' })} changed too; settings are not restored from history (some of them number your
          invoices).
        </p>
      )}
      <Dialog
        title={opened ? `History: ${recordLabel(opened.table, opened.then ?? opened.now, names)}` : 'History'}
        open={opened !== null}
        onClose={() => setOpened(null)}
        wide
      >
        {opened && <RecordHistoryView partition={opened.partition} table={opened.table} id={opened.id} backend={backend} />}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setOpened(null)}>
            Close
          </button>
        </div>
      </Dialog>
    </div>
  );
}
