/**
 * Exporting one project as a `.caravan` bundle: full or hand-off, protected by a passphrase or
 * sealed to contacts, with progress while it is read and encrypted. Main's guard is asked first
 * (a device-only client is refused with the reason, before any work) and again when the file is
 * saved; the export is audited there.
 */
import { useState } from 'react';
import { ActionStatus } from '../../app/ActionStatus.tsx';
import type { Client } from '../../domain/client.ts';
import type { Project } from '../../domain/project.ts';
import { boxKeyOf } from '../../identity/contacts.ts';
import { useContacts } from '../../identity/use-contacts.ts';
import { caravan, unwrap } from '../../ipc/caravan.ts';
import { MAX_BUNDLE_BYTES } from '../../../src-preload/contract/bundle.ts';
import { currentWorkspace, repoContext, vaultService } from '../../vault/session/runtime.ts';
import type { BundleProtection } from '../codec/index.ts';
import { bundleToBase64 } from '../bundle-transfer.ts';
import { exportProjectBundle, type ExportStage } from '../export-project.ts';
import type { BundleVariant } from '../content/project-content.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { formatBytes } from '../../ui/format/sizes.ts';
import { formatPercent } from '../../ui/format/percent.ts';
import { useLoaded } from '../../ui/use-loaded.ts';

type Check = { kind: 'allowed' } | { kind: 'refused'; reason: string };
const MIN_PASSPHRASE = 10;

function stageText(stage: ExportStage): string {
  if (stage.stage === 'reading') return 'Reading the project…';
  return `Encrypting and signing… ${formatPercent(stage.total === 0 ? 1 : stage.done / stage.total, 'floor')}`;
}

