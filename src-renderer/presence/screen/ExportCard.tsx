/**
 * The accountant's export: days per country per tax year, every day listed with its source, as CSV
 * or PDF, for the tax years overlapping the chosen days. Saved through main's dialog (save-export.ts);
 * the file holds the person's whereabouts and no client's data.
 */
import { Download } from 'lucide-react';
import { useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import type { PresenceRules } from '../../domain/presence.ts';
import { saveExport } from '../../exports/save-export.ts';
import { replacedWarning } from '../../playbook/pdf-document.ts';
import { Field } from '../../ui/Field.tsx';
import { errorMessage } from '../../ui/error-message.ts';
import { accountantCsv } from '../export/accountant-csv.ts';
import { accountantPdf } from '../export/accountant-pdf.ts';
import { accountantReport, type SourcedDay } from '../export/accountant-report.ts';

export function ExportCard({
  days,
  rules,
  today,
  told,
}: {
  days: readonly SourcedDay[];
  rules: PresenceRules;
  today: string;
  told: (message: string, error?: boolean) => void;
}) {
  const id = useId();
  const [from, setFrom] = useState(`${Number(today.slice(0, 4)) - 1}-01-01`);
  const [to, setTo] = useState(today);
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (kind: 'presence-csv' | 'presence-pdf') => {
    if (from === '' || to === '') return setError('From and To: choose both days');
    if (to < from) return setError('To: must not be before From');
    setError(null);
    setBusy(true);
    try {
      // Days after `to` are left out: planned trips are not days spent.
      const sections = accountantReport(
        days.filter((d) => d.day <= to),
        rules.taxYears,
        { from, to },
      );
      const stem = `caravan-days-per-country-${today}`;
      if (kind === 'presence-csv') {
        const path = await saveExport({ kind, stem, content: accountantCsv(sections), clients: [] });
        if (path) told('Days per country exported (CSV).');
      } else {
        const pdf = await accountantPdf({ sections, person, madeOn: today });
        const path = await saveExport({ kind, stem, content: pdf.bytes, clients: [] });
        if (path) told(['Days per country exported (PDF).', replacedWarning(pdf.replacedCharacters)].filter((t) => t !== '').join(' '));
      }
    } catch (failure) {
      told(errorMessage(failure), true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>For your accountant</h2>
      <p className="muted">
        Days per country per tax year, each day listed with where Caravan got it from. Tax years that overlap these days are included whole, up to To.
      </p>
      <div className="field-row">
        <Field id={`${id}-from`} label="From">
          {(control) => <input autoComplete="off" type="date" {...control} value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field id={`${id}-to`} label="To">
          {(control) => <input autoComplete="off" type="date" {...control} value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field id={`${id}-person`} label="Name on the PDF" length={person.length} max={120}>
          {(control) => <input autoComplete="off" type="text" {...control} maxLength={120} value={person} onChange={(e) => setPerson(e.target.value)} />}
        </Field>
      </div>
      <FormError message={error} />
      <div className="button-row">
        <button type="button" className="button" disabled={busy} onClick={() => void run('presence-csv')}>
          <Download aria-hidden size={16} /> Export CSV
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void run('presence-pdf')}>
          <Download aria-hidden size={16} /> Export PDF
        </button>
      </div>
    </section>
  );
}
