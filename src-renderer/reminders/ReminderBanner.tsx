/** Reminders in the window, on every screen, until dismissed or acted on. */
import { BellRing, X } from 'lucide-react';
import { useStore } from '../app/store.ts';
import type { ActiveReminder } from './reminders-slice.ts';

export function ReminderBanner() {
  const reminders = useStore((s) => s.reminders);
  if (reminders.length === 0) return null;
  return (
    <div className="reminder-banners">
      {reminders.map((r) => (
        <Reminder key={r.kind} reminder={r} />
      ))}
    </div>
  );
}

function Reminder({ reminder }: { reminder: ActiveReminder }) {
  const dismiss = useStore((s) => s.dismissReminder);
  const request = useStore((s) => s.request);
  const timerCommand = useStore((s) => s.timerCommand);
  const timerRunning = useStore((s) => s.timer !== null && s.timer.status !== 'idle');
  const act =
    reminder.kind === 'no-time'
      ? {
          label: 'Add time',
          // Opens Time with a new block ready to type, as Ctrl+E does.
          run: () => request('time', 'new-block'),
        }
      : timerRunning
        ? { label: 'Stop the timer', run: () => void timerCommand({ type: 'stop' }) }
        : null;
  return (
    <div className="reminder-banner" role="status" data-reminder={reminder.kind}>
      <BellRing aria-hidden size={18} />
      <p>{reminder.message}</p>
      {act && (
        <button
          type="button"
          className="button"
          onClick={() => {
            dismiss(reminder.kind);
            act.run();
          }}
        >
          {act.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss reminder" onClick={() => dismiss(reminder.kind)}>
        <X aria-hidden size={16} />
      </button>
    </div>
  );
}
