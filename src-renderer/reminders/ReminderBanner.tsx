/** Reminders in the window, on every screen, until dismissed or acted on (or, for a timer session's, until it ends). */
import { BellRing, X } from 'lucide-react';
import { useStore } from '../app/store.ts';
import type { ActiveReminder } from './reminders-slice.ts';
import { shownReminders } from './shown-reminders.ts';

export function ReminderBanner() {
  const reminders = useStore((s) => s.reminders);
  const timerSessionId = useStore((s) => s.timer?.sessionId);
  const shown = shownReminders(reminders, timerSessionId);
  if (shown.length === 0) return null;
  return (
    <div className="reminder-banners">
      {shown.map((r) => (
        <Reminder key={r.kind} reminder={r} />
      ))}
    </div>
  );
}

function Reminder({ reminder }: { reminder: ActiveReminder }) {
  const dismiss = useStore((s) => s.dismissReminder);
  const request = useStore((s) => s.request);
  const timerCommand = useStore((s) => s.timerCommand);
  const act =
    reminder.kind === 'no-time'
      ? {
          label: 'Add time',
          // Opens Time with a new block ready to type, as Ctrl+E does.
          run: () => request('time', 'new-block'),
        }
      : {
          label: 'Stop the timer',
          // Shown only while its session runs; checked again at the click, so another is never stopped.
          run: () => {
            if (useStore.getState().timer?.sessionId === reminder.sessionId) void timerCommand({ type: 'stop' });
          },
        };
  return (
    <div className="reminder-banner" role="status" data-reminder={reminder.kind}>
      <BellRing aria-hidden size={18} />
      <p>{reminder.message}</p>
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
      <button type="button" className="icon-button" aria-label="Dismiss reminder" onClick={() => dismiss(reminder.kind)}>
        <X aria-hidden size={16} />
      </button>
    </div>
  );
}
