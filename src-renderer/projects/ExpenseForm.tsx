/**
 * One form to add an expense and to edit it later (prefilled). Every field is checked at once and
 * answered in words of its label; a negative amount is refused here (an expense is money paid out:
 * a refund lowers or removes the expense it refunds).
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { type Expense, type ExpenseCategory, expenseCategorySchema } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import { formatMinorPlain } from '../reports/money.ts';
import { Field, focusFirstInvalid } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { FormButtons } from '../ui/FormButtons.tsx';
import { checkExpense, type ExpenseField } from './expense-check.ts';
import { saveFailure } from './form-fields.ts';

const ORDER: readonly ExpenseField[] = ['date', 'amount', 'currency'];
const RECEIPT_MAX = 2_000;

export const CATEGORY_LABELS: Record<ExpenseCategory, string> = {
  compute: 'Compute: cloud, GPUs',
  data: 'Data: bought or labelled',
  travel: 'Travel',
  accommodation: 'Accommodation',
  meals: 'Meals',
  software: 'Tools and software',
  hardware: 'Hardware',
  subcontracting: 'Subcontracting',
  fees: 'Fees',
  other: 'Other',
};

export function ExpenseForm({ project, expense, today, onDone }: { project: Project; expense?: Expense; today: string; onDone: () => void }) {
  const addExpense = useStore((s) => s.addExpense);
  const patchExpense = useStore((s) => s.patchExpense);
  const [date, setDate] = useState(expense?.date ?? today);
  const [amount, setAmount] = useState(expense ? formatMinorPlain(expense.amountMinor, expense.currency) : '');
  const [currency, setCurrency] = useState(expense?.currency ?? project.currency);
  const [category, setCategory] = useState<ExpenseCategory>(expense?.category ?? 'compute');
  const [passThrough, setPassThrough] = useState(expense?.passThrough ?? true);
  const [receiptNote, setReceiptNote] = useState(expense?.receiptNote ?? '');
  const [errors, setErrors] = useState<FieldErrors<ExpenseField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const id = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkExpense({ date, amount, currency });
    setErrors(checked.errors);
    if (checked.amountMinor === undefined) return focusFirstInvalid(ORDER, checked.errors, (key) => `${id}-${key}`);
    const fields = { date, amountMinor: checked.amountMinor, currency: currency.trim().toUpperCase(), category, passThrough, receiptNote };
    try {
      if (expense) await patchExpense(expense.id, fields);
      else await addExpense({ projectId: project.id, ...fields });
      onDone();
    } catch (e) {
      setFailure(saveFailure(e, 'the expense'));
    }
  };

  return (
    <form className="entity-form" onSubmit={save} autoComplete="off" noValidate aria-label={expense ? 'Edit expense' : 'New expense'}>
      <div className="form-grid">
        <div>
          <Field id={`${id}-date`} label="Date" error={errors.date}>
            {(control) => <input autoComplete="off" {...control} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
          </Field>
        </div>
        <div>
          <Field id={`${id}-amount`} label="Amount" error={errors.amount}>
            {(control) => <input autoComplete="off" {...control} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />}
          </Field>
        </div>
        <div>
          <Field id={`${id}-currency`} label="Currency" error={errors.currency}>
            {(control) => <input autoComplete="off" {...control} maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />}
          </Field>
        </div>
        <div>
          <Field id={`${id}-category`} label="Category">
            {(control) => (
              <select autoComplete="off" {...control} value={category} onChange={(e) => setCategory(e.target.value as ExpenseCategory)}>
                {expenseCategorySchema.options.map((c) => (
                  <option key={c} value={c}>
                    {CATEGORY_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </div>
      <Field id={`${id}-receipt`} label="Receipt note" length={receiptNote.length} max={RECEIPT_MAX}>
        {(control) => (
          <input
            autoComplete="off"
            {...control}
            maxLength={RECEIPT_MAX}
            value={receiptNote}
            placeholder="GPU hours, invoice 2026-1142"
            onChange={(e) => setReceiptNote(e.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={passThrough} onChange={(e) => setPassThrough(e.target.checked)} /> Pass through to the client at cost
      </label>
      <FormButtons submit={expense ? 'Save expense' : 'Add expense'} failure={failure} onCancel={onDone} />
    </form>
  );
}
