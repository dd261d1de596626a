/**
 * The Art. 30(2) record of processing for one client, as Markdown or PDF. The processor's details
 * are asked once and kept in a workspace setting; the storage targets and the guard's decision for
 * this client come from main.
 */
import { useId, useMemo, useState } from 'react';
import type { ClientPlacement, TargetList } from '../../src-preload/contract/index.ts';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { ActionStatus } from '../app/ActionStatus.tsx';
import type { Client } from '../domain/client.ts';
import { countriesByName, countryName } from '../domain/countries.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { saveExport } from '../exports/save-export.ts';
import { shippedZones, zoneMembers } from '../../src-preload/contract/places/zones.ts';
import { gdprErrorMessage, gdprFileStem } from './gdpr-files.ts';
import { processingRecord, processingRecordPdf, type ProcessorDetails } from './processing-record.ts';
import { BUSINESS_PROFILE_SETTING } from '../domain/business-profile.ts';
import {
  PROCESSOR_SETTING,
  processorFormValues,
  type ProcessorFormValues,
  SELLER_SETTING,
  sellerStart,
  storageTargets,
  toProcessorDetails,
} from './record-inputs.ts';
import { retentionInWords } from './retention.ts';
import { errorMessage } from '../ui/error-message.ts';
import { countOf } from '../ui/format/plural.ts';
import { useLoaded } from '../ui/use-loaded.ts';

type Guard = { kind: 'asking' } | { kind: 'ready'; list: TargetList; placement: ClientPlacement | undefined } | { kind: 'failed'; message: string };

