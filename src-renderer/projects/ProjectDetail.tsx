/**
 * One project's playbook: its phases with the research-buffer quote against the time burnt on
 * each, and its kill switches with how close each is.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import type { Project } from '../domain/project.ts';
import { burnByPhase, quoteAmount, quotePhases } from '../playbook/quote.ts';
import { formatMoney } from '../reports/money.ts';
import { formatHours } from '../time/format.ts';
import { KillSwitchList } from './KillSwitchList.tsx';
import { ExperimentsSection } from './ExperimentsSection.tsx';
import { ExpensesSection } from './ExpensesSection.tsx';
import { RetainerMonth } from './RetainerMonth.tsx';
import { ProjectTerms } from './ProjectTerms.tsx';
import { PHASE_STATUS_LABELS, PhaseEditor } from './PhaseEditor.tsx';
import { useKillFacts } from './use-kill-facts.ts';
import { formatPercent } from '../ui/format/percent.ts';

/** A phase's budget is the estimate; the quote adds this research buffer (10 h estimated are quoted as 15). */
const RESEARCH_BUFFER = 0.5;

export function ProjectDetail({ project }: { project: Project }) {
  const allPhases = useStore((s) => s.phases);
  const allBlocks = useStore((s) => s.blocks);
  const { now, zone } = useClock();
  const [editingPhase, setEditingPhase] = useState<string | null>(null);

  const phases = useMemo(() => allPhases.filter((p) => p.projectId === project.id).sort((a, b) => a.order - b.order), [allPhases, project.id]);
  const blocks = useMemo(() => allBlocks.filter((b) => b.projectId === project.id), [allBlocks, project.id]);
  const quote = useMemo(
    () =>
      quotePhases(
        phases.map((p) => ({ id: p.id, name: p.name, estimateHours: p.budgetHours })),
        RESEARCH_BUFFER,
      ),
    [phases],
  );
  const burn = useMemo(() => burnByPhase(quote.phases, blocks), [quote, blocks]);
  const amount = quoteAmount(quote.totals.quotedHours, project.billing);
  const facts = useKillFacts(project.id, now, zone);

  return (
    <div className="project-detail">
      <h3>Phases and quote</h3>
      {phases.length === 0 ? (
        <p className="muted">This project has no phases. Edit it to start from a template, or log time without phases.</p>
      ) : (
        <>
          <p className="field-hint">
            Quoted with a {formatPercent(RESEARCH_BUFFER)} research buffer: {formatHours(quote.totals.estimateMs)} estimated, quoted as{' '}
            {formatHours(quote.totals.quotedMs)}
            {amount.kind === 'hourly'
              ? `, ${formatMoney(amount.amountMinor, project.currency)} at the hourly rate`
              : amount.kind === 'retainer'
                ? amount.amountMinor === null
                  ? ''
                  : `, ${amount.months} month(s) of retainer, ${formatMoney(amount.amountMinor, project.currency)}`
                : `, a ${amount.kind === 'fixed' ? 'fixed' : 'value-based'} fee of ${formatMoney(amount.feeMinor, project.currency)}`}
            .
          </p>
          <table className="list-table" aria-label="Quote against burn per phase">
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col" className="num">
                  Quoted
                </th>
                <th scope="col" className="num">
                  Logged
                </th>
                <th scope="col" className="num">
                  Used
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {burn.rows.map((row) => {
                const phase = phases.find((p) => p.id === row.phaseId);
                return (
                  <tr key={row.phaseId ?? 'unphased'}>
                    <th scope="row">
                      {phase ? (
                        <button type="button" className="link-button row-title" title={phase.exitCriteria} onClick={() => setEditingPhase(phase.id)}>
                          {row.name}
                        </button>
                      ) : (
                        row.name
                      )}
                    </th>
                    <td className="num">{row.phaseId === null ? '—' : formatHours(row.quotedMs)}</td>
                    <td className="num">{formatHours(row.actualMs)}</td>
                    <td className={`num${row.ratio !== null && row.ratio > 1 ? ' over' : ''}`}>{row.ratio === null ? '—' : formatPercent(row.ratio)}</td>
                    <td>{phase ? PHASE_STATUS_LABELS[phase.status] : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {editingPhase && phases.some((p) => p.id === editingPhase) && (
            <PhaseEditor phase={phases.find((p) => p.id === editingPhase)!} project={project} onDone={() => setEditingPhase(null)} />
          )}
        </>
      )}

      {project.billing.kind === 'retainer' && <RetainerMonth project={project} zone={zone} now={now} />}

      <KillSwitchList project={project} facts={facts} />
      <ProjectTerms project={project} />
      <ExperimentsSection project={project} zone={zone} now={now} />
      <ExpensesSection project={project} zone={zone} now={now} />
    </div>
  );
}
