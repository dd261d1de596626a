/**
 * Importing a `.caravan` bundle: pick the file (its signature is verified at once and the signer
 * shown, known or not), open it with a passphrase or this vault's key, see what would be added or
 * updated, then merge. Every refusal says why, and nothing is written before "Import".
 */
import { useState } from 'react';
import { ActionStatus } from '../../app/ActionStatus.tsx';
import { useContacts } from '../../identity/use-contacts.ts';
import { vaultService } from '../../vault/session/runtime.ts';
import type { ImportPlan } from '../content/import-plan.ts';
import type { EntityTableName } from '../../vault/store/rows.ts';
import { commitImport, decryptAndPlan, ownRecipientKey, pickAndVerify, type VerifiedFile } from '../import-session.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { formatInstant } from '../../ui/format/dates.ts';
import { countOf } from '../../ui/format/plural.ts';

type Step =
  { kind: 'pick' } | { kind: 'key'; file: VerifiedFile } | { kind: 'preview'; file: VerifiedFile; plan: ImportPlan } | { kind: 'done'; message: string };

const TABLES: { table: EntityTableName; label: string }[] = [
  { table: 'clients', label: 'Client' },
  { table: 'projects', label: 'Project' },
  { table: 'phases', label: 'Phases' },
  { table: 'timeBlocks', label: 'Time blocks' },
  { table: 'experiments', label: 'Experiments' },
  { table: 'expenses', label: 'Expenses' },
  { table: 'killSwitches', label: 'Kill switches' },
];

function policyText(file: VerifiedFile): string {
  const r = file.info.meta.residency;
  if (r.kind === 'device-only') return 'device only';
  if (r.kind === 'zone') return r.zone === 'EEA+adequacy' ? 'the EEA or an adequate country' : `the ${r.zone}`;
  return `only ${r.countries.join(', ')}`;
}

function SignerFacts({ file }: { file: VerifiedFile }) {
  const { info, signer, ownSignature } = file;
  return (
    <dl className="facts bundle-facts" data-testid="bundle-facts">
      <dt>File</dt>
      <dd>{file.name}</dd>
      <dt>Signed by</dt>
      <dd data-testid="bundle-signer">
        {ownSignature
          ? 'This vault'
          : signer
            ? signer.name
            : 'An unknown signer: not one of your contacts. Compare the fingerprint with the sender before you import.'}
        <br />
        <code>{info.signer.fingerprint}</code>
      </dd>
      <dt>Contents</dt>
      <dd>
        {info.meta.variant === 'handoff' ? 'A hand-off (no rates or private notes)' : 'A whole project'}, made {formatInstant(info.meta.createdAt)}
      </dd>
      <dt>Residency</dt>
      <dd>The data must stay in {policyText(file)}</dd>
    </dl>
  );
}