function ProcessorFields({ values, onChange }: { values: ProcessorFormValues; onChange: (next: ProcessorFormValues) => void }) {
  const id = useId();
  const countries = useMemo(() => countriesByName(), []);
  const field = (key: Exclude<keyof ProcessorFormValues, 'country'>, label: string, type = 'text') => (
    <div className="field-group">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={type} autoComplete="off" value={values[key]} onChange={(e) => onChange({ ...values, [key]: e.target.value })} />
    </div>
  );
  return (
    <fieldset className="card">
      <legend>You, as processor</legend>
      <div className="form-grid">
        {field('name', 'Your name or business')}
        {field('company', 'Company (if different)')}
        {field('email', 'Your email', 'email')}
        {field('phone', 'Your phone', 'tel')}
        <div className="field-group">
          <label htmlFor={`${id}-country`}>Your country</label>
          <select autoComplete="off" id={`${id}-country`} value={values.country} onChange={(e) => onChange({ ...values, country: e.target.value })}>
            <option value="">Not given</option>
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-address`}>Your address</label>
        <textarea autoComplete="off" id={`${id}-address`} rows={2} value={values.address} onChange={(e) => onChange({ ...values, address: e.target.value })} />
      </div>
      <p className="small muted">Kept in this vault (encrypted) for the next record.</p>
    </fieldset>
  );
}

/**
 * The EEA for "transfers outside the EEA": from the shipped zones file, computed as main's guard
 * computes the zone (main decides with the data in use, which a newer imported file may change).
 */
const EEA_COUNTRIES = zoneMembers(shippedZones(), 'EEA');

export function ProcessingRecordPanel({ client, onClose }: { client: Client; onClose: () => void }) {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  // What the person typed, saved or chose overrides what was read; until then the read decides.
  const [edits, setValues] = useState<ProcessorFormValues | null>(null);
  const [savedNow, setStored] = useState<ProcessorDetails | null>(null);
  const [editingChosen, setEditing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const details = useLoaded(async () => {
    const [saved, profile, legacySeller] = await Promise.all([
      readSetting(PROCESSOR_SETTING),
      readSetting(BUSINESS_PROFILE_SETTING),
      readSetting(SELLER_SETTING),
    ]);
    const seller = sellerStart(profile, legacySeller);
    // Only details saved for the record count as known; the seller is a starting point.
    const fromSaved = processorFormValues(saved, null);
    const parsed = toProcessorDetails(fromSaved);
    const known = fromSaved.name.trim() !== '' && parsed.ok ? parsed.details : null;
    return { values: known ? fromSaved : processorFormValues(saved, seller), known };
  }, [readSetting]);
  // Unreadable details are typed afresh: the fields show empty rather than not at all.
  const initial = details.status === 'failed' ? { values: processorFormValues(null, null), known: null } : details.value;
  const values = edits ?? initial?.values ?? null;
  const stored = savedNow ?? initial?.known ?? null;
  const editing = editingChosen || (initial !== undefined && initial.known === null);
  const readError = details.status === 'failed' ? gdprErrorMessage(details.error, 'Your details could not be read; type them below.') : null;

  const read = useLoaded(
    () => Promise.all([unwrap(caravan().locality.targets()), unwrap(caravan().locality.placement([{ id: client.id, label: client.name }]))]),
    [client.id, client.name],
  );
  const guard = useMemo<Guard>(
    () =>
      read.status === 'ready'
        ? { kind: 'ready', list: read.value[0], placement: read.value[1].find((p) => p.clientId === client.id) }
        : read.status === 'failed'
          ? {
              kind: 'failed',
              message: `The storage targets could not be read from the locality guard: ${errorMessage(read.error)} Close this and try again; the record must list them.`,
            }
          : { kind: 'asking' },
    [read.status, read.value, read.error, client.id],
  );

  const targets = useMemo(() => (guard.kind === 'ready' ? storageTargets(guard.list.targets, guard.placement) : []), [guard]);
  // The transfers the record will list, shown before saving.
  const transfers = useMemo(() => {
    const parsed = values ? toProcessorDetails(values) : null;
    if (!parsed?.ok || guard.kind !== 'ready') return null;
    return processingRecord({ processor: parsed.details, client, storageTargets: targets, eeaCountries: EEA_COUNTRIES, generatedAt: 0 }).transfers;
  }, [values, guard.kind, targets, client]);

  const save = async (format: 'md' | 'pdf') => {
    if (!values) return;
    const parsed = toProcessorDetails(values);
    if (!parsed.ok) {
      setEditing(true);
      return setError(parsed.message);
    }
    if (guard.kind !== 'ready') return;
    setError(null);
    setDone(null);
    setBusy(format === 'pdf' ? 'Drawing the PDF…' : 'Writing the record…');
    try {
      if (JSON.stringify(parsed.details) !== JSON.stringify(stored)) {
        await writeSetting(PROCESSOR_SETTING, parsed.details);
        setStored(parsed.details);
      }
      const generatedAt = Date.now();
      const retention = retentionInWords(client.retentionMonths);
      const record = processingRecord({
        processor: parsed.details,
        client,
        storageTargets: targets,
        eeaCountries: EEA_COUNTRIES,
        generatedAt,
        ...(retention ? { retention } : {}),
      });
      const stem = gdprFileStem('record-of-processing', generatedAt);
      if (format === 'md') {
        const path = await saveExport({ kind: 'processing-record-md', stem, content: record.markdown, clients: [client] });
        setDone(path ? `Saved to ${path}.` : 'Cancelled: nothing was saved.');
      } else {
        const pdf = await processingRecordPdf(record);
        const path = await saveExport({ kind: 'processing-record-pdf', stem, content: pdf.bytes, clients: [client] });
        const replaced =
          pdf.replacedCharacters > 0
            ? ` ${countOf(pdf.replacedCharacters, 'character')} the PDF’s font cannot draw ${pdf.replacedCharacters === 1 ? 'is' : 'are'} left out or shown as “?”; the Markdown version has them all.`
            : '';
        setDone(path ? `Saved to ${path}.${replaced}` : 'Cancelled: nothing was saved.');
      }
    } catch (e) {
      setError(gdprErrorMessage(e, 'Nothing was saved; check the folder you chose and try again.'));
    } finally {
      setBusy(null);
    }
  };

  const ready = values !== null && guard.kind === 'ready' && busy === null;
  return (
    <div className="gdpr-panel">
      <p>
        The record of processing you keep as a processor for {client.name} (the controller), under Art. 30(2) GDPR: what you process, where it is stored,
        transfers outside the EEA, retention and security measures.
      </p>
      {values && !editing && stored ? (
        <p>
          Processor: <strong>{stored.name}</strong>
          {stored.contact.email ? `, ${stored.contact.email}` : ''}{' '}
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Change your details
          </button>
        </p>
      ) : values ? (
        <ProcessorFields values={values} onChange={setValues} />
      ) : null}
      {guard.kind === 'asking' && (
        <p className="muted" role="status">
          Asking the locality guard where {client.name}’s data may be stored…
        </p>
      )}
      {guard.kind === 'failed' && <FormError message={guard.message} />}
      {guard.kind === 'ready' && (
        <p className="small" data-testid="record-targets">
          {guard.list.problem ? `${guard.list.problem} ` : ''}
          {targets.length === 0
            ? 'No sync targets: the record lists this device only.'
            : `${countOf(targets.length, 'storage target')}, ${targets.filter((t) => t.allowed).length} allowed for this client.`}
          {transfers && ` Transfers outside the EEA: ${transfers.length === 0 ? 'none' : transfers.map((t) => t.targetLabel).join(', ')}.`}
        </p>
      )}
      <ActionStatus busy={busy} done={done} error={error ?? readError} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={!ready} onClick={() => void save('pdf')}>
          Save PDF
        </button>
        <button type="button" className="button" disabled={!ready} onClick={() => void save('md')}>
          Save Markdown
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
