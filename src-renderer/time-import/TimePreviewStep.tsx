/**
 * The preview: the rows as they will be written (date, start–end in their zone, duration, client,
 * project, billable, rate), the rows already imported, the rows with errors (by row, in words),
 * totals, the zone for rows that carry none, and the clients the import creates. Nothing is
 * written until Import; a file with any error cannot be imported.
 */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import { localZone } from '../clients/client-form.ts';
import { DateOrderSelect } from '../csv/FormatSelects.tsx';
import { ImportButtons, RowErrorsSection } from '../csv/ImportSteps.tsx';
import { currencySchema } from '../domain/common.ts';
import { formatMoney } from '../reports/money.ts';
import { formatDate, formatDurationShort, formatHours, formatRange } from '../time/format.ts';
import { applyTimeImport } from './apply-import.ts';
import type { TimeImportOutcome } from './import-time.ts';
import { NewClientsFields } from './NewClientsFields.tsx';
import type { NewClientChoice } from './plan.ts';
import type { RawReport } from './read-report.ts';
import type { TimeMapping } from './time-mapping.ts';
import { useImportPlan } from './use-import-plan.ts';

/** Rows listed; the totals count them all. */
const SHOWN = 200;
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Props {
  fileName: string;
  label: string;
  report: RawReport;
  mapping: TimeMapping;
  onDone: (outcome: Extract<TimeImportOutcome, { ok: true }>) => void;
  onCancel: () => void;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function TimePreviewStep({ fileName, label, report, mapping: given, onDone, onCancel }: Props) {
  const [zone, setZone] = useState(localZone);
  const [dateOrder, setDateOrder] = useState(given.dateOrder);
  const [mapping, setMapping] = useState(given);
  const [choices, setChoices] = useState<ReadonlyMap<string, NewClientChoice>>(new Map());
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const { plan, problem } = useImportPlan(report, mapping, zone, choices);

  const changeOrder = (order: TimeMapping['dateOrder']) => {
    setDateOrder(order);
    setMapping({ ...mapping, dateOrder: order });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!plan) return;
    const badCurrency = plan.newClients.find((c) => !currencySchema.safeParse(c.currency).success);
    if (badCurrency) return setFailure(`Currency of ${badCurrency.name}: three letters of a known currency, such as EUR or USD.`);
    setBusy(true);
    setFailure(null);
    const started = performance.now();
    const outcome = await applyTimeImport(plan, mapping.source);
    document.documentElement.dataset.timeImportWriteMs = String(Math.round(performance.now() - started));
    setBusy(false);
    if (outcome.ok) onDone(outcome);
    else setFailure(outcome.message);
  };

  if (!plan) {
    return (
      <div className="entity-form" role="status">
        {problem ?? `Checking ${fileName} against the blocks imported before…`}
      </div>
    );
  }
  const blocked = plan.errorCount > 0;
  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="Import preview">
      <p data-testid="time-import-summary">
        {label}, {fileName}: {plural(report.rows.length, 'row', 'rows')} read: {plan.blocks.length.toLocaleString()} new, {plan.skipped.toLocaleString()}{' '}
        already imported{plan.zeroRows > 0 ? `, ${plural(plan.zeroRows, 'row', 'rows')} of no duration left out` : ''}. New: {formatHours(plan.totalMs)},{' '}
        {formatHours(plan.billableMs)} billable.
      </p>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-zone`}>Time zone of the times in the file</label>
          <select id={`${id}-zone`} autoComplete="off" value={zone} onChange={(e) => setZone(e.target.value)}>
            {(ZONES.includes(zone) ? ZONES : [zone, ...ZONES]).map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </div>
        <DateOrderSelect value={dateOrder} onChange={changeOrder} />
      </div>
      {mapping.columns.zone && <p className="muted">Rows with a zone in “{mapping.columns.zone}” keep it; the zone above is for the rest.</p>}
      {blocked && (
        <RowErrorsSection
          heading={plural(plan.errorCount, 'row has an error', 'rows have errors')}
          why="Nothing can be imported from this file while a row has an error. Correct the rows and choose the file again."
          items={plan.errors}
          count={plan.errorCount}
          label="Rows with errors"
          testId="time-import-errors"
        />
      )}
      <NewClientsFields clients={plan.newClients} onChange={(key, choice) => setChoices(new Map(choices).set(key, choice))} />
      {plan.newProjects.length > 0 && (
        <p>
          New projects:{' '}
          {plan.newProjects.map((p) => `${p.name}${p.rateMinor !== null && p.currency ? ` (${formatMoney(p.rateMinor, p.currency)}/h)` : ''}`).join(', ')}.
        </p>
      )}
      {plan.blocks.length > 0 && (
        <div className="cost-import-scroll" role="region" tabIndex={0} aria-label="Blocks to add">
          <table className="list-table" aria-label="Blocks to add">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Date</th>
                <th scope="col">Time</th>
                <th scope="col" className="num">
                  Duration
                </th>
                <th scope="col">Client</th>
                <th scope="col">Project</th>
                <th scope="col">Billable</th>
                <th scope="col" className="num">
                  Rate
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.blocks.slice(0, SHOWN).map((b) => (
                <tr key={b.key}>
                  <td>{b.line}</td>
                  <td>{formatDate(b.start, b.zone)}</td>
                  <td>
                    {formatRange(b.start, b.end, b.zone)} {b.zone === zone ? '' : b.zone}
                  </td>
                  <td className="num">{formatDurationShort(b.end - b.start)}</td>
                  <td>{b.clientName}</td>
                  <td>{b.projectName}</td>
                  <td>{b.billable ? 'Yes' : 'No'}</td>
                  <td className="num">{b.rateMinor !== null && b.currency ? formatMoney(b.rateMinor, b.currency) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.blocks.length > SHOWN && <p className="muted">and {(plan.blocks.length - SHOWN).toLocaleString()} more, in the totals above.</p>}
        </div>
      )}
      <FormError message={failure} />
      <ImportButtons
        label={
          busy
            ? `Importing ${plural(plan.blocks.length, 'block', 'blocks')}…`
            : plan.blocks.length === 0 && !blocked
              ? 'Nothing new to import'
              : `Import ${plural(plan.blocks.length, 'block', 'blocks')}`
        }
        disabled={busy || blocked || plan.blocks.length === 0}
        busy={busy}
        onCancel={onCancel}
      />
    </form>
  );
}
