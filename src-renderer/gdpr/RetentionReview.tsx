/**
 * The retention review on the Clients screen: clients kept longer than the period set on them,
 * each with export, erase and keep. A prompt only; nothing is deleted without the person.
 */
import { Hourglass } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import type { Client } from '../domain/client.ts';
import { addMonthsUtc, extendedRetention, KEEP_EXTENSION_MONTHS, retentionReviews } from './retention.ts';
import { errorMessage } from '../ui/error-message.ts';
import { formatDay } from '../ui/format/dates.ts';

const months = (n: number) => (n === 1 ? '1 month' : `${n} months`);

export function RetentionReview({ onExport, onErase }: { onExport: (client: Client) => void; onErase: (client: Client) => void }) {
  const clients = useStore((s) => s.clients);
  const blocks = useStore((s) => s.blocks);
  const complete = useStore((s) => s.blocksComplete);
  const patchClient = useStore((s) => s.patchClient);
  const notify = useStore((s) => s.notify);
  const { now } = useClock(60_000);
  const [keeping, setKeeping] = useState<string | null>(null);
  // Until every block is read, a client's latest block may be missing and it would look due too early.
  const due = useMemo(() => (complete ? retentionReviews(clients, blocks, now) : []), [complete, clients, blocks, now]);
  if (due.length === 0) return null;

  const keep = async (client: Client) => {
    if (client.retentionMonths === undefined) return;
    setKeeping(client.id);
    try {
      const saved = await patchClient(client.id, { retentionMonths: extendedRetention(client.retentionMonths) });
      const next = addMonthsUtc(saved.updatedAt, saved.retentionMonths ?? 0);
      notify(`Keeping ${client.name}’s data: the retention period is now ${months(saved.retentionMonths ?? 0)}, so the next review is on ${formatDay(next)}.`);
    } catch (e) {
      notify(`${client.name}’s retention was not changed: ${errorMessage(e)} Try again, or edit the client.`, { tone: 'error' });
    } finally {
      setKeeping(null);
    }
  };

  return (
    <section className="retention-review" aria-labelledby="retention-review-title">
      <h2 id="retention-review-title">
        <Hourglass aria-hidden size={18} /> Retention review: {due.length === 1 ? '1 client' : `${due.length} clients`} kept longer than agreed
      </h2>
      <p className="small">Decide for each: export the data for the client, erase it, or keep it longer. Nothing is deleted automatically.</p>
      <ul>
        {due.map(({ client, lastActivity, endedAt }) => (
          <li key={client.id}>
            <div>
              <strong>{client.name}</strong>
              <div className="small muted">
                Kept {months(client.retentionMonths ?? 0)} after the last activity on {formatDay(lastActivity)}; the period ended on {formatDay(endedAt)}.
              </div>
            </div>
            <div className="button-row">
              <button type="button" className="button" aria-label={`Export ${client.name}’s data`} onClick={() => onExport(client)}>
                Export
              </button>
              <button type="button" className="button danger" aria-label={`Erase ${client.name}`} onClick={() => onErase(client)}>
                Erase
              </button>
              <button
                type="button"
                className="button"
                aria-label={`Keep (extend ${KEEP_EXTENSION_MONTHS} months): ${client.name}`}
                disabled={keeping === client.id}
                onClick={() => void keep(client)}
              >
                Keep (extend {KEEP_EXTENSION_MONTHS} months)
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
