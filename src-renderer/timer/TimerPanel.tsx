/**
 * The deep-work timer in the window: the same timer as the tray's (main owns it), with its
 * controls, the time left, and the question after an absence: keep, discard, or a break.
 */
import { Coffee, Pause, Play, Square, SkipForward } from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useIntent } from '../nav/use-intent.ts';
import { useStore } from '../app/store.ts';
import type { TimerCommand, TimerView } from '../../src-preload/contract/index.ts';
import { formatDurationShort, formatTime } from '../time/format.ts';
import { formatTimerClock } from '../ui/format/duration.ts';
import { savedBySession } from './timer-blocks.ts';

type PresetChoice = 'pomodoro' | 'fifty-ten' | 'deep-90' | 'custom';

const PRESET_LABELS: Record<PresetChoice, string> = {
  pomodoro: '25 min, 5 min break',
  'fifty-ten': '50 min, 10 min break',
  'deep-90': '90 min deep work',
  custom: 'Custom',
};

const AWAY_CAUSES: Record<NonNullable<TimerView['away']>['cause'], string> = {
  idle: 'no keyboard or mouse input',
  suspend: 'the computer was asleep',
  lock: 'the screen was locked',
  restart: 'Caravan was not running',
};

/** Re-renders every second while the timer counts, so the clock moves between main's updates. */
function useSecond(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function TimerPanel({ zone }: { zone: string }) {
  const timer = useStore((s) => s.timer);
  const receivedAt = useStore((s) => s.timerReceivedAt);
  const error = useStore((s) => s.timerError);
  const command = useStore((s) => s.timerCommand);
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const notify = useStore((s) => s.notify);
  const timerNote = useStore((s) => s.timerNote);
  const setTimerNote = useStore((s) => s.setTimerNote);
  const [projectId, setProjectId] = useState('');
  const [preset, setPreset] = useState<PresetChoice>('deep-90');
  const [workMin, setWorkMin] = useState('45');
  const [breakMin, setBreakMin] = useState('10');
  const id = useId();
  const now = useSecond(Boolean(timer?.counting));
  const startRef = useRef<HTMLButtonElement>(null);
  // "Start the timer" from the palette lands here with the Start button focused: Enter starts.
  useIntent(
    'start-timer',
    useCallback(() => startRef.current?.focus(), []),
    timer?.status === 'idle',
  );

  // A project halted by a kill switch is not offered: the timer would refuse it.
  const haltedIds = timer?.halted;
  const open = useMemo(() => projects.filter((p) => (p.status === 'active' || p.status === 'lead') && !haltedIds?.includes(p.id)), [projects, haltedIds]);
  const label = (pid: string | undefined) => {
    const project = projects.find((p) => p.id === pid);
    return project ? `${clients.find((c) => c.id === project.clientId)?.name ?? ''} · ${project.name}` : 'a project';
  };
  if (!timer) return null;

  const haltedNames = timer.halted.filter((pid) => projects.some((p) => p.id === pid)).map((pid) => label(pid));
  const send = (c: TimerCommand) => void command(c);
  const stop = async () => {
    const { sessionId, projectId: stoppedOn } = timer;
    if (!(await command({ type: 'stop' })) || sessionId === undefined) return;
    // The last block is still in main's outbox here; savedBySession counts it once either way.
    const { blocks, timer: after } = useStore.getState();
    const saved = savedBySession(sessionId, blocks, after?.outbox ?? []);
    notify(
      saved > 0
        ? `Saved ${formatDurationShort(saved)} on ${label(stoppedOn)}.`
        : `Nothing saved on ${label(stoppedOn)}: less than a minute of work was timed, and blocks under a minute are not written.`,
    );
  };
  const start = () => {
    const chosen = projectId || open[0]?.id;
    if (!chosen) return;
    const choice: Extract<TimerCommand, { type: 'start' }>['preset'] = preset === 'custom' ? { workMin: Number(workMin), breakMin: Number(breakMin) } : preset;
    send({ type: 'start', projectId: chosen, preset: choice });
  };
  // Count on locally from when main's view arrived, while time accrues.
  const elapsed = timer.counting ? Math.max(0, now - receivedAt) : 0;
  const remaining = Math.max(0, timer.remainingMs - elapsed);
  const over = timer.status === 'overrun' ? timer.accruedMs + elapsed - (timer.period?.plannedMs ?? 0) : 0;
  const halted = timer.projectId !== undefined && timer.halted.includes(timer.projectId);

  return (
    <section className="card timer-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Deep-work timer</h2>
      {timer.problem && <p className="banner">{timer.problem}</p>}
      {timer.away && (
        <div role="alertdialog" aria-labelledby={`${id}-away`} className="away-question">
          <p id={`${id}-away`}>
            You were away from {formatTime(timer.away.since, zone)} ({AWAY_CAUSES[timer.away.cause]}). What was that time?
          </p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => send({ type: 'resolveAway', choice: 'keep' })}>
              Keep it as work
            </button>
            <button type="button" className="button" onClick={() => send({ type: 'resolveAway', choice: 'break' })}>
              It was a break
            </button>
            <button type="button" className="button" onClick={() => send({ type: 'resolveAway', choice: 'discard' })}>
              Discard it
            </button>
          </div>
        </div>
      )}
      {timer.status === 'idle' && haltedNames.length > 0 && (
        <p className="warn" data-testid="timer-halted">
          Not offered until its kill switch is acknowledged: {haltedNames.join(', ')}.
        </p>
      )}
      {timer.status === 'idle' ? (
        open.length === 0 ? (
          haltedNames.length === 0 && <p className="muted">Create an active project to time deep work against it.</p>
        ) : (
          <div className="field-row">
            <select autoComplete="off" aria-label="Timer project" value={projectId || open[0]?.id} onChange={(e) => setProjectId(e.target.value)}>
              {open.map((p) => (
                <option key={p.id} value={p.id}>
                  {label(p.id)}
                </option>
              ))}
            </select>
            <select autoComplete="off" aria-label="Rhythm" value={preset} onChange={(e) => setPreset(e.target.value as PresetChoice)}>
              {Object.entries(PRESET_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
            {preset === 'custom' && (
              <>
                <label>
                  Work{' '}
                  <input
                    autoComplete="off"
                    className="minutes"
                    inputMode="numeric"
                    aria-label="Work minutes"
                    value={workMin}
                    onChange={(e) => setWorkMin(e.target.value)}
                  />{' '}
                  min
                </label>
                <label>
                  Break{' '}
                  <input
                    autoComplete="off"
                    className="minutes"
                    inputMode="numeric"
                    aria-label="Break minutes"
                    value={breakMin}
                    onChange={(e) => setBreakMin(e.target.value)}
                  />{' '}
                  min
                </label>
              </>
            )}
            <button type="button" className="button primary" onClick={start} ref={startRef}>
              <Play aria-hidden size={16} /> Start
            </button>
          </div>
        )
      ) : (
        <div className="timer-running">
          <div className="timer-clock" aria-live="off" data-testid="timer-clock">
            {timer.status === 'overrun' ? `+${formatTimerClock(over)}` : formatTimerClock(remaining)}
          </div>
          <div>
            <p className="timer-status" data-testid="timer-status">
              {timer.status === 'break'
                ? `${timer.period?.long ? 'Long break' : 'Break'}`
                : timer.status === 'overrun'
                  ? 'Block time is up: take a break or keep going'
                  : timer.status === 'paused'
                    ? 'Paused'
                    : 'Deep work'}{' '}
              on {label(timer.projectId)}
            </p>
            {timer.sessionId !== undefined && (
              <div className="field-row">
                <label htmlFor={`${id}-note`}>Note</label>
                <input
                  autoComplete="off"
                  id={`${id}-note`}
                  maxLength={2_000}
                  placeholder="What this block is for; saved with it"
                  value={timerNote?.sessionId === timer.sessionId ? timerNote.text : ''}
                  onChange={(e) => setTimerNote(timer.sessionId!, e.target.value)}
                />
              </div>
            )}
            {halted && <p className="warn">This project’s kill switch has triggered; acknowledge it to continue.</p>}
            <div className="button-row">
              {timer.status === 'running' || timer.status === 'overrun' ? (
                <button type="button" className="button" onClick={() => send({ type: 'pause' })}>
                  <Pause aria-hidden size={16} /> Pause
                </button>
              ) : timer.status === 'paused' ? (
                <button type="button" className="button primary" disabled={halted} onClick={() => send({ type: 'resume' })}>
                  <Play aria-hidden size={16} /> {timer.accruedMs === 0 ? 'Start next block' : 'Resume'}
                </button>
              ) : null}
              {(timer.status === 'running' || timer.status === 'overrun') && (
                <button type="button" className="button" onClick={() => send({ type: 'startBreak' })}>
                  <Coffee aria-hidden size={16} /> Break
                </button>
              )}
              {(timer.status === 'break' || timer.status === 'overrun') && (
                <button type="button" className="button" onClick={() => send({ type: 'skipBreak' })}>
                  <SkipForward aria-hidden size={16} /> Skip break
                </button>
              )}
              <button type="button" className="button" onClick={() => void stop()}>
                <Square aria-hidden size={16} /> Stop
              </button>
              {timer.status !== 'break' && (
                <select
                  autoComplete="off"
                  aria-label="Switch project"
                  value=""
                  onChange={(e) => e.target.value && send({ type: 'switchProject', projectId: e.target.value })}
                >
                  <option value="">Switch project…</option>
                  {open
                    .filter((p) => p.id !== timer.projectId)
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {label(p.id)}
                      </option>
                    ))}
                </select>
              )}
            </div>
          </div>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p className="field-hint">
        The timer lives in the tray too, and keeps running when this window is closed. Ctrl/Cmd+Alt+T starts or stops it from anywhere.
      </p>
    </section>
  );
}
