/**
 * The weekly client update: one client, one week, generated from that client's blocks, phases,
 * experiments and kill switches only, with next steps the person writes; saved as Markdown or PDF.
 */
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { weeklyUpdate } from '../playbook/weekly-update.ts';
import { replacedWarning, weeklyUpdatePdf } from '../playbook/pdf-document.ts';
import { addZonedDays, isoWeek, startOfZonedWeek, zonedDate } from '../time/zoned-time.ts';
import { weeklyUpdateStem } from '../playbook/document-names.ts';
import { formatCalendarDay } from '../ui/format/dates.ts';
import { useHourStyle } from '../ui/format/use-hour-style.ts';
import { useNextStepsDraft } from './next-steps-drafts.ts';
import { saveExport } from '../exports/save-export.ts';
import { errorMessage } from '../ui/error-message.ts';

export function WeeklyUpdateForm({ zone, now, onDone }: { zone: string; now: number; onDone: () => void }) {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const blocks = useStore((s) => s.blocks);
  const experiments = useStore((s) => s.experiments);
  const killSwitches = useStore((s) => s.killSwitches);
  const notify = useStore((s) => s.notify);
  const active = clients.filter((c) => !c.archived);
  const [clientId, setClientId] = useState(active[0]?.id ?? '');
  const [weeksBack, setWeeksBack] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const hourStyle = useHourStyle();
  const weekStart = addZonedDays(startOfZonedWeek(now, zone), -7 * weeksBack, zone);
  const week = useMemo(() => isoWeek(weekStart, zone), [weekStart, zone]);
  const [nextSteps, setNextSteps] = useNextStepsDraft(clientId, `${week.year}-W${week.week}`);
  const client = clients.find((c) => c.id === clientId);
  const update = useMemo(
    () => (client ? weeklyUpdate({ client, projects, phases, blocks, experiments, killSwitches, nextSteps }, { weekStart, zone, hourStyle }) : null),
    [client, projects, phases, blocks, experiments, killSwitches, nextSteps, weekStart, zone, hourStyle],
  );
  // The update goes to this client: the name says whose and which week, in safe characters.
  const fileBase = weeklyUpdateStem(client?.name ?? '', week);

  const save = async (kind: 'md' | 'pdf') => {
    if (!update || !client) return;
    setError(null);
    try {
      const pdf = kind === 'pdf' ? await weeklyUpdatePdf(update) : undefined;
      const path = pdf
        ? await saveExport({ kind: 'weekly-update-pdf', stem: fileBase, content: pdf.bytes, clients: [client] })
        : await saveExport({ kind: 'weekly-update-md', stem: fileBase, content: update.markdown, clients: [client] });
      if (path) {
        // Like the invoice: a name the font could not draw is said, not left for the client to find.
        const drawn = replacedWarning(pdf?.replacedCharacters ?? 0);
        notify(`Weekly update saved as ${pdf ? 'PDF' : 'Markdown'}.${drawn ? ` ${drawn}` : ''}`, drawn ? { tone: 'error' } : {});
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (active.length === 0) return <p className="muted">Create a client first: an update is written for one client.</p>;
  return (
    <div className="entity-form">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-client`}>Client</label>
          <select autoComplete="off" id={`${id}-client`} value={clientId} onChange={(e) => setClientId(e.target.value)}>
            {active.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-week`}>Week</label>
          <select autoComplete="off" id={`${id}-week`} value={weeksBack} onChange={(e) => setWeeksBack(Number(e.target.value))}>
            {[0, 1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? 'This week' : n === 1 ? 'Last week' : `${n} weeks ago`} (from{' '}
                {formatCalendarDay(zonedDate(addZonedDays(startOfZonedWeek(now, zone), -7 * n, zone), zone))})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-next`}>Next steps</label>
        <textarea
          autoComplete="off"
          id={`${id}-next`}
          rows={3}
          value={nextSteps}
          placeholder="Label the remaining 2 000 assays; review the error analysis on Thursday."
          onChange={(e) => setNextSteps(e.target.value)}
        />
      </div>
      <p className="field-hint">
        Lines starting with “-” or “1.” become a list. Kept as a draft for this client and week. Only this client’s projects appear; the update has hours and
        progress, no rates or amounts.
      </p>
      {update && (
        <pre className="update-preview" aria-label="Preview" tabIndex={0}>
          {update.markdown}
        </pre>
      )}
      <FormError message={error} />
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => void save('pdf')}>
          Save PDF
        </button>
        <button type="button" className="button" onClick={() => void save('md')}>
          Save Markdown
        </button>
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}
