/**
 * Hours and billable amounts per client, project, phase and week, with a chart and CSV export; the
 * reports on invoices below them. Invoices themselves are drafted and issued on the Invoices screen.
 */
import { Download } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import { saveExport } from '../exports/save-export.ts';
import { formatDurationShort } from '../time/format.ts';
import { useHourStyle } from '../ui/format/use-hour-style.ts';
import { addZonedDays, formatIsoDate, fromZoned, startOfZonedDay, startOfZonedWeek, zonedDate, zonedParts } from '../time/zoned-time.ts';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../workspace/WorkspaceState.tsx';
import { aggregateReport, type ProjectSummary } from './aggregate.ts';
import { reportCsv } from './csv.ts';
import { formatMoney } from './money.ts';
import { type WeekBar, WeeklyChart } from './WeeklyChart.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { WeeklyUpdateForm } from './WeeklyUpdateForm.tsx';
import { InvoiceReportsSection } from './InvoiceReportsSection.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { useBlockZones } from '../time/use-display-zone.ts';

type Period = 'this-week' | 'this-month' | 'last-month' | 'last-90' | 'this-year' | 'all';

const PERIODS: Record<Period, string> = {
  'this-week': 'This week',
  'this-month': 'This month',
  'last-month': 'Last month',
  'last-90': 'Last 90 days',
  'this-year': 'This year',
  all: 'All time',
};

/** The [from, to) of a named period in `zone`, as of `now`. */
export function periodRange(period: Period, now: number, zone: string): { from: number; to: number } {
  const p = zonedParts(now, zone);
  const monthStart = (year: number, month: number) => fromZoned({ year, month, day: 1, hour: 0, minute: 0 }, zone);
  const tomorrow = addZonedDays(startOfZonedDay(now, zone), 1, zone);
  switch (period) {
    case 'this-week':
      return { from: startOfZonedWeek(now, zone), to: addZonedDays(startOfZonedWeek(now, zone), 7, zone) };
    case 'this-month':
      return { from: monthStart(p.year, p.month), to: p.month === 12 ? monthStart(p.year + 1, 1) : monthStart(p.year, p.month + 1) };
    case 'last-month':
      return { from: p.month === 1 ? monthStart(p.year - 1, 12) : monthStart(p.year, p.month - 1), to: monthStart(p.year, p.month) };
    case 'last-90':
      return { from: addZonedDays(tomorrow, -90, zone), to: tomorrow };
    case 'this-year':
      return { from: monthStart(p.year, 1), to: monthStart(p.year + 1, 1) };
    case 'all':
      return { from: 0, to: 8_640_000_000_000_000 };
  }
}

function amountCell(project: ProjectSummary): string {
  if (project.amountMinor !== null) return formatMoney(project.amountMinor, project.currency);
  if (project.feeMinor !== null) return `${project.basis === 'fixed' ? 'Fixed fee' : 'Value fee'} ${formatMoney(project.feeMinor, project.currency)}`;
  return '—';
}

