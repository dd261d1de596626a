/**
 * Edit one block: day, start and end (in the block's own zone, so a block logged in Lisbon stays
 * 09:00 in Lisbon), project, kind, billable, note; split it in two (with undo); delete it (with
 * undo). End before Start is an error on End unless the block runs past midnight (edit-range.ts).
 * A block's project cannot change in place (its client selects the encryption key), so moving
 * it to another project saves a new block and deletes the old one, in that order.
 * A billed block is shown read-only, with the invoice that locks it and how to unlock it.
 * With `creating`, the same form makes a new block from a prefilled draft (the week's drag over
 * empty time): Save adds it, with Undo; there is nothing to split or delete yet.
 * A Start or End in a daylight-saving gap or overlap is asked about; nothing is saved until answered.
 * Under the fields, the range as the person's display zone shows it, when that is another zone.
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { BlockKind, TimeBlock } from '../domain/time-block.ts';
import { formatDate, formatDurationShort, formatRange } from './format.ts';
import { useClock } from '../app/use-clock.ts';
import { useBlockZones } from './use-display-zone.ts';
import type { WallAnswers } from './wall-time-question.ts';
import { WallTimeQuestionView } from './WallTimeQuestionView.tsx';
import { formatIsoDate, fromZoned, zonedDate, zonedParts } from './zoned-time.ts';
import { BillableCheckbox, KindOptions } from './KindControls.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { useRecordUndo } from '../ui/use-undo.ts';
import { rangeOrStored, type RangeField } from './edit-range.ts';
import { killSwitchGuard } from './kill-switch-guard.ts';
import { BILLED_LOCK_MESSAGE } from './time-slice.ts';
import { useInvoices } from '../invoices/screen/use-invoices.ts';
import { NOT_IN_REGISTER } from '../reports/invoice-register.ts';
import { RecordHistoryButton } from '../history/RecordHistoryButton.tsx';

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (epochMs: number, zone: string) => {
  const p = zonedParts(epochMs, zone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
};

/** `YYYY-MM-DD` + `HH:MM` in `zone` to epoch ms; null when either is incomplete. */
function toInstant(date: string, time: string, zone: string): number | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  return fromZoned({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) }, zone);
}

/**
 * `creating`: `block` is an unsaved draft (a range dragged on the week, or an imported calendar event
 * being converted: calendar/ics/block-draft.ts); Save adds it once it has a project. No split, no delete.
 */
