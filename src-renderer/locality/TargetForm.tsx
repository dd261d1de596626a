/**
 * Add a sync target: a folder, a WebDAV server or an S3-compatible bucket,
 * with where it keeps data. As the person fills it in, main's resolver says
 * where that puts the data and how sure that is ("AWS eu-west-2 is London,
 * GB"), so the place is known before the target exists.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import type { NewTargetInput, ProviderId, RegionChoices, ResolvedLocation, CredentialsInput, TargetKind } from '../../src-preload/contract/index.ts';
import { FormError } from '../app/FormError.tsx';
import { countriesByName, countryName } from '../domain/countries.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { abandonPending, addTargetWithCredentials, type AddTargetOutcome, type PendingTarget } from './add-target.ts';
import { GuaranteeBadge } from './GuaranteeBadge.tsx';
import { TargetPlacementPreview } from './TargetPlacementPreview.tsx';
import { checkTargetForm, declaresCountry, EMPTY_TARGET_FORM, isDeclared, toNewTarget, usesCustomEndpoint, type TargetFormValues } from './target-form.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

const S3_PROVIDERS: { id: ProviderId; label: string }[] = [
  { id: 'aws', label: 'AWS S3' },
  { id: 'hetzner', label: 'Hetzner Object Storage' },
  { id: 'scaleway', label: 'Scaleway' },
  { id: 'wasabi', label: 'Wasabi' },
  { id: 'backblaze', label: 'Backblaze B2' },
  { id: 'r2', label: 'Cloudflare R2' },
  { id: 'minio', label: 'MinIO (self-hosted)' },
  { id: 'custom-s3', label: 'Other S3-compatible' },
];

/** What happened after the target was added: credentials kept where, and the connection test (add-target.ts). */
export type TargetAdded = Omit<Extract<AddTargetOutcome, { kind: 'added' }>, 'kind'>;

/**
 * `join`: the form of a new device, which reads the vault from the target instead of adding it
 * (no vault is open yet); it calls `join` with what was filled in, and shows its error.
 */
