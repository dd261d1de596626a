/**
 * The preview: where the costs go and how they are billed, then what the import would do: rows to
 * add, rows already imported (skipped, and whether the file's total for them changed), rows that
 * could not be read (by line and column), and totals per currency, in the currency billed.
 * Nothing is written until Import; a file with unreadable rows cannot be imported.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { type ExpenseCategory, expenseCategorySchema } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import { CATEGORY_LABELS } from '../projects/ExpenseForm.tsx';
import { formatMoney } from '../reports/money.ts';
import { ImportButtons, RowErrorsSection } from '../csv/ImportSteps.tsx';
import { describeError } from './cost-line.ts';
import { importCosts, type ImportOutcome } from './import-costs.ts';
import { type ImportTarget, markupFromPercent, planImport } from './plan.ts';
import type { ScanResult } from './scan.ts';

/** Rows listed in each table; the totals count them all. */
const SHOWN = 100;

interface Props {
  project: Project;
  fileName: string;
  source: string;
  formatLabel: string;
  scan: ScanResult;
  onDone: (outcome: Extract<ImportOutcome, { ok: true }>) => void;
  onCancel: () => void;
}

export function PreviewStep({ project, fileName, source, formatLabel, scan, onDone, onCancel }: Props) {
  const expenses = useStore((s) => s.expenses);
  const addExpenses = useStore((s) => s.addExpenses);
  const allPhases = useStore((s) => s.phases);
  const allExperiments = useStore((s) => s.experiments);
  const phases = useMemo(() => allPhases.filter((p) => p.projectId === project.id), [allPhases, project.id]);
  const experiments = useMemo(() => allExperiments.filter((e) => e.projectId === project.id), [allExperiments, project.id]);
  const [phaseId, setPhaseId] = useState('');
  const [experimentId, setExperimentId] = useState('');
  const [category, setCategory] = useState<ExpenseCategory>('compute');
  const [passThrough, setPassThrough] = useState(true);
  const [markup, setMarkup] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const markupBp = markupFromPercent(markup);
  const target: ImportTarget = {
    projectId: project.id,
    category,
    passThrough,
    ...(passThrough && markupBp.ok && markupBp.bp > 0 ? { markupBp: markupBp.bp } : {}),
    ...(phaseId ? { phaseId } : {}),
    ...(experimentId ? { experimentId } : {}),
  };
  // Cheap (a few hundred groups against the cached expenses): planned again on every change.
  const plan = planImport(source, scan.groups, expenses, target, fileName);
  const blocked = scan.errorCount > 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (passThrough && !markupBp.ok) return setFailure(markupBp.message);
    setBusy(true);
    const outcome = await importCosts({ expenses: () => useStore.getState().expenses, addExpenses }, scan, source, target, fileName);
    setBusy(false);
    if (outcome.ok) onDone(outcome);
    else setFailure(outcome.message);
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="Import preview">
      <p>
        {formatLabel}, {fileName}: {scan.rows.toLocaleString()} {scan.rows === 1 ? 'row' : 'rows'} read.
        {scan.zeroGroups > 0 &&
          ` ${scan.zeroGroups} day and service ${scan.zeroGroups === 1 ? 'total nets' : 'totals net'} to zero and ${scan.zeroGroups === 1 ? 'is' : 'are'} left out.`}
      </p>
      <table className="list-table" aria-label="Totals per currency">
        <thead>
          <tr>
            <th scope="col">Currency billed</th>
            <th scope="col" className="num">
              To add
            </th>
            <th scope="col" className="num">
              Already imported
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.totals.map((t) => (
            <tr key={t.currency}>
              <th scope="row">{t.currency}</th>
              <td className="num">{formatMoney(t.addMinor, t.currency)}</td>
              <td className="num">{formatMoney(t.skippedMinor, t.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {blocked && (
        <RowErrorsSection
          heading={`${scan.errorCount} ${scan.errorCount === 1 ? 'row' : 'rows'} could not be read`}
          why="Nothing can be imported from this file while a row cannot be read: a day’s total would be short. Correct the rows and choose the file again."
          items={scan.errors.map(describeError)}
          count={scan.errorCount}
          label="Rows that could not be read"
          testId="import-errors"
        />
      )}
      <h3>
        {plan.adding.length} {plan.adding.length === 1 ? 'expense' : 'expenses'} to add
      </h3>
      {plan.adding.length > 0 && (
        <div className="cost-import-scroll" role="region" tabIndex={0} aria-label="Expenses to add, one per day and service">
          <table className="list-table" aria-label="Expenses to add">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Cost</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.adding.slice(0, SHOWN).map((g) => (
                <tr key={g.key}>
                  <td>{g.day}</td>
                  <td>{g.label}</td>
                  <td className="num">{g.lines}</td>
                  <td className="num">{formatMoney(g.amountMinor, g.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {plan.adding.length > SHOWN && <p className="muted">and {plan.adding.length - SHOWN} more, in the totals above.</p>}
        </div>
      )}
      {plan.skipped.length > 0 && (
        <details>
          <summary>
            {plan.skipped.length} already imported, skipped
            {plan.skipped.some((s) => s.differs) && `; ${plan.skipped.filter((s) => s.differs).length} with a different total in this file`}
          </summary>
          <ul className="cost-import-scroll" aria-label="Already imported" tabIndex={0}>
            {plan.skipped.slice(0, SHOWN).map((s) => (
              <li key={s.group.key}>
                {s.group.day} {s.group.label}: {formatMoney(s.existing.amountMinor, s.existing.currency)}
                {s.differs && ` imported; this file says ${formatMoney(s.group.amountMinor, s.group.currency)}. Edit that expense if the new total is right.`}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-phase`}>Phase</label>
          <select id={`${id}-phase`} autoComplete="off" value={phaseId} onChange={(e) => setPhaseId(e.target.value)}>
            <option value="">The whole project</option>
            {phases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-experiment`}>Experiment</label>
          <select id={`${id}-experiment`} autoComplete="off" value={experimentId} onChange={(e) => setExperimentId(e.target.value)}>
            <option value="">None</option>
            {experiments.map((x) => (
              <option key={x.id} value={x.id}>
                {x.hypothesis.length > 60 ? `${x.hypothesis.slice(0, 59)}…` : x.hypothesis}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-category`}>Category</label>
          <select id={`${id}-category`} autoComplete="off" value={category} onChange={(e) => setCategory(e.target.value as ExpenseCategory)}>
            {expenseCategorySchema.options.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-markup`}>Markup (%)</label>
          <input
            id={`${id}-markup`}
            autoComplete="off"
            inputMode="decimal"
            disabled={!passThrough}
            value={markup}
            placeholder="At cost"
            onChange={(e) => setMarkup(e.target.value)}
            aria-invalid={passThrough && !markupBp.ok}
          />
        </div>
      </div>
      <label className="checkbox">
        <input type="checkbox" autoComplete="off" checked={passThrough} onChange={(e) => setPassThrough(e.target.checked)} /> Pass through to the client (on the
        invoice, in the currency billed; the invoice converts at its fixed rate)
      </label>
      <FormError message={failure} />
      <ImportButtons
        label={
          plan.adding.length === 0 && !blocked ? 'Nothing new to import' : `Import ${plan.adding.length} ${plan.adding.length === 1 ? 'expense' : 'expenses'}`
        }
        disabled={busy || blocked || plan.adding.length === 0}
        busy={false}
        onCancel={onCancel}
      />
    </form>
  );
}
