/** Trips, past and planned: the list, "Add trips" (several rows at once), edit, and delete with undo. */
import { Pencil, Plus, Trash2 } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { Trip } from '../../domain/presence.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { countOf } from '../../ui/format/plural.ts';
import { useRecordUndo } from '../../ui/use-undo.ts';
import { dayNumber } from '../calendar-days.ts';
import { countryLabel, dayRange } from './day-words.ts';
import type { TripDraft, TripsOutcome } from './presence-backend.ts';
import { EMPTY_TRIP } from './trip-form.ts';
import { TripRowsForm } from './TripRowsForm.tsx';

function when(trip: Trip, today: string): string {
  if (trip.from > today) return 'planned';
  if (trip.to >= today) return 'under way';
  return 'past';
}

export interface TripActions {
  saveTrips: (drafts: TripDraft[]) => Promise<TripsOutcome>;
  updateTrip: (id: string, draft: TripDraft) => Promise<TripsOutcome>;
  deleteTrip: (id: string) => Promise<() => Promise<void>>;
  /** Reads the ledger again after a write or an undo. */
  changed: () => void;
  failed: (message: string) => void;
}

export function TripsSection({ trips, today, actions }: { trips: readonly Trip[]; today: string; actions: TripActions }) {
  const id = useId();
  const recordUndo = useRecordUndo();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Trip | null>(null);
  // Newest first: planned trips on top, then the most recent past.
  const sorted = useMemo(() => [...trips].sort((a, b) => b.from.localeCompare(a.from) || b.to.localeCompare(a.to)), [trips]);

  const remove = async (trip: Trip) => {
    try {
      const putBack = await actions.deleteTrip(trip.id);
      actions.changed();
      recordUndo(`Deleted the trip to ${countryLabel(trip.country)}, ${dayRange(trip.from, trip.to, today)}.`, {
        label: `delete of the trip to ${countryLabel(trip.country)}`,
        undo: async () => {
          await putBack();
          actions.changed();
        },
      });
    } catch (error) {
      actions.failed(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="section-header">
        <h2 id={`${id}-title`}>Trips</h2>
        <button type="button" className="button" onClick={() => setAdding(true)}>
          <Plus aria-hidden size={16} /> Add trips
        </button>
      </div>
      {sorted.length === 0 ? (
        <p className="muted" data-testid="trips-empty">
          No trips yet. Add the trips you remember (from, to, country), several at once: the days they cover count at once, and the ledger below fills in the
          rest from travel mode and your time blocks for you to confirm.
        </p>
      ) : (
        <table className="list-table presence-trips">
          <caption className="visually-hidden">Trips, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Days</th>
              <th scope="col">Country</th>
              <th scope="col" className="num">
                Length
              </th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((trip) => (
              <tr key={trip.id} data-testid="trip-row">
                <td>
                  {dayRange(trip.from, trip.to, today)} <span className="status-badge">{when(trip, today)}</span>
                </td>
                <td>{countryLabel(trip.country)}</td>
                <td className="num">{countOf(dayNumber(trip.to) - dayNumber(trip.from) + 1, 'day')}</td>
                <td className="presence-note">{trip.note}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Edit the trip to ${countryLabel(trip.country)}, ${dayRange(trip.from, trip.to, today)}`}
                    onClick={() => setEditing(trip)}
                  >
                    <Pencil aria-hidden size={16} />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete the trip to ${countryLabel(trip.country)}, ${dayRange(trip.from, trip.to, today)}`}
                    onClick={() => void remove(trip)}
                  >
                    <Trash2 aria-hidden size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog title="Add trips" open={adding} onClose={() => setAdding(false)} wide>
        <TripRowsForm
          initial={[EMPTY_TRIP, EMPTY_TRIP, EMPTY_TRIP]}
          bulk
          submitLabel="Save trips"
          onSubmit={async (drafts) => {
            const outcome = await actions.saveTrips(drafts);
            if (outcome.ok) actions.changed();
            return outcome;
          }}
          onDone={() => setAdding(false)}
        />
      </Dialog>
      <Dialog title="Edit trip" open={editing !== null} onClose={() => setEditing(null)} wide>
        {editing !== null && (
          <TripRowsForm
            initial={[{ from: editing.from, to: editing.to, country: editing.country, note: editing.note }]}
            bulk={false}
            submitLabel="Save"
            onSubmit={async ([draft]) => {
              const outcome = await actions.updateTrip(editing.id, draft ?? EMPTY_TRIP);
              if (outcome.ok) actions.changed();
              return outcome;
            }}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
    </section>
  );
}
