/** Edit one phase: status, budget, dates, exit criteria and, on a fixed-fee project, its milestone fee. */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import { errorMessage } from '../ui/error-message.ts';
import { Field } from '../ui/Field.tsx';
import { formatMinorPlain } from '../reports/money.ts';
import { parseMilestoneFee } from './milestone-fee.ts';

/** How a phase's status reads. */
export const PHASE_STATUS_LABELS: Record<Phase['status'], string> = { planned: 'Planned', active: 'Active', done: 'Done', skipped: 'Skipped' };

export function PhaseEditor({ phase, project, onDone }: { phase: Phase; project: Pick<Project, 'billing' | 'currency'>; onDone: () => void }) {
  const patchPhase = useStore((s) => s.patchPhase);
  const [status, setStatus] = useState(phase.status);
  const [budget, setBudget] = useState(String(phase.budgetHours));
  const [start, setStart] = useState(phase.start ?? '');
  const [end, setEnd] = useState(phase.end ?? '');
  const [exitCriteria, setExitCriteria] = useState(phase.exitCriteria);
  const [milestone, setMilestone] = useState(phase.milestoneFeeMinor === undefined ? '' : formatMinorPlain(phase.milestoneFeeMinor, project.currency));
  const [milestoneError, setMilestoneError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const fixedFee = project.billing.kind === 'fixed';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const budgetHours = Number(budget.replace(',', '.'));
    if (!Number.isFinite(budgetHours) || budgetHours < 0) return setError('The budget is a number of hours, such as 12.5.');
    // Only a fixed-fee project shows the milestone; another keeps what is stored.
    const fee = fixedFee ? parseMilestoneFee(milestone, project.currency) : ({ ok: true, minor: phase.milestoneFeeMinor } as const);
    if (!fee.ok) {
      setMilestoneError(fee.message);
      document.getElementById(`${id}-milestone`)?.focus();
      return;
    }
    setMilestoneError(undefined);
    try {
      await patchPhase(phase.id, { status, budgetHours, start: start || undefined, end: end || undefined, exitCriteria, milestoneFeeMinor: fee.minor });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form className="entity-form phase-editor" onSubmit={save} autoComplete="off" noValidate aria-label={`Phase ${phase.name}`}>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-status`}>Status</label>
          <select autoComplete="off" id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Phase['status'])}>
            {Object.entries(PHASE_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-budget`}>Budget (hours)</label>
          <input autoComplete="off" id={`${id}-budget`} inputMode="decimal" value={budget} onChange={(e) => setBudget(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-start`}>Starts</label>
          <input autoComplete="off" id={`${id}-start`} type="date" value={start} onChange={(e) => setStart(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-end`}>Ends</label>
          <input autoComplete="off" id={`${id}-end`} type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
        </div>
        {fixedFee && (
          <Field
            id={`${id}-milestone`}
            label={`Milestone fee (${project.currency})`}
            error={milestoneError}
            hint="Part of the fixed fee, invoiced once when you choose it on a draft (usually when the phase is done). Empty: no milestone."
          >
            {(control) => (
              <input
                autoComplete="off"
                {...control}
                inputMode="decimal"
                value={milestone}
                onChange={(e) => {
                  setMilestone(e.target.value);
                  setMilestoneError(undefined);
                }}
              />
            )}
          </Field>
        )}
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-exit`}>Exit criteria</label>
        <textarea autoComplete="off" id={`${id}-exit`} rows={2} value={exitCriteria} onChange={(e) => setExitCriteria(e.target.value)} />
      </div>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary">
          Save phase
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
