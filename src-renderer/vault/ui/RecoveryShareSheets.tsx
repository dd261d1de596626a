import { useEffect, useId, useState } from 'react';
import { caravan } from '../../ipc/caravan.ts';
import { errorMessage } from '../../ui/error-message.ts';
import type { RecoveryShare } from '../crypto/recovery-shares.ts';

/** One share as text for its saved file: what it is, who holds it, what to do, and the groups. */
export function recoveryShareText(share: RecoveryShare, holder: string, createdAt: Date): string {
  return [
    `CARAVAN RECOVERY SHARE ${share.number} OF ${share.total}`,
    '',
    `Any ${share.threshold} of the ${share.total} shares of this set open the Caravan vault below`,
    `if its owner forgets the passphrase. Fewer than ${share.threshold} reveal nothing about it.`,
    'Keep this share safe and give it back only to the vault’s owner.',
    '',
    ...(holder.trim() ? [`Kept by: ${holder.trim()}`] : []),
    `Vault tag: ${share.vaultTag}`,
    `Set: ${share.setId} (made ${createdAt.toISOString().slice(0, 10)})`,
    '',
    `Share ${share.number} of ${share.total}: ${share.text}`,
    '',
    'To use it: on the unlock screen choose "Forgot your passphrase?", then',
    '"Use shares instead", and type this share and the others you gathered.',
    '',
  ].join('\n');
}

/**
 * The shares of one split, each on its own sheet with whom it is for, saved or printed one at a
 * time: only the sheet being printed is `printable`, so each share is printed on a page of its
 * own and nobody's printout holds two.
 */
export function RecoveryShareSheets({ shares, createdAt }: { shares: readonly RecoveryShare[]; createdAt: Date }) {
  const [holders, setHolders] = useState<string[]>(() => shares.map(() => ''));
  const [printing, setPrinting] = useState<number | null>(null);
  const [status, setStatus] = useState<{ index: number; text: string } | null>(null);

  // Print once the chosen sheet is the printable one on screen. The body's mark hides every other
  // printable (the kit beside the shares at first run), so a holder's sheet never carries the kit.
  useEffect(() => {
    if (printing === null) return;
    let cancelled = false;
    document.body.dataset.printing = 'recovery-share';
    void (async () => {
      let text: string;
      try {
        const result = await caravan().app.print();
        text = result.ok ? (result.value.printed ? 'Sent to the printer.' : 'Printing was cancelled.') : result.error.message;
      } catch (error) {
        text = `Printing failed: ${errorMessage(error)}`;
      }
      if (cancelled) return;
      setStatus({ index: printing, text });
      setPrinting(null);
    })();
    return () => {
      cancelled = true;
      delete document.body.dataset.printing;
    };
  }, [printing]);

  const save = async (index: number) => {
    const share = shares[index];
    if (!share) return;
    const result = await caravan().files.saveText({
      kind: 'recovery-share',
      stem: `caravan-recovery-share-${share.number}-of-${share.total}`,
      content: recoveryShareText(share, holders[index] ?? '', createdAt),
      clients: [],
      deviceOnlyConfirmed: false,
    });
    const text = !result.ok
      ? result.error.message
      : result.value.saved
        ? `Saved to ${result.value.path}`
        : 'Not saved. You can still print it or copy it by hand.';
    setStatus({ index, text });
  };

  return (
    <div className="share-sheets">
      {shares.map((share, index) => (
        <ShareSheet
          key={`${share.setId}-${share.number}`}
          share={share}
          createdAt={createdAt}
          holder={holders[index] ?? ''}
          onHolder={(value) => setHolders((all) => all.map((h, i) => (i === index ? value : h)))}
          printable={printing === index}
          busy={printing !== null}
          status={status?.index === index ? status.text : null}
          onSave={() => void save(index)}
          onPrint={() => {
            setStatus(null);
            setPrinting(index);
          }}
        />
      ))}
    </div>
  );
}

interface SheetProps {
  share: RecoveryShare;
  createdAt: Date;
  holder: string;
  onHolder: (value: string) => void;
  printable: boolean;
  busy: boolean;
  status: string | null;
  onSave: () => void;
  onPrint: () => void;
}

function ShareSheet({ share, createdAt, holder, onHolder, printable, busy, status, onSave, onPrint }: SheetProps) {
  const id = useId();
  const title = `Share ${share.number} of ${share.total}`;
  return (
    <section className={`share-sheet${printable ? ' printable' : ''}`} aria-labelledby={`${id}-title`} data-testid={`recovery-share-${share.number}`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="print-only">
        Caravan recovery share. Any {share.threshold} of the {share.total} shares of set {share.setId} open vault {share.vaultTag}… if its owner forgets the
        passphrase; fewer reveal nothing. Keep it safe and give it back only to the vault’s owner.
      </p>
      <div className="field-group no-print">
        <label htmlFor={`${id}-holder`}>Who is it for?</label>
        <input id={`${id}-holder`} autoComplete="off" value={holder} placeholder="A person or a place you trust" onChange={(e) => onHolder(e.target.value)} />
      </div>
      {holder.trim() && <p className="print-only">Kept by: {holder.trim()}</p>}
      <p className="muted small">
        Any {share.threshold} of {share.total} · vault {share.vaultTag} · set {share.setId} · made {createdAt.toISOString().slice(0, 10)}
      </p>
      <ol className="kit-groups" aria-label={`${title}, ${share.text.split('-').length} groups`}>
        {share.text.split('-').map((group, index) => (
          <li key={index}>
            <span className="kit-index">{index + 1}</span>
            <code>{group}</code>
          </li>
        ))}
      </ol>
      <div className="button-row no-print">
        <button type="button" className="button" onClick={onSave}>
          Save share {share.number} as a file…
        </button>
        <button type="button" className="button" onClick={onPrint} disabled={busy}>
          Print share {share.number}…
        </button>
      </div>
      {status && (
        <p className="muted small no-print" role="status">
          {status}
        </p>
      )}
    </section>
  );
}