export function ExportBundlePanel({ project, client, onClose }: { project: Project; client: Client; onClose: () => void }) {
  const { contacts } = useContacts();
  const [variant, setVariant] = useState<BundleVariant>('full');
  const [mode, setMode] = useState<'passphrase' | 'recipients'>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [includeSelf, setIncludeSelf] = useState(true);
  const [stage, setStage] = useState<ExportStage | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const asked = useLoaded(async (): Promise<Check> => {
    const result = await caravan().bundle.checkExport(client.id, client.name);
    if (!result.ok) return { kind: 'refused', reason: result.error.message };
    return result.value.allowed ? { kind: 'allowed' } : { kind: 'refused', reason: result.value.reason };
  }, [client.id, client.name]);

  if (asked.status === 'loading') return <p className="muted">Asking the locality guard…</p>;
  // A question that could not be asked refuses, with why; before, it waited forever.
  const check: Check = asked.status === 'failed' ? { kind: 'refused', reason: errorMessage(asked.error) } : asked.value;
  if (check.kind === 'refused') {
    return (
      <>
        <p className="form-error" role="alert" data-testid="bundle-refused">
          {check.reason}
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </>
    );
  }

  const protection = (): BundleProtection | string => {
    if (mode === 'passphrase') {
      if (passphrase.length < MIN_PASSPHRASE) return `Use a passphrase of at least ${MIN_PASSPHRASE} characters; the file may travel far.`;
      if (passphrase !== repeat) return 'The two passphrases differ.';
      // Argon2id in the vault's key worker, so the window does not freeze for its second.
      return { kind: 'passphrase', passphrase, kdf: vaultService().passphraseKdf };
    }
    const ring = currentWorkspace()?.keyRing;
    const recipients = (contacts ?? []).filter((c) => chosen.has(c.id)).map(boxKeyOf);
    if (includeSelf && ring) recipients.push(ring.identity().boxPublicKey);
    return recipients.length > 0 ? { kind: 'recipients', recipients } : 'Choose at least one contact to seal the bundle to.';
  };

  const run = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    const chosenProtection = protection();
    if (typeof chosenProtection === 'string') return setError(chosenProtection);
    const ring = currentWorkspace()?.keyRing;
    if (!ring) return setError('The vault is locked. Unlock it and export again.');
    try {
      const at = Date.now();
      const bytes = await exportProjectBundle({
        db: repoContext().db,
        identity: ring.identity(),
        clientId: client.id,
        projectId: project.id,
        variant,
        protection: chosenProtection,
        now: at,
        onStage: (s) => {
          setStage(s);
          setProgress(s.stage === 'encrypting' && s.total > 0 ? s.done / s.total : null);
        },
      });
      setStage(null);
      if (bytes.length > MAX_BUNDLE_BYTES) {
        return setError(
          `This project makes a ${formatBytes(bytes.length)} bundle, more than the ${formatBytes(MAX_BUNDLE_BYTES)} one bundle may be. Nothing was saved.`,
        );
      }
      // Main names the file (what it is and the day): a bundle shows neither client nor project.
      const saved = await unwrap(caravan().bundle.save({ clientId: client.id, clientLabel: client.name, variant, bytesBase64: bundleToBase64(bytes) }));
      setDone(saved.saved ? `Saved to ${saved.path} (${formatBytes(bytes.length)}). Recorded in the audit log.` : 'Cancelled: nothing was saved.');
    } catch (e) {
      setError(`${errorMessage(e)} Nothing was saved.`);
    } finally {
      setStage(null);
      setProgress(null);
    }
  };

  const busy = stage !== null;
  return (
    <form onSubmit={(e) => void run(e)} autoComplete="off" aria-label="Export bundle">
      <fieldset className="field" disabled={busy}>
        <legend>What goes in</legend>
        <label className="radio">
          <input autoComplete="off" type="radio" name="variant" checked={variant === 'full'} onChange={() => setVariant('full')} /> The whole project: for your
          other vault or an archive
        </label>
        <label className="radio">
          <input autoComplete="off" type="radio" name="variant" checked={variant === 'handoff'} onChange={() => setVariant('handoff')} /> A hand-off for the
          client or a subcontractor: no rates, no private notes, no internal expenses, with a hand-off document
        </label>
      </fieldset>
      <fieldset className="field" disabled={busy}>
        <legend>Who can open it</legend>
        <label className="radio">
          <input autoComplete="off" type="radio" name="protection" checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} /> Anyone with a
          passphrase
        </label>
        <label className="radio">
          <input autoComplete="off" type="radio" name="protection" checked={mode === 'recipients'} onChange={() => setMode('recipients')} /> Only the contacts I
          choose
        </label>
      </fieldset>
      {mode === 'passphrase' ? (
        <>
          <label className="field">
            <span>Passphrase</span>
            <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} disabled={busy} autoComplete="new-password" />
          </label>
          <label className="field">
            <span>Passphrase again</span>
            <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} disabled={busy} autoComplete="new-password" />
          </label>
          <p className="field-hint">Tell the passphrase by another channel than the file.</p>
        </>
      ) : (
        <fieldset className="field" disabled={busy}>
          <legend>Recipients</legend>
          {contacts !== null && contacts.length === 0 && <p className="muted">No contacts yet: add their public keys under Settings, Identity and contacts.</p>}
          {(contacts ?? []).map((c) => (
            <label key={c.id} className="checkbox">
              <input
                autoComplete="off"
                type="checkbox"
                checked={chosen.has(c.id)}
                onChange={(e) => setChosen((prev) => (e.target.checked ? new Set([...prev, c.id]) : new Set([...prev].filter((id) => id !== c.id))))}
              />{' '}
              {c.name} <code>{c.fingerprint}</code>
            </label>
          ))}
          <label className="checkbox">
            <input autoComplete="off" type="checkbox" checked={includeSelf} onChange={(e) => setIncludeSelf(e.target.checked)} /> This vault too, so you can
            open it yourself
          </label>
        </fieldset>
      )}
      {progress !== null && <progress className="progress-line" value={progress} max={1} aria-label="Export progress" />}
      <ActionStatus busy={stage ? stageText(stage) : null} done={done} error={error} />
      <div className="button-row">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          {done ? 'Close' : 'Cancel'}
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          Export bundle
        </button>
      </div>
    </form>
  );
}
