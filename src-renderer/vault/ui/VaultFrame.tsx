import type { ReactNode } from 'react';

/** The centred card every locked-state screen (create, unlock, recover) uses. */
export function VaultFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="vault-frame">
      <div className="vault-card">
        <div className="brand" aria-hidden>
          <span className="brand-mark">◆</span> Caravan
        </div>
        <h1 tabIndex={-1}>{title}</h1>
        {children}
      </div>
    </main>
  );
}