export function TargetForm({
  onDone,
  join,
}: {
  onDone: (added: TargetAdded | null) => void;
  join?: (target: NewTargetInput, credentials: CredentialsInput | null) => Promise<void>;
}) {
  const [values, setValues] = useState<TargetFormValues>(EMPTY_TARGET_FORM);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingTarget | null>(null);
  const id = useId();
  const set =
    <K extends keyof TargetFormValues>(key: K) =>
    (value: TargetFormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
  const target = useMemo(() => toNewTarget(values), [values]);
  const countries = useMemo(() => countriesByName(), []);

  const regionChoices = useLoaded(() => unwrap(caravan().locality.regions()), []);
  const choices: RegionChoices | null = regionChoices.value ?? null;
  // Asked again only when the place changes, not on every keystroke in the name or the keys.
  const placeKey = JSON.stringify([target.location, target.endpoint ?? null]);
  const resolved = useLoaded(
    // The endpoint only when typed: an absent argument, not `undefined`, crosses every transport alike.
    () => unwrap(target.endpoint === undefined ? caravan().locality.resolve(target.location) : caravan().locality.resolve(target.location, target.endpoint)),
    [placeKey],
  );
  const where: ResolvedLocation | null = resolved.status === 'failed' ? null : (resolved.value ?? null);
  const shownError = error ?? (regionChoices.status === 'failed' ? errorMessage(regionChoices.error) : null);

  // The folder comes from main's own picker, as a handle; the page never names a folder.
  const chooseFolder = async () => {
    try {
      const chosen = await unwrap(caravan().files.chooseFolder());
      if (chosen) setValues((v) => ({ ...v, folder: chosen.handle, folderPath: chosen.path }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const customEndpoint = usesCustomEndpoint(values);

  const provider = target.location.provider;
  const regions = choices?.providers.find((p) => p.id === provider)?.regions ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTargetForm(values);
    if (!checked.ok) return setError(checked.message);
    const { credentials } = checked;
    setBusy(true);
    if (join) {
      try {
        await join(checked.target, credentials);
      } catch (e) {
        setError(errorMessage(e));
      }
      setBusy(false);
      return;
    }
    const outcome = await addTargetWithCredentials({ locality: caravan().locality, sync: caravan().sync }, checked.target, credentials, pending ?? undefined);
    if (outcome.kind === 'added') return onDone(outcome);
    // A target added without its credentials is kept for the retry, which sends only those if the
    // form still says the same target, and otherwise removes it before adding the changed one.
    setPending(outcome.kind === 'incomplete' ? outcome.pending : null);
    setError(outcome.message);
    setBusy(false);
  };

  // Leaving the form does not leave a target without its credentials behind in main.
  const cancel = async () => {
    if (!pending) return onDone(null);
    setBusy(true);
    const problem = await abandonPending({ locality: caravan().locality }, pending);
    setPending(null);
    setBusy(false);
    if (!problem) return onDone(null);
    setError(problem);
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-label`}>Name</label>
          <input
            autoComplete="off"
            id={`${id}-label`}
            value={values.label}
            autoFocus
            placeholder="Backup bucket"
            onChange={(e) => set('label')(e.target.value)}
          />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-kind`}>Kind</label>
          <select autoComplete="off" id={`${id}-kind`} value={values.kind} onChange={(e) => set('kind')(e.target.value as TargetKind)}>
            <option value="s3">S3-compatible bucket</option>
            <option value="webdav">WebDAV (Nextcloud)</option>
            <option value="folder">Folder</option>
          </select>
        </div>
        {values.kind === 's3' && (
          <div className="field-group">
            <label htmlFor={`${id}-provider`}>Provider</label>
            <select
              autoComplete="off"
              id={`${id}-provider`}
              value={values.provider}
              onChange={(e) => setValues((v) => ({ ...v, provider: e.target.value as ProviderId, region: '' }))}
            >
              {S3_PROVIDERS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {values.kind === 's3' && !isDeclared(provider) && provider !== 'r2' && (
          <div className="field-group">
            <label htmlFor={`${id}-region`}>Region</label>
            <select autoComplete="off" id={`${id}-region`} value={values.region} onChange={(e) => set('region')(e.target.value)}>
              <option value="">Choose…</option>
              {regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.code} ({r.place ? `${r.place}, ` : ''}
                  {r.country}){r.confirmed ? '' : ' (unconfirmed)'}
                </option>
              ))}
            </select>
          </div>
        )}
        {provider === 'r2' && (
          <>
            <div className="field-group">
              <label htmlFor={`${id}-jurisdiction`}>Jurisdiction</label>
              <select autoComplete="off" id={`${id}-jurisdiction`} value={values.r2Jurisdiction} onChange={(e) => set('r2Jurisdiction')(e.target.value)}>
                <option value="">None</option>
                {choices?.r2Jurisdictions.map((j) => (
                  <option key={j.code} value={j.code}>
                    {j.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-hint`}>Location hint</label>
              <select autoComplete="off" id={`${id}-hint`} value={values.r2LocationHint} onChange={(e) => set('r2LocationHint')(e.target.value)}>
                <option value="">None</option>
                {choices?.r2LocationHints.map((h) => (
                  <option key={h.code} value={h.code}>
                    {h.code} ({h.label})
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        {declaresCountry(values) && (
          <div className="field-group">
            <label htmlFor={`${id}-declared`}>Country where it stores data</label>
            <select autoComplete="off" id={`${id}-declared`} value={values.declaredCountry} onChange={(e) => set('declaredCountry')(e.target.value)}>
              <option value="">Not declared</option>
              {countries.map((code) => (
                <option key={code} value={code}>
                  {countryName(code)}
                </option>
              ))}
            </select>
          </div>
        )}
        {values.kind !== 'folder' && (
          <div className="field-group">
            <label htmlFor={`${id}-endpoint`}>{values.kind === 'webdav' ? 'WebDAV URL' : 'Endpoint URL'}</label>
            <input autoComplete="off" id={`${id}-endpoint`} value={values.endpoint} placeholder="https://" onChange={(e) => set('endpoint')(e.target.value)} />
            {values.kind === 's3' && !isDeclared(provider) && !customEndpoint && (
              <span className="field-hint">Leave empty to use the provider’s own for the region.</span>
            )}
            {customEndpoint && (
              <span className="field-hint" data-testid="custom-endpoint-hint">
                Not the provider’s own endpoint for this {provider === 'r2' ? 'jurisdiction' : 'region'}: the data goes where this address points, so Caravan
                cannot check where that is. Its location is only what you declare.
              </span>
            )}
          </div>
        )}
        {values.kind === 's3' && (
          <div className="field-group">
            <label htmlFor={`${id}-bucket`}>Bucket</label>
            <input autoComplete="off" id={`${id}-bucket`} value={values.bucket} onChange={(e) => set('bucket')(e.target.value)} />
          </div>
        )}
        {values.kind !== 'folder' && (
          <>
            <div className="field-group">
              <label htmlFor={`${id}-user`}>{values.kind === 's3' ? 'Access key' : 'User name'}</label>
              <input id={`${id}-user`} value={values.user} autoComplete="off" onChange={(e) => set('user')(e.target.value)} />
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-secret`}>{values.kind === 's3' ? 'Secret key' : 'Password'}</label>
              <input id={`${id}-secret`} type="password" value={values.secret} autoComplete="new-password" onChange={(e) => set('secret')(e.target.value)} />
            </div>
          </>
        )}
        {values.kind === 'folder' && (
          <div className="field-group">
            <label htmlFor={`${id}-path`}>Folder</label>
            <div className="input-with-button">
              <input autoComplete="off" id={`${id}-path`} value={values.folderPath} placeholder="No folder chosen" readOnly />
              <button type="button" className="button" onClick={() => void chooseFolder()}>
                Choose…
              </button>
            </div>
            <p className="field-hint">A folder your sync tool (Syncthing, Dropbox) or a USB disk keeps, on this computer; choose it.</p>
          </div>
        )}
      </div>
      <p className="target-where" aria-live="polite">
        {where ? (
          <>
            <GuaranteeBadge guarantee={where.guarantee} /> {where.description}.
          </>
        ) : (
          'Where this target keeps data shows here.'
        )}
      </p>
      {/* A joining device has no vault open, so no client to judge. */}
      {!join && <TargetPlacementPreview location={target.location} endpoint={target.endpoint} where={where} />}
      <FormError message={shownError} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {join ? 'Find my vault' : 'Add target'}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
