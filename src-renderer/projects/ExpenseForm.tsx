/**
 * One form to add an expense and to edit it later (prefilled). Every field is checked at once and
 * answered in words of its label; a negative amount is refused here (an expense is money paid out:
 * a refund lowers or removes the expense it refunds).
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { type Expense, type ExpenseCategory, expenseCategorySchema } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import { formatMinorPlain } from '../reports/money.ts';
import { checkExpense, type ExpenseField } from './expense-check.ts';
import { type FieldErrors, FieldMessage, invalidProps, saveFailure, useFocusFirstInvalid } from './form-fields.tsx';

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
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(errors, formRef);
  const id = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkExpense({ date, amount, currency });
    setErrors(checked.errors);
    if (checked.amountMinor === undefined) return;
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
    <form ref={formRef} className="entity-form" onSubmit={save} autoComplete="off" noValidate aria-label={expense ? 'Edit expense' : 'New expense'}>
      <div className="form-grid">
        <div>
          <div className="field-group">
            <label htmlFor={`${id}-date`}>Date</label>
            <input
              autoComplete="off"
              id={`${id}-date`}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              {...invalidProps(`${id}-date`, errors.date)}
            />
            <FieldMessage id={`${id}-date`} message={errors.date} />
          </div>
        </div>
        <div>
          <div className="field-group">
            <label htmlFor={`${id}-amount`}>Amount</label>
            <input
              autoComplete="off"
              id={`${id}-amount`}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              {...invalidProps(`${id}-amount`, errors.amount)}
            />
            <FieldMessage id={`${id}-amount`} message={errors.amount} />
          </div>
        </div>
        <div>
          <div className="field-group">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <input
              autoComplete="off"
              id={`${id}-currency`}
              maxLength={3}
              value={currency}
              onChange={(e) => setCurrency(e.target.value.toUpperCase())}
              {...invalidProps(`${id}-currency`, errors.currency)}
            />
            <FieldMessage id={`${id}-currency`} message={errors.currency} />
          </div>
        </div>
        <div>
          <div className="field-group">
            <label htmlFor={`${id}-category`}>Category</label>
            <select autoComplete="off" id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as ExpenseCategory)}>
              {expenseCategorySchema.options.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-receipt`}>Receipt note</label>
        <input
          autoComplete="off"
          id={`${id}-receipt`}
          maxLength={2_000}
          value={receiptNote}
          placeholder="GPU hours, invoice 2026-1142"
          onChange={(e) => setReceiptNote(e.target.value)}
        />
      </div>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={passThrough} onChange={(e) => setPassThrough(e.target.checked)} /> Pass through to the client at cost
      </label>
      <FormError message={failure} />
      <div className="button-row">
        <button type="submit" className="button primary">
          {expense ? 'Save expense' : 'Add expense'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
