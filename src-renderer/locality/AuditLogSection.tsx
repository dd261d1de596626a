/**
 * The locality audit log: every decision about where client data may go, and
 * every change of policy, newest first, with names put back in from the vault
 * (the log itself holds ids). It is checked each time it is shown; a break in
 * the chain is said plainly, with where it is.
 */
import { ShieldCheck, ShieldAlert } from 'lucide-react';
import { useStore } from '../app/store.ts';
import { loadAuditReport } from './audit-log.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';
import { formatInstant } from '../ui/format/dates.ts';

const MAX_ROWS = 200;

export function AuditLogSection({ targets, refreshKey }: { targets: Record<string, string>; refreshKey: number }) {
  const clients = useStore((s) => s.clients);
  // refreshKey is not read: a change of it (a target removed, a trip started) asks again.
  const loaded = useLoaded(() => loadAuditReport({ clients: Object.fromEntries(clients.map((c) => [c.id, c.name])), targets }), [clients, targets, refreshKey]);
  const report = loaded.value;

  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="section-header">
        <h2 id="audit-title">Audit log</h2>
        <button type="button" className="button" onClick={loaded.reload}>
          Verify again
        </button>
      </div>
      {loaded.status === 'failed' ? (
        <p className="form-error">{errorMessage(loaded.error)}</p>
      ) : report === undefined ? (
        <p className="muted">Opening the log…</p>
      ) : (
        <>
          <p className={report.ok ? 'form-ok' : 'form-error'} role="status">
            {report.ok ? <ShieldCheck aria-hidden size={16} /> : <ShieldAlert aria-hidden size={16} />}{' '}
            {report.ok
              ? `Verified: ${report.count} ${report.count === 1 ? 'entry' : 'entries'}, none changed, removed or reordered.`
              : `The log does not verify: ${report.problem?.message ?? 'unknown problem'} Entries before it are shown.`}
          </p>
          {report.rows.length === 0 ? (
            <p className="muted">Nothing recorded yet. Decisions appear here when you add a target or change a client’s policy.</p>
          ) : (
            // A scrolling region is reached by keyboard too: it takes focus, and arrow keys scroll it.
            <div className="audit-scroll" role="region" aria-label="Audit entries, newest first" tabIndex={0}>
              <ol className="audit-list" reversed>
                {report.rows
                  .slice(-MAX_ROWS)
                  .reverse()
                  .map((row) => (
                    <li key={row.seq} className={`audit-${row.kind}`}>
                      <time className="small muted">{formatInstant(row.at)}</time> {row.text}
                    </li>
                  ))}
              </ol>
            </div>
          )}
        </>
      )}
    </section>
  );
}
