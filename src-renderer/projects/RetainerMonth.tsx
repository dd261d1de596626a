/** A retainer's month to date: hours used of those included, and the overage so far. */
import { useMemo } from 'react';
import { useStore } from '../app/store.ts';
import type { Project } from '../domain/project.ts';
import { aggregateReport } from '../reports/aggregate.ts';
import { monthOf } from '../reports/calendar.ts';
import { formatMoney } from '../reports/money.ts';
import { formatHours } from '../time/format.ts';
import { formatPercent } from '../ui/format/percent.ts';

export function RetainerMonth({ project, zone, now }: { project: Project; zone: string; now: number }) {
  const clients = useStore((s) => s.clients);
  const phases = useStore((s) => s.phases);
  const blocks = useStore((s) => s.blocks);
  const month = useMemo(() => {
    const range = monthOf(now, zone);
    const own = blocks.filter((b) => b.projectId === project.id);
    // The month's first instant is in range, so the fee counts; overage is billable time beyond the
    // included hours (plus last month's unused ones with rollover: every block is passed for that).
    return aggregateReport({ clients, projects: [project], phases, blocks: own }, { from: range.start, to: range.end }, zone).projects[0]?.months[0];
  }, [clients, phases, blocks, project, zone, now]);
  if (project.billing.kind !== 'retainer') return null;
  const included = month?.includedMs ?? project.billing.hoursPerMonth * 3_600_000;
  const carried = month?.carriedMs ?? 0;
  const used = month?.billableMs ?? 0;
  return (
    <section aria-label="Retainer this month">
      <h3>Retainer this month</h3>
      <p>
        {formatHours(used)} of {formatHours(included)} used
        {included > 0 && ` (${formatPercent(used / included, 'floor')})`}
        {month && month.overageMs > 0 && (
          <span className="warn">
            {' '}
            · {formatHours(month.overageMs)} over, {formatMoney(month.overageMinor, project.currency)} at the overage rate
          </span>
        )}
        .{carried > 0 && ` Includes ${formatHours(carried)} carried over from last month.`} Fee {formatMoney(project.billing.feeMinor, project.currency)};{' '}
        {project.billing.rollover === 'next-month' ? 'unused hours roll into next month.' : 'unused hours expire at the end of the month.'}
      </p>
    </section>
  );
}