export function BlockEditor({
  block,
  onDone,
  onDelete,
  creating = false,
}: {
  block: TimeBlock;
  onDone: () => void;
  onDelete?: (block: TimeBlock) => void;
  creating?: boolean;
}) {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const patchBlock = useStore((s) => s.patchBlock);
  const addBlock = useStore((s) => s.addBlock);
  const deleteBlock = useStore((s) => s.deleteBlock);
  const recordUndo = useRecordUndo();
  const invoices = useInvoices();
  const invoice = invoices?.find((r) => r.status === 'issued' && r.blockIds.includes(block.id))?.number ?? (invoices ? NOT_IN_REGISTER : undefined);
  const locked = block.billed;
  const zone = block.zone;
  const [date, setDate] = useState(formatIsoDate(zonedDate(block.start, zone)));
  const [startTime, setStartTime] = useState(hhmm(block.start, zone));
  const [endTime, setEndTime] = useState(hhmm(block.end, zone));
  const [projectId, setProjectId] = useState(block.projectId);
  const phases = useStore((s) => s.phases);
  const [phaseId, setPhaseId] = useState(block.phaseId ?? '');
  const projectPhases = phases.filter((p) => p.projectId === projectId);
  const experiments = useStore((s) => s.experiments);
  const [experimentId, setExperimentId] = useState(block.experimentId ?? '');
  const projectExperiments = experiments.filter((e) => e.projectId === projectId);
  const [kind, setKind] = useState<BlockKind>(block.kind);
  const [billable, setBillable] = useState(block.billable);
  const [note, setNote] = useState(block.note);
  const [splitAt, setSplitAt] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The range error shows once Save or Split is pressed, then follows the fields live. Not on blur:
  // the message appearing as End loses focus would move the Save button from under the pointer.
  const [rangeShown, setRangeShown] = useState(false);
  const [answers, setAnswers] = useState<WallAnswers>(() => new Map());
  const id = useId();
  const checked = rangeOrStored(block, date, startTime, endTime, answers);
  // A daylight-saving question is not an error: it shows as soon as the time is typed.
  const question = checked.ok ? undefined : checked.question;
  const fieldError = rangeShown && !checked.ok && !question ? checked : null;
  const invalid = (field: RangeField) => fieldError?.field === field;
  const asked = (field: RangeField) => question !== undefined && !checked.ok && checked.field === field;
  const fieldProps = (field: RangeField) => ({
    'aria-invalid': invalid(field) || undefined,
    'aria-describedby': invalid(field)
      ? `${id}-range-error`
      : asked(field)
        ? `${id}-dst-text`
        : field === 'end' && checked.ok && checked.endsNextDay
          ? `${id}-next-day`
          : undefined,
  });
  const { zone: deviceZone } = useClock();
  const zones = useBlockZones(deviceZone);
  const shownIn = zones.zoneOf(block);
  const shown = checked.ok ? checked : block;

  /** The range, or null after marking the field at fault (or the question to answer) and moving focus to it. */
  const range = (): { start: number; end: number } | null => {
    if (checked.ok) return checked;
    setRangeShown(true);
    document.getElementById(question ? `${id}-dst-choice-0` : `${id}-${checked.field}`)?.focus();
    return null;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (locked) return setError(BILLED_LOCK_MESSAGE);
    const r = range();
    if (!r) return;
    // More time on a project whose kill switch stopped the timer (moved there, or lengthened) is
    // refused as typed entry refuses it; a note or a shorter block is not more time.
    const target = projects.find((p) => p.id === projectId);
    const moreTime = creating || projectId !== block.projectId || r.end - r.start > block.end - block.start;
    const guard = target && moreTime ? killSwitchGuard(target.id, target.name, useStore.getState().killSwitches) : null;
    if (guard?.kind === 'refuse') return setError(guard.message);
    const fields = {
      start: r.start,
      end: r.end,
      kind,
      billable: billable && kind !== 'break',
      note,
      phaseId: projectPhases.some((p) => p.id === phaseId) ? phaseId : undefined,
      experimentId: projectExperiments.some((e) => e.id === experimentId) ? experimentId : undefined,
    };
    try {
      if (creating) {
        if (!target) return setError('Project: choose the project this time belongs to.');
        const created = await addBlock({ ...fields, projectId: target.id, zone });
        recordUndo(`Added ${formatDurationShort(r.end - r.start)} to ${target.name}.`, {
          label: 'the new block',
          undo: async () => void (await deleteBlock(created.id)),
        });
      } else if (projectId === block.projectId) {
        await patchBlock(block.id, fields);
      } else {
        const project = projects.find((p) => p.id === projectId);
        if (!project) return setError('Choose a project.');
        const { id: _old, projectId: _p, clientId: _c, phaseId: _ph, experimentId: _e, createdAt: _ca, updatedAt: _ua, billed: _b, ...rest } = block;
        await addBlock({ ...rest, ...fields, projectId: project.id });
        await deleteBlock(block.id);
      }
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const split = async () => {
    if (locked) return setError(BILLED_LOCK_MESSAGE);
    const r = range();
    if (!r) return;
    // A split point before Start belongs to the next day of a block that runs past midnight.
    let at = toInstant(date, splitAt, zone);
    if (at !== null && at <= r.start) at = toInstant(formatIsoDate(zonedDate(r.end, zone)), splitAt, zone);
    if (at === null || at <= r.start || at >= r.end) return setError('Split at: enter a time between Start and End (HH:MM).');
    try {
      const { id: _id, clientId: _c, createdAt: _ca, updatedAt: _ua, billed: _b, ...rest } = block;
      const before = { end: block.end };
      await patchBlock(block.id, { end: at });
      const second = await addBlock({ ...rest, start: at, end: r.end });
      recordUndo(`Split into ${formatDurationShort(at - r.start)} and ${formatDurationShort(r.end - at)}.`, {
        label: 'the split',
        // Only the two halves as the split left them: one edited or deleted since is the person's work.
        undo: async () => {
          const { blocks } = useStore.getState();
          const first = blocks.find((b) => b.id === block.id);
          const rest = blocks.find((b) => b.id === second.id);
          if (first?.end !== at || rest?.start !== at || rest.end !== r.end) {
            throw new Error('the two parts changed since; join them with Merge instead.');
          }
          await patchBlock(block.id, before);
          await deleteBlock(second.id);
        },
      });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const clientName = (clientId: string) => clients.find((c) => c.id === clientId)?.name ?? '';
  return (
    <form className="entity-form" onSubmit={save} noValidate autoComplete="off">
      {locked && (
        <p className="banner" id={`${id}-locked`} role="note">
          <strong>Billed{invoice === undefined ? '' : ` · ${invoice}`}.</strong>{' '}
          {invoice === NOT_IN_REGISTER
            ? 'No invoice in this vault bills it (it was billed elsewhere, or its invoice was lost): the Invoices screen lets you unbill it if none of your invoices does.'
            : BILLED_LOCK_MESSAGE}
        </p>
      )}
      <p className="field-hint" data-testid="editor-zone-readout">
        {creating ? `Times are in ${zone}.` : `Times are in ${zone}, where this block was logged.`}
        {shownIn !== zone && ` Shown in ${shownIn}: ${formatDate(shown.start, shownIn)}, ${formatRange(shown.start, shown.end, shownIn)}.`}
      </p>
      <fieldset disabled={locked} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <div className="form-grid">
          <div className="field-group">
            <label htmlFor={`${id}-date`}>Day</label>
            <input autoComplete="off" id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} {...fieldProps('date')} />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-start`}>Start</label>
            <input
              autoComplete="off"
              id={`${id}-start`}
              type="time"
              value={startTime}
              onChange={(e) => setStartTime(e.target.value)}
              autoFocus
              {...fieldProps('start')}
            />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-end`}>End</label>
            <input autoComplete="off" id={`${id}-end`} type="time" value={endTime} onChange={(e) => setEndTime(e.target.value)} {...fieldProps('end')} />
            {checked.ok && checked.endsNextDay && (
              <span className="field-hint" id={`${id}-next-day`}>
                Ends the next day
              </span>
            )}
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-project`}>Project</label>
            <select
              autoComplete="off"
              id={`${id}-project`}
              value={projectId}
              onChange={(e) => {
                setProjectId(e.target.value);
                setPhaseId('');
                setExperimentId('');
              }}
            >
              {creating && <option value="">Choose a project…</option>}
              {projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {clientName(p.clientId)} · {p.name}
                </option>
              ))}
            </select>
          </div>
          {projectPhases.length > 0 && (
            <div className="field-group">
              <label htmlFor={`${id}-phase`}>Phase</label>
              <select autoComplete="off" id={`${id}-phase`} value={phaseId} onChange={(e) => setPhaseId(e.target.value)}>
                <option value="">No phase</option>
                {projectPhases.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {projectExperiments.length > 0 && (
            <div className="field-group">
              <label htmlFor={`${id}-experiment`}>Experiment</label>
              <select autoComplete="off" id={`${id}-experiment`} value={experimentId} onChange={(e) => setExperimentId(e.target.value)}>
                <option value="">None</option>
                {projectExperiments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.metricName}: {e.hypothesis}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field-group">
            <label htmlFor={`${id}-kind`}>Kind</label>
            <select autoComplete="off" id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as BlockKind)}>
              <KindOptions />
            </select>
          </div>
          <BillableCheckbox billable={billable} kind={kind} onChange={setBillable} />
        </div>
        {question && !checked.ok && (
          <WallTimeQuestionView
            question={question}
            id={`${id}-dst`}
            onChoose={(key, at) => {
              setAnswers((current) => new Map(current).set(key, at));
              document.getElementById(`${id}-${checked.field}`)?.focus();
            }}
          />
        )}
        <div className="field-group">
          <label htmlFor={`${id}-note`}>Note</label>
          <textarea autoComplete="off" id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {fieldError && (
          <p className="form-error" id={`${id}-range-error`} role="alert">
            {fieldError.message}
          </p>
        )}
        {!creating && (
          <div className="field-row">
            <label htmlFor={`${id}-split`}>Split at</label>
            <input autoComplete="off" id={`${id}-split`} type="time" value={splitAt} onChange={(e) => setSplitAt(e.target.value)} />
            <button type="button" className="button" disabled={splitAt === ''} onClick={() => void split()}>
              Split
            </button>
          </div>
        )}
      </fieldset>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={locked} aria-describedby={locked ? `${id}-locked` : undefined}>
          Save
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        {!creating && <RecordHistoryButton partition={`client:${block.clientId}`} table="timeBlocks" id={block.id} title="History of this time block" />}
        <span className="spacer" />
        {!creating && onDelete && (
          <button
            type="button"
            className="button danger"
            disabled={locked}
            aria-describedby={locked ? `${id}-locked` : undefined}
            onClick={() => onDelete(block)}
          >
            Delete
          </button>
        )}
      </div>
    </form>
  );
}