export function ImportBundlePanel({ onClose }: { onClose: () => void }) {
  const { contacts } = useContacts();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const attempt = async (label: string, work: () => Promise<void>) => {
    setError(null);
    setBusy(label);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const pick = () =>
    attempt('Reading and verifying the file…', async () => {
      const file = await pickAndVerify(contacts ?? []);
      if (file) setStep({ kind: 'key', file });
    });

  const open = (file: VerifiedFile, key: Parameters<typeof decryptAndPlan>[1]) =>
    attempt('Decrypting…', async () => {
      const plan = await decryptAndPlan(file, key, (done, total) => setProgress(total > 0 ? done / total : null));
      setPassphrase('');
      setStep({ kind: 'preview', file, plan });
    });

  const commit = (file: VerifiedFile, plan: ImportPlan) =>
    attempt('Importing…', async () => {
      const { records, auditProblem } = await commitImport(file, plan);
      const audit = auditProblem ? ` The audit log did not record it: ${auditProblem}` : ' Recorded in the audit log.';
      setStep({ kind: 'done', message: `Imported ${plan.project.name} for ${plan.client.name}: ${countOf(records, 'record')} written.${audit}` });
    });

  const footer = (primary?: React.ReactNode) => (
    <div className="button-row">
      <button type="button" className="button" onClick={onClose} disabled={busy !== null && step.kind === 'preview'}>
        {step.kind === 'done' ? 'Close' : 'Cancel'}
      </button>
      {primary}
    </div>
  );

  return (
    <div aria-label="Import bundle">
      {step.kind === 'pick' && (
        <>
          <p>
            Choose a <code>.caravan</code> file. Its signature is checked before you are asked for anything.
          </p>
          <ActionStatus busy={busy} error={error} />
          {footer(
            <button type="button" className="button primary" onClick={() => void pick()} disabled={busy !== null || contacts === null}>
              Choose a bundle…
            </button>,
          )}
        </>
      )}
      {step.kind === 'key' && (
        <>
          <SignerFacts file={step.file} />
          {step.file.info.protection.kind === 'passphrase' ? (
            <form
              autoComplete="off"
              onSubmit={(e) => {
                e.preventDefault();
                void open(step.file, { kind: 'passphrase', passphrase, kdf: vaultService().passphraseKdf });
              }}
            >
              <label className="field">
                <span>Passphrase of the bundle</span>
                <input
                  type="password"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                  disabled={busy !== null}
                  autoFocus
                  autoComplete="off"
                />
              </label>
              {progress !== null && <progress className="progress-line" value={progress} max={1} aria-label="Decryption progress" />}
              <ActionStatus busy={busy} error={error} />
              {footer(
                <button type="submit" className="button primary" disabled={busy !== null || passphrase === ''}>
                  Open
                </button>,
              )}
            </form>
          ) : (
            <>
              <p>
                It is sealed to {step.file.info.protection.count === 1 ? 'one recipient' : `${step.file.info.protection.count} recipients`}. Caravan tries this
                vault's key.
              </p>
              {progress !== null && <progress className="progress-line" value={progress} max={1} aria-label="Decryption progress" />}
              <ActionStatus busy={busy} error={error} />
              {footer(
                <button type="button" className="button primary" disabled={busy !== null} onClick={() => void open(step.file, ownRecipientKey())}>
                  Open with this vault's key
                </button>,
              )}
            </>
          )}
        </>
      )}
      {step.kind === 'preview' && (
        <>
          <SignerFacts file={step.file} />
          <p data-testid="bundle-preview-title">
            <strong>{step.plan.project.name}</strong> for <strong>{step.plan.client.name}</strong>
            {step.plan.newClient ? ': a client new to this vault.' : ': the client is already in this vault; the bundle merges into it.'}
          </p>
          <table className="list-table" aria-label="What the import changes">
            <thead>
              <tr>
                <th scope="col">Records</th>
                <th scope="col">Added</th>
                <th scope="col">Updated</th>
                <th scope="col">Unchanged</th>
              </tr>
            </thead>
            <tbody>
              {TABLES.filter(({ table }) => Object.values(step.plan.counts[table]).some((n) => n > 0)).map(({ table, label }) => (
                <tr key={table}>
                  <th scope="row">{label}</th>
                  <td>{step.plan.counts[table].added}</td>
                  <td>{step.plan.counts[table].updated}</td>
                  <td>{step.plan.counts[table].unchanged}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {step.plan.policyKept && (
            <p className="muted">
              The bundle holds a different residency policy or travel mark for this client; this vault keeps its own. Change it in the client's settings if you
              mean to.
            </p>
          )}
          {step.plan.keptNewer > 0 && <p className="muted">{step.plan.keptNewer} values in the bundle are older than what this vault holds; yours are kept.</p>}
          {step.plan.noChange && (
            <p className="muted">This bundle was imported before, or this vault holds newer versions of everything in it: importing changes nothing.</p>
          )}
          {step.plan.content.handoff && (
            <>
              <h3>Hand-off document</h3>
              <pre className="bundle-handoff" data-testid="handoff-document">
                {step.plan.content.handoff.markdown}
              </pre>
            </>
          )}
          <ActionStatus busy={busy} error={error} />
          {footer(
            <button type="button" className="button primary" disabled={busy !== null || step.plan.noChange} onClick={() => void commit(step.file, step.plan)}>
              Import
            </button>,
          )}
        </>
      )}
      {step.kind === 'done' && (
        <>
          <ActionStatus done={step.message} />
          {footer()}
        </>
      )}
    </div>
  );
}
