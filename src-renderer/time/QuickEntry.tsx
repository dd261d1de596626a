/**
 * Typed time entry: a project, then what people type ("9:30-11", "1h30", "yesterday 14:00 45m
 * review"). The preview says exactly what will be saved before Enter saves it (including "ends
 * the next day" for an evening past midnight), and warns about overlaps and future times without
 * refusing them. A project whose kill switch has triggered is refused, as the timer refuses it.
 * A time in a daylight-saving gap or overlap is asked about (which reading?) before anything is saved.
 */
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { useClock } from '../app/use-clock.ts';
import { FormError } from '../app/FormError.tsx';
import type { BlockKind } from '../domain/time-block.ts';
import { parseTimeEntry } from './entry-parser.ts';
import { formatDurationShort, formatDate, formatRange } from './format.ts';
import { BillableCheckbox, KindOptions } from './KindControls.tsx';
import { overlapsWith } from './block-edits.ts';
import { killSwitchGuard } from './kill-switch-guard.ts';
import { errorMessage } from '../ui/error-message.ts';
import type { WallAnswers } from './wall-time-question.ts';
import { WallTimeQuestionView } from './WallTimeQuestionView.tsx';

export function QuickEntry({
  zone,
  headerZone,
  defaultDate,
  inputRef,
}: {
  /** The zone typed times are read in and the block is logged in (this device's). */
  zone: string;
  /** The zone the screen's header names; the preview names `zone` when it differs. */
  headerZone?: string;
  defaultDate?: number;
  inputRef?: React.RefObject<HTMLInputElement | null>;
}) {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const blocks = useStore((s) => s.blocks);
  const phases = useStore((s) => s.phases);
  const [phaseChoice, setPhaseChoice] = useState<string | null>(null);
  const addBlock = useStore((s) => s.addBlock);
  const killSwitches = useStore((s) => s.killSwitches);
  const notify = useStore((s) => s.notify);
  const [projectId, setProjectId] = useState('');
  const [text, setText] = useState('');
  const [kind, setKind] = useState<BlockKind>('deep');
  const [billable, setBillable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [answers, setAnswers] = useState<WallAnswers>(() => new Map());
  const firstChoice = useRef<HTMLButtonElement>(null);
  const ownRef = useRef<HTMLInputElement>(null);
  const entryRef = inputRef ?? ownRef;
  const id = useId();

  const open = useMemo(() => projects.filter((p) => p.status === 'active' || p.status === 'lead' || p.id === projectId), [projects, projectId]);
  const clientName = (clientId: string) => clients.find((c) => c.id === clientId)?.name ?? '';
  const project = projects.find((p) => p.id === projectId);
  const projectPhases = phases.filter((p) => p.projectId === projectId);
  // Time goes to the active phase unless the person picks another (or none).
  const phaseId = phaseChoice ?? projectPhases.find((p) => p.status === 'active')?.id ?? '';
  const { now } = useClock(15_000);
  const parsed = text.trim() === '' ? null : parseTimeEntry(text, { now, zone, answers, ...(defaultDate !== undefined ? { defaultDate } : {}) });
  const question = parsed && !parsed.ok ? parsed.question : undefined;
  const guard = project ? killSwitchGuard(project.id, project.name, killSwitches) : { kind: 'clear' as const };
  const overlaps = parsed?.ok ? overlapsWith({ id: '', start: parsed.start, end: parsed.end }, blocks) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!project) return setError('Choose the project this time was for.');
    if (guard.kind === 'refuse') return setError(guard.message);
    if (!parsed) return setError('Type the time, for example 9:30-11, 1h30 or yesterday 14:00 45m.');
    // Nothing is saved until the person says which reading of the time they meant.
    if (question) {
      setError(null);
      firstChoice.current?.focus();
      return;
    }
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    const submitted = text;
    try {
      await addBlock({
        projectId: project.id,
        ...(phaseId && projectPhases.some((p) => p.id === phaseId) ? { phaseId } : {}),
        start: parsed.start,
        end: parsed.end,
        zone,
        kind,
        billable: billable && kind !== 'break',
        note: parsed.description,
      });
      notify(`Added ${formatDurationShort(parsed.end - parsed.start)} to ${project.name}.`);
      // Cleared only if unchanged: a next entry typed while this one was saving is kept, not wiped.
      setText((current) => (current === submitted ? '' : current));
      entryRef.current?.focus();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (projects.length === 0) return null;
  return (
    <form className="quick-entry card" onSubmit={submit} aria-label="Add time" autoComplete="off">
      <div className="field-row">
        <select
          autoComplete="off"
          aria-label="Project"
          value={projectId}
          onChange={(e) => {
            setProjectId(e.target.value);
            setPhaseChoice(null);
          }}
        >
          <option value="">Project…</option>
          {open.map((p) => (
            <option key={p.id} value={p.id}>
              {clientName(p.clientId)} · {p.name}
            </option>
          ))}
        </select>
        {projectPhases.length > 0 && (
          <select autoComplete="off" aria-label="Phase" value={phaseId} onChange={(e) => setPhaseChoice(e.target.value)}>
            <option value="">No phase</option>
            {projectPhases.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
        <input
          ref={entryRef}
          id={`${id}-entry`}
          className="entry-input"
          aria-label="Time"
          aria-describedby={`${id}-preview`}
          placeholder="9:30-11 notes · 1h30 · yesterday 14:00 45m"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
        />
        <select autoComplete="off" aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as BlockKind)}>
          <KindOptions />
        </select>
        <BillableCheckbox billable={billable} kind={kind} onChange={setBillable} />
        <button type="submit" className="button primary">
          Add
        </button>
      </div>
      <p id={`${id}-preview`} className="field-hint entry-preview" aria-live="polite">
        {parsed === null
          ? 'Type a range, a duration, or a day and a time; words after the time become the note.'
          : parsed.ok
            ? `${formatDate(parsed.start, zone)}, ${formatRange(parsed.start, parsed.end, zone, headerZone)} (${formatDurationShort(parsed.end - parsed.start)})${parsed.description ? ` · “${parsed.description}”` : ''}`
            : parsed.message}
        {parsed?.ok && parsed.endsNextDay && <span className="warn"> Ends the next day.</span>}
        {guard.kind !== 'clear' && <span className="warn"> {guard.message}</span>}
        {parsed?.ok && parsed.future && <span className="warn"> This is in the future.</span>}
        {overlaps.length > 0 && <span className="warn"> Overlaps {overlaps.length === 1 ? 'a block' : `${overlaps.length} blocks`} already logged.</span>}
      </p>
      {question && (
        <WallTimeQuestionView
          question={question}
          id={`${id}-dst`}
          textElsewhere={`${id}-preview`}
          firstChoiceRef={firstChoice}
          onChoose={(key, at) => {
            setAnswers((current) => new Map(current).set(key, at));
            entryRef.current?.focus();
          }}
        />
      )}
      <FormError message={error} />
    </form>
  );
}
