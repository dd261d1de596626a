import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** What the screen will do, in a sentence a user understands. */
  purpose: string;
  /** The feature that brings it. */
  arrivesWith: string;
  children?: ReactNode;
}

/** A screen whose feature is not built yet says so plainly instead of pretending. */
export function ComingSoon({ title, purpose, arrivesWith, children }: Props) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title" tabIndex={-1}>
          {title}
        </h1>
      </header>
      <div className="empty-state" data-testid="coming-soon">
        <p className="empty-title">Not built yet</p>
        <p>{purpose}</p>
        <p className="muted">This screen arrives with {arrivesWith}. Nothing here stores or sends data yet.</p>
        {children}
      </div>
    </section>
  );
}
