/** Shows the screen once the workspace is read; a notice while reading, an actionable error if it failed. */
import type { ReactNode } from 'react';
import { useStore } from '../app/store.ts';

export function WorkspaceState({ children }: { children: ReactNode }) {
  const status = useStore((s) => s.workspace);
  const load = useStore((s) => s.loadWorkspace);
  const unreadable = useStore((s) => s.unreadableRows);
  const integrity = useStore((s) => s.integrityFinding);
  const dismissIntegrity = useStore((s) => s.dismissIntegrityFinding);
  if (status.kind === 'loading' || status.kind === 'idle') return <p className="muted">Decrypting your workspace…</p>;
  if (status.kind === 'error') {
    return (
      <div className="card" role="alert">
        <p>Your records could not be read: {status.message}</p>
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <>
      {integrity && (
        <div className="banner" role="alert" data-testid="integrity-finding">
          <p>
            <strong>{integrity.title}</strong>
          </p>
          <ul>
            {integrity.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>{integrity.advice}</p>
          <button type="button" className="button" onClick={dismissIntegrity}>
            I understand
          </button>
        </div>
      )}
      {unreadable > 0 && (
        <p className="banner" role="status">
          {unreadable === 1 ? 'One stored record' : `${unreadable} stored records`} could not be decrypted and {unreadable === 1 ? 'is' : 'are'} not shown. They
          may be damaged, or belong to a client whose data was erased; a synced copy may still be intact.
        </p>
      )}
      {children}
    </>
  );
}
