/** Today's answer, first on the screen: Schengen days used and left, and when inside the area the latest day to leave. */
import type { ReactNode } from 'react';
import { countOf } from '../../ui/format/plural.ts';
import { dayRange, shortDay } from './day-words.ts';
import type { SchengenToday } from './presence-view.ts';

export function SchengenCard({ answer, today, children }: { answer: SchengenToday; today: string; children?: ReactNode }) {
  const { status } = answer;
  return (
    <section className="card presence-today" aria-labelledby="presence-today-title">
      <h2 id="presence-today-title">Today</h2>
      <p className="presence-answer" data-testid="schengen-answer">
        Schengen: {countOf(status.used, 'day')} used, {status.remaining} left (window {dayRange(status.windowStart, status.windowEnd, today)})
        {status.overstay > 0 && <strong className="warn"> · {countOf(status.overstay, 'day')} over the limit</strong>}
      </p>
      {answer.inside && answer.stayFrom !== undefined && (
        <p data-testid="schengen-exit">
          {answer.latestExit === null || answer.latestExit === undefined ? (
            <strong className="warn">
              You are inside the area since {shortDay(answer.stayFrom, today)} and already past 90 days: leave as soon as you can.
            </strong>
          ) : (
            <>
              Inside the area since {shortDay(answer.stayFrom, today)}: leave by <strong>{shortDay(answer.latestExit, today)}</strong> at the latest.
            </>
          )}
        </p>
      )}
      {!answer.inside && <p className="muted">Outside the Schengen area today (or not confirmed yet).</p>}
      {children}
    </section>
  );
}
