/**
 * What a draft can bill, per project, with a checkbox each: the project itself, its blocks
 * (folded, as a month has hundreds), milestones or its fee, and pass-through expenses. Unticking
 * keeps a record unbilled for a later invoice; nothing here writes.
 */
import { formatMoney } from '../../reports/money.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { countOf } from '../../ui/format/plural.ts';
import type { CandidateProject, DraftSelection } from '../document/types.ts';
import { printedHours } from '../document/quantities.ts';
import type { InvoiceHourStyle } from '../../domain/business-profile.ts';
import { toggled } from '../document/stored-selection.ts';

const BILLING: Readonly<Record<CandidateProject['billing'], string>> = { hourly: 'hourly', fixed: 'fixed fee', value: 'value fee', retainer: 'retainer' };

export function DraftCandidates({
  candidates,
  allProjects,
  selection,
  hourStyle,
  onChange,
}: {
  candidates: readonly CandidateProject[];
  /** Every project of the client, to add one back after it was taken out. */
  allProjects: ReadonlyArray<{ id: string; name: string }>;
  selection: DraftSelection;
  hourStyle: InvoiceHourStyle;
  onChange: (next: DraftSelection) => void;
}) {
  const chosen = selection.projectIds;
  const isChosen = (id: string) => chosen.length === 0 || chosen.includes(id);
  const setProject = (id: string, on: boolean) => {
    const current = chosen.length === 0 ? allProjects.map((p) => p.id) : chosen;
    const next = toggled(current, id, on);
    // All chosen is stored as "all" (empty), so a project created later is offered too.
    onChange({ ...selection, projectIds: next.length === allProjects.length ? [] : next });
  };
  const set = (key: 'excludedBlockIds' | 'excludedExpenseIds' | 'milestonePhaseIds' | 'feeProjectIds', id: string, present: boolean) =>
    onChange({ ...selection, [key]: toggled(selection[key], id, present) });
  const setBlocks = (ids: readonly string[], included: boolean) => {
    const rest = (selection.excludedBlockIds ?? []).filter((x) => !ids.includes(x));
    onChange({ ...selection, excludedBlockIds: included ? rest : [...rest, ...ids] });
  };
  const byId = new Map(candidates.map((c) => [c.projectId, c]));

  return (
    <fieldset className="card draft-candidates">
      <legend>What to bill</legend>
      {allProjects.length === 0 && <p className="muted">This client has no projects yet.</p>}
      {allProjects.map((project) => {
        const candidate = byId.get(project.id);
        const on = isChosen(project.id);
        const included = candidate?.blocks.filter((b) => b.included) ?? [];
        const ms = included.reduce((sum, b) => sum + b.ms, 0);
        const nothing =
          candidate === undefined ||
          (candidate.blocks.length === 0 && candidate.expenses.length === 0 && candidate.milestones.length === 0 && candidate.fee === undefined);
        return (
          <div key={project.id} className="candidate-project">
            <label className="checkbox">
              <input autoComplete="off" type="checkbox" checked={on} onChange={(e) => setProject(project.id, e.target.checked)} />
              <span>
                <strong>{project.name}</strong>
                {candidate && <span className="muted"> · {BILLING[candidate.billing]}</span>}
              </span>
            </label>
            {on && nothing && <p className="field-hint">Nothing unbilled in this period.</p>}
            {on && candidate && candidate.blocks.length > 0 && (
              <details>
                <summary>
                  {countOf(included.length, 'block')} of {candidate.blocks.length}, {printedHours(ms, hourStyle)} h
                </summary>
                <div className="button-row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setBlocks(
                        candidate.blocks.map((b) => b.id),
                        true,
                      )
                    }
                  >
                    Tick all
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setBlocks(
                        candidate.blocks.map((b) => b.id),
                        false,
                      )
                    }
                  >
                    Untick all
                  </button>
                </div>
                <ul className="candidate-list">
                  {candidate.blocks.map((b) => (
                    <li key={b.id}>
                      <label className="checkbox">
                        <input autoComplete="off" type="checkbox" checked={b.included} onChange={(e) => set('excludedBlockIds', b.id, !e.target.checked)} />
                        {formatCalendarDate(b.day)} · {printedHours(b.ms, hourStyle)} h{b.note.trim() === '' ? '' : ` · ${b.note.split('\n')[0]}`}
                      </label>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {on &&
              candidate?.milestones.map((m) => (
                <label key={m.phaseId} className="checkbox">
                  <input autoComplete="off" type="checkbox" checked={m.chosen} onChange={(e) => set('milestonePhaseIds', m.phaseId, e.target.checked)} />
                  Milestone “{m.name}” · {formatMoney(m.feeMinor, m.currency)}
                  {m.phaseStatus === 'done' ? '' : ` (phase ${m.phaseStatus})`}
                </label>
              ))}
            {on && candidate?.fee && (
              <label className="checkbox">
                <input autoComplete="off" type="checkbox" checked={candidate.fee.chosen} onChange={(e) => set('feeProjectIds', project.id, e.target.checked)} />
                The agreed fee · {formatMoney(candidate.fee.amountMinor, candidate.currency)}
              </label>
            )}
            {on &&
              candidate?.expenses.map((x) => (
                <label key={x.id} className="checkbox">
                  <input autoComplete="off" type="checkbox" checked={x.included} onChange={(e) => set('excludedExpenseIds', x.id, !e.target.checked)} />
                  Expense {formatCalendarDate(x.date)} · {x.category} · {formatMoney(x.amountMinor, x.currency)}
                  {x.note.trim() === '' ? '' : ` · ${x.note.split('\n')[0]}`}
                </label>
              ))}
          </div>
        );
      })}
    </fieldset>
  );
}
