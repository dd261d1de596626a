/** A project's expenses: cloud and data costs passed through to the client or carried by the project. */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { CATEGORY_LABELS, ExpenseForm } from './ExpenseForm.tsx';
import { saveFailure } from './form-fields.ts';
import { type ExpenseCategory, expenseCategorySchema } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import { formatMoney, formatMinorPlain, toMinor } from '../reports/money.ts';
import { costAlert } from '../playbook/expense-alert.ts';
import { formatIsoDate, zonedDate } from '../time/zoned-time.ts';
import { errorMessage } from '../ui/error-message.ts';
import { ImportCostsDialog } from '../cost-import/ImportCostsDialog.tsx';

export function ExpensesSection({ project, zone, now }: { project: Project; zone: string; now: number }) {
  const all = useStore((s) => s.expenses);
  const addExpense = useStore((s) => s.addExpense);
  const patchProject = useStore((s) => s.patchProject);
  const [alertAmount, setAlertAmount] = useState(project.costAlert ? formatMinorPlain(project.costAlert.thresholdMinor, project.costAlert.currency) : '');
  const [alertCategory, setAlertCategory] = useState<ExpenseCategory | ''>(project.costAlert?.category ?? 'compute');
  const deleteExpense = useStore((s) => s.deleteExpense);
  const notify = useStore((s) => s.notify);
  const expenses = useMemo(() => all.filter((e) => e.projectId === project.id), [all, project.id]);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  /** The expense whose form is open. */
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = formatIsoDate(zonedDate(now, zone));
  const id = useId();

  const totals = useMemo(() => {
    const sums = new Map<string, { all: number; passThrough: number }>();
    for (const e of expenses) {
      const t = sums.get(e.currency) ?? { all: 0, passThrough: 0 };
      t.all += e.amountMinor;
      if (e.passThrough) t.passThrough += e.amountMinor;
      sums.set(e.currency, t);
    }
    return [...sums.entries()];
  }, [expenses]);

  const alert = project.costAlert ? costAlert(expenses, project.costAlert.thresholdMinor, project.costAlert.currency, project.costAlert.category) : null;
  const saveAlert = async (event: FormEvent) => {
    event.preventDefault();
    if (alertAmount.trim() === '') {
      await patchProject(project.id, { costAlert: undefined });
      return setError(null);
    }
    const parsed = toMinor(alertAmount, project.currency);
    if (!parsed.ok) return setError(`Cost alert: ${parsed.message}`);
    try {
      await patchProject(project.id, {
        costAlert: { thresholdMinor: parsed.minor, currency: project.currency, ...(alertCategory ? { category: alertCategory } : {}) },
      });
      setError(null);
    } catch (e) {
      setError(saveFailure(e, 'the cost alert'));
    }
  };

  const remove = async (expenseId: string) => {
    try {
      const removed = await deleteExpense(expenseId);
      // Restored as new and unbilled: no invoice claims the new id.
      const { id: _id, clientId: _c, createdAt: _ca, updatedAt: _ua, billed: _b, ...rest } = removed;
      notify('Expense deleted.', { action: { label: 'Undo', run: () => void addExpense({ ...rest, billed: false }) } });
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Expenses</h3>
      {alert && project.costAlert && alert.level !== 'ok' && (
        <p className={alert.level === 'over' ? 'banner warn' : 'banner'} role="status" data-testid="cost-alert">
          {alert.level === 'over' ? 'Cost alert: over' : 'Cost alert: approaching'} the limit of{' '}
          {formatMoney(project.costAlert.thresholdMinor, project.costAlert.currency)}
          {project.costAlert.category ? ` (${CATEGORY_LABELS[project.costAlert.category]})` : ''}: {formatMoney(alert.spentMinor, project.costAlert.currency)}{' '}
          spent.
        </p>
      )}
      <form className="field-row" onSubmit={saveAlert} autoComplete="off" aria-label="Cost alert">
        <label htmlFor={`${id}-alert`}>Alert at ({project.currency})</label>
        <input
          autoComplete="off"
          id={`${id}-alert`}
          className="short"
          inputMode="decimal"
          value={alertAmount}
          onChange={(e) => setAlertAmount(e.target.value)}
        />
        <select autoComplete="off" aria-label="Alert category" value={alertCategory} onChange={(e) => setAlertCategory(e.target.value as ExpenseCategory | '')}>
          <option value="">All expenses</option>
          {expenseCategorySchema.options.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          Set alert
        </button>
      </form>
      <FormError message={error} />
      {expenses.length === 0 && !adding && <p className="muted">Cloud, data and tool costs go here; pass-through ones go on the invoice at cost.</p>}
      {expenses.length > 0 && (
        <table className="list-table" aria-label="Expenses">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Category</th>
              <th scope="col">Receipt</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Pass-through</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {expenses.map((e) => (
              <tr key={e.id}>
                <td>{e.date}</td>
                <td>{CATEGORY_LABELS[e.category]}</td>
                <td>{e.receiptNote}</td>
                <td className="num">{formatMoney(e.amountMinor, e.currency)}</td>
                <td>{e.passThrough ? 'Yes' : 'No'}</td>
                <td className="row-actions">
                  {e.billed ? (
                    <span className="small muted">Billed</span>
                  ) : (
                    <button type="button" className="link-button" aria-label={`Edit expense of ${e.date}`} onClick={() => setEditing(e.id)}>
                      Edit
                    </button>
                  )}{' '}
                  {/* A billed expense is on an issued invoice: voiding the invoice unlocks it. */}
                  {!e.billed && (
                    <button type="button" className="link-button" aria-label={`Delete expense of ${e.date}`} onClick={() => void remove(e.id)}>
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {totals.map(([cur, t]) => (
              <tr key={cur}>
                <th scope="row" colSpan={3}>
                  Total {cur} (pass-through {formatMoney(t.passThrough, cur)})
                </th>
                <td className="num">{formatMoney(t.all, cur)}</td>
                <td colSpan={2} />
              </tr>
            ))}
          </tfoot>
        </table>
      )}
      {editing && expenses.some((e) => e.id === editing) && (
        <ExpenseForm project={project} expense={expenses.find((e) => e.id === editing)} today={today} onDone={() => setEditing(null)} />
      )}
      {adding ? (
        <ExpenseForm project={project} today={today} onDone={() => setAdding(false)} />
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add expense
          </button>
          <button type="button" className="button" onClick={() => setImporting(true)}>
            Import costs…
          </button>
        </div>
      )}
      <ImportCostsDialog project={project} open={importing} onClose={() => setImporting(false)} />
    </section>
  );
}
