/**
 * The facts the guard decides with (zones, adequacy decisions, provider
 * regions): their as-of dates and sources, and importing a newer file. Main
 * checks the file and asks the person itself, in its own dialog, showing
 * what the file changes; a refusal or a no comes back as the error shown here.
 */
import { useId, useState } from 'react';
import type { LocalityDataSummary } from '../../src-preload/contract/index.ts';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export function LocalityDataSection({ onChanged }: { onChanged: () => void }) {
  const notify = useStore((s) => s.notify);
  const loaded = useLoaded(() => unwrap(caravan().locality.data()), []);
  // An import answers with the summary now in use; it replaces the one read when the section showed.
  const [imported, setImported] = useState<LocalityDataSummary | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const summary = imported ?? loaded.value ?? null;
  const error = importError ?? (imported === null && loaded.status === 'failed' ? errorMessage(loaded.error) : null);
  const id = useId();

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setImported(await unwrap(caravan().locality.importData(await file.text())));
      setImportError(null);
      notify(`Locality data from ${file.name} is in use.`);
      onChanged();
    } catch (e) {
      setImportError(errorMessage(e));
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Locality data</h2>
      {summary && (
        <dl className="facts">
          {(['zones', 'regions'] as const).map((kind) => (
            <div key={kind}>
              <dt>{kind === 'zones' ? 'Zones and adequacy decisions' : 'Provider regions'}</dt>
              <dd>
                As of {summary[kind].asOf}
                {summary[kind].imported ? ' (imported)' : ' (built in)'}; sources: {summary[kind].sources.map((s) => s.title).join('; ')}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {summary?.problem && <p className="form-error">{summary.problem}</p>}
      <div className="field-group">
        <label htmlFor={`${id}-file`}>Import a newer zones or regions file</label>
        <input
          autoComplete="off"
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared, so the same file can be chosen again after a refusal or a no.
            e.target.value = '';
            void importFile(file);
          }}
        />
        <span className="field-hint">
          It is checked like Caravan’s own data; an invalid file, or one older than the data in use or dated after today, changes nothing. Caravan then shows
          you what the file changes (countries joining or leaving a zone, adequacy decisions, provider regions) and uses it only if you accept. The import is
          recorded in the audit log.
        </span>
      </div>
      {error && <p className="form-error">{error}</p>}
    </section>
  );
}
