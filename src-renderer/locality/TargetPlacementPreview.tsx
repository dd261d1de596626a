/**
 * The add-target form's answer to "which clients' data would go there?", before the target
 * exists: main's guard judges each client against the settings as typed, as sync will once the
 * target is added. Only the held-back clients are listed, each with the guard's reason.
 */
import type { ResolvedLocation, TargetLocation } from '../../src-preload/contract/index.ts';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export function TargetPlacementPreview({
  location,
  endpoint,
  where,
}: {
  location: TargetLocation;
  endpoint: string | undefined;
  where: ResolvedLocation | null;
}) {
  const clients = useStore((s) => s.clients);
  // A place Caravan cannot name gets nothing; the line above the preview says so already.
  const judged = where !== null && where.guarantee !== 'unknown' && where.guarantee !== 'best-effort';
  const placeKey = JSON.stringify([location, endpoint ?? null]);
  const decisions = useLoaded(async () => {
    if (!judged || clients.length === 0) return [];
    const labelled = clients.map((c) => ({ id: c.id, label: c.name }));
    // null, not undefined, for the provider's own endpoint: JSON carries a middle undefined as null.
    return unwrap(caravan().locality.previewPlacement(location, endpoint ?? null, labelled));
  }, [placeKey, judged, clients]);

  if (!judged || clients.length === 0) return null;
  if (decisions.status === 'failed')
    return <p className="small form-error">Which clients may sync there could not be checked: {errorMessage(decisions.error)}</p>;
  const held = (decisions.value ?? []).filter((d) => !d.allowed);
  const name = (id: string) => clients.find((c) => c.id === id)?.name ?? 'A client';
  if (decisions.value === undefined) return null;
  return (
    <div className="small" data-testid="target-placement-preview" aria-live="polite">
      {held.length === 0 ? (
        <p>Every client’s policy allows this place: all of them will sync there.</p>
      ) : (
        <>
          <p>
            {held.length === clients.length ? 'No client’s data will go there' : `${clients.length - held.length} of ${clients.length} clients will sync there`}
            ; held back:
          </p>
          <ul>
            {held.map((d) => (
              <li key={d.clientId}>
                <strong>{name(d.clientId)}</strong>: {d.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
