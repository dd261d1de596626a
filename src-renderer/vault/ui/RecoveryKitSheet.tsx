import { useState } from 'react';
import { caravan } from '../../ipc/caravan.ts';

/** The kit as text for the saved file: what it is, what to do with it, and the groups. */
export function recoveryKitText(kit: string, vaultId: string, createdAt: Date): string {
  return [
    'CARAVAN RECOVERY KIT',
    '',
    'This kit opens your Caravan vault if you forget your passphrase.',
    'Anyone who has it and your data can read your data: keep it offline,',
    'printed or on a drive you lock away. Caravan never stores it.',
    '',
    `Vault: ${vaultId}`,
    `Created: ${createdAt.toISOString()}`,
    '',
    `Recovery key: ${kit}`,
    '',
    'To use it: on the unlock screen choose "Forgot your passphrase?",',
    'type the key (case and dashes do not matter) and set a new passphrase.',
    '',
  ].join('\n');
}

/** Shows the recovery kit once, with save and print. */
export function RecoveryKitSheet({ kit, vaultId }: { kit: string; vaultId: string }) {
  const [status, setStatus] = useState<string | null>(null);
  const groups = kit.split('-');

  const save = async () => {
    const result = await caravan().files.saveText({
      kind: 'recovery-kit',
      stem: 'caravan-recovery-kit',
      content: recoveryKitText(kit, vaultId, new Date()),
      clients: [],
      deviceOnlyConfirmed: false,
    });
    if (!result.ok) setStatus(result.error.message);
    else setStatus(result.value.saved ? `Saved to ${result.value.path}` : 'Not saved. You can still print it or write it down.');
  };
  const print = async () => {
    const result = await caravan().app.print();
    setStatus(result.ok ? (result.value.printed ? 'Sent to the printer.' : 'Printing was cancelled.') : result.error.message);
  };

  return (
    <div className="recovery-kit printable">
      <p className="print-only">Caravan recovery kit. Vault {vaultId}</p>
      <ol className="kit-groups" aria-label="Recovery key" data-testid="recovery-kit">
        {groups.map((group, index) => (
          <li key={index}>
            <span className="kit-index">{index + 1}</span>
            <code>{group}</code>
          </li>
        ))}
      </ol>
      <div className="button-row no-print">
        <button type="button" className="button" onClick={() => void save()}>
          Save as a file…
        </button>
        <button type="button" className="button" onClick={() => void print()}>
          Print…
        </button>
      </div>
      {status && (
        <p className="muted small no-print" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