export function ReportsScreen() {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const blocks = useStore((s) => s.blocks);
  const notify = useStore((s) => s.notify);
  const navigate = useStore((s) => s.navigate);
  const complete = useStore((s) => s.blocksComplete);
  const { zone: deviceZone, now } = useClock();
  // Periods and months in the home zone; weeks and days by each block's display zone (Time screen's choice).
  const { choice, home: zone, zoneOf } = useBlockZones(deviceZone);
  const perBlock = choice.mode === 'home' ? undefined : zoneOf;
  // Re-render when the person switches between h:mm and decimal hours.
  useHourStyle();
  const [period, setPeriod] = useState<Period>('this-month');
  const [updating, setUpdating] = useState(false);
  const range = useMemo(() => periodRange(period, now, zone), [period, now, zone]);
  const report = useMemo(
    () => aggregateReport({ clients, projects, phases, blocks }, range, zone, perBlock),
    [clients, projects, phases, blocks, range, zone, perBlock],
  );

  const weeks = useMemo(() => {
    const byWeek = new Map<string, { start: number; billable: number; total: number }>();
    for (const row of report.rows) {
      const w = byWeek.get(row.week) ?? { start: row.weekStart, billable: 0, total: 0 };
      w.billable += row.billableMs;
      w.total += row.totalMs;
      byWeek.set(row.week, w);
    }
    return [...byWeek.entries()].sort((a, b) => a[1].start - b[1].start).map(([week, w]) => ({ week, ...w }));
  }, [report]);
  const bars: WeekBar[] = useMemo(
    () => weeks.slice(-26).map((w) => ({ label: w.week, billableHours: w.billable / 3_600_000, otherHours: (w.total - w.billable) / 3_600_000 })),
    [weeks],
  );

  const phaseRows = useMemo(() => {
    const byPhase = new Map<string, { label: string; totalMs: number; billableMs: number }>();
    for (const row of report.rows) {
      const key = `${row.projectId}|${row.phaseId ?? ''}`;
      const entry = byPhase.get(key) ?? {
        label: `${row.clientName} · ${row.projectName} · ${row.phaseId ? row.phaseName : 'No phase'}`,
        totalMs: 0,
        billableMs: 0,
      };
      entry.totalMs += row.totalMs;
      entry.billableMs += row.billableMs;
      byPhase.set(key, entry);
    }
    return [...byPhase.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => b.totalMs - a.totalMs);
  }, [report]);

  const exportCsv = async () => {
    const today = formatIsoDate(zonedDate(Date.now(), zone));
    const inFile = new Set(report.rows.map((r) => r.clientId));
    try {
      const path = await saveExport({
        kind: 'report-csv',
        stem: `caravan-report-${period}-${today}`,
        content: reportCsv(report.rows),
        clients: clients.filter((c) => inFile.has(c.id)),
      });
      if (path) notify('Report exported.');
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
  };

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader
        title="Reports"
        subtitle={
          perBlock
            ? `Months in ${zone}; weeks by ${choice.mode === 'block' ? 'where each block was logged' : 'each client’s zone'}`
            : `Weeks and months in ${zone}`
        }
      >
        <select autoComplete="off" aria-label="Period" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
          {Object.entries(PERIODS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={report.rows.length === 0 || !complete} onClick={() => void exportCsv()}>
          <Download aria-hidden size={16} /> Export CSV
        </button>
        <button type="button" className="button" disabled={clients.length === 0} onClick={() => setUpdating(true)}>
          Weekly update…
        </button>
        <button type="button" className="button" onClick={() => navigate('invoices')}>
          Invoices
        </button>
      </ScreenHeader>
      <Dialog title="Weekly client update" open={updating} onClose={() => setUpdating(false)} wide>
        <WeeklyUpdateForm zone={zone} now={now} onDone={() => setUpdating(false)} />
      </Dialog>
      <WorkspaceState>
        {!complete && (
          <p className="banner" role="status">
            Reading older blocks… The figures below grow until every block is read.
          </p>
        )}
        {report.rows.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No time in this period</p>
            <p>Reports sum the time blocks you log. Pick a longer period, or log time on the Time screen.</p>
          </div>
        ) : (
          <>
            <div className="stat-row">
              <div className="stat">
                <span className="stat-label">Total</span>
                <span className="stat-value">{formatDurationShort(report.totals.totalMs)}</span>
              </div>
              <div className="stat">
                <span className="stat-label">Billable</span>
                <span className="stat-value">{formatDurationShort(report.totals.billableMs)}</span>
              </div>
              {[...report.totals.amountByCurrency.entries()].map(([currency, minor]) => (
                <div className="stat" key={currency}>
                  <span className="stat-label">Billable amount ({currency})</span>
                  <span className="stat-value" data-testid={`amount-${currency}`}>
                    {formatMoney(minor, currency)}
                  </span>
                </div>
              ))}
            </div>
            {report.issues.map((issue) => (
              <p key={issue.code} className="banner" role="status">
                {issue.message}
              </p>
            ))}
            <WeeklyChart weeks={bars} />
            <h2>By project</h2>
            <table className="list-table">
              <thead>
                <tr>
                  <th scope="col">Client · project</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col" className="num">
                    Billable
                  </th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Effective rate
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.projects.map((p) => (
                  <tr key={p.projectId}>
                    <th scope="row">
                      {p.clientName} · {p.projectName}
                    </th>
                    <td className="num">{formatDurationShort(p.totalMs)}</td>
                    <td className="num">{formatDurationShort(p.billableMs)}</td>
                    <td className="num">{amountCell(p)}</td>
                    <td className="num">{p.effectiveRateMinor === null ? '—' : `${formatMoney(p.effectiveRateMinor, p.currency)}/h`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>By phase</h2>
            <table className="list-table">
              <thead>
                <tr>
                  <th scope="col">Phase</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col" className="num">
                    Billable
                  </th>
                </tr>
              </thead>
              <tbody>
                {phaseRows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td className="num">{formatDurationShort(row.totalMs)}</td>
                    <td className="num">{formatDurationShort(row.billableMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>By week</h2>
            <table className="list-table">
              <thead>
                <tr>
                  <th scope="col">Week</th>
                  <th scope="col" className="num">
                    Hours
                  </th>
                  <th scope="col" className="num">
                    Billable
                  </th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">{w.week}</th>
                    <td className="num">{formatDurationShort(w.total)}</td>
                    <td className="num">{formatDurationShort(w.billable)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <InvoiceReportsSection today={formatIsoDate(zonedDate(now, zone))} />
      </WorkspaceState>
    </section>
  );
}
