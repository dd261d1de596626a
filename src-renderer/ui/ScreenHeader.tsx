/** A screen's title (focused on arrival, for keyboard and screen-reader users) and its actions. */
import type { ReactNode } from 'react';

export function ScreenHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1 id="screen-title" tabIndex={-1}>
        {title}
      </h1>
      {subtitle && <p className="muted">{subtitle}</p>}
      <div className="header-actions">{children}</div>
    </header>
  );
}
