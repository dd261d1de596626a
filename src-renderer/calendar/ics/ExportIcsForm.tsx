/**
 * "Export .ics…": a period, the clients and the kinds of events to include. The file is written by
 * export-ics.ts and saved through main, which asks before a device-only client's data leaves.
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { FormError } from '../../app/FormError.tsx';
import { useClock } from '../../app/use-clock.ts';
import { saveExport } from '../../exports/save-export.ts';
import { useInvoices } from '../../invoices/screen/use-invoices.ts';
import { formatIsoDate, zonedDate } from '../../time/zoned-time.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { countOf } from '../../ui/format/index.ts';
import type { CalendarExportChoice } from './export-items.ts';
import { exportIcs } from './export-ics.ts';

const KINDS = [
  ['blocks', 'Time blocks'],
  ['deadlines', 'Phase deadlines'],
  ['killSwitches', 'Kill-switch dates'],
  ['invoices', 'Invoice due dates'],
] as const;

export function ExportIcsForm() {
  const id = useId();
  const { now, zone } = useClock();
  const clients = useStore((s) => s.clients);
  const invoices = useInvoices();
  const today = zonedDate(now, zone);
  const [from, setFrom] = useState(() => formatIsoDate({ ...today, day: 1 }));
  // This month and the next two: day 0 of the third month after is the last day of the second.
  const [to, setTo] = useState(() => new Date(Date.UTC(today.year, today.month - 1 + 3, 0)).toISOString().slice(0, 10));
  const [clientId, setClientId] = useState('');
  const [include, setInclude] = useState<CalendarExportChoice['include']>({ blocks: true, deadlines: true, killSwitches: true, invoices: true });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const s = useStore.getState();
    if (!s.blocksComplete) return setError('Your older time blocks are still being read; export again in a moment.');
    if (include.invoices && invoices === null) return setError('Your invoices are still being read; export again in a moment.');
    setBusy(true);
    try {
      const outcome = await exportIcs(
        { now: () => Date.now(), save: (file) => saveExport(file) },
        { clients: s.clients, projects: s.projects, phases: s.phases, killSwitches: s.killSwitches, blocks: s.blocks, invoices: invoices ?? [] },
        { from, to, zone, clientIds: clientId === '' ? null : new Set([clientId]), include },
      );
      if (outcome.kind === 'refused') setError(outcome.message);
      else if (outcome.kind === 'saved') setDone(`${countOf(outcome.events, 'event')} exported to ${outcome.path}.`);
    } catch (e) {
      setError(`The calendar was not saved: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate autoComplete="off" aria-label="Export a calendar">
      <h3>Export</h3>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" autoComplete="off" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" autoComplete="off" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-client`}>Clients</label>
          <select id={`${id}-client`} autoComplete="off" value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">All clients</option>
            {clients.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="reminder-group">
        <legend>Include</legend>
        {KINDS.map(([key, label]) => (
          <label key={key} className="checkbox">
            <input type="checkbox" autoComplete="off" checked={include[key]} onChange={(e) => setInclude({ ...include, [key]: e.target.checked })} />
            {label}
          </label>
        ))}
      </fieldset>
      <p className="field-hint">
        Blocks keep their own time zone; deadlines and due dates are all-day events. Importing the file again into a calendar app updates its events instead of
        adding them twice.
      </p>
      <FormError message={error} />
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          Export .ics…
        </button>
      </div>
    </form>
  );
}
