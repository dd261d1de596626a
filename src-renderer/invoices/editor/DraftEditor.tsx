/**
 * Editing a draft invoice: the period and what it bills, the currency and its rates, the lines as
 * they will print, the dates and a note; then Issue. The lines are drafted again from the records
 * on every change (invoices/document/), and the draft is saved as the person goes (half a second
 * after the last change, and on close), so nothing is lost to a crash or a closed window. Nothing
 * is numbered or marked billed until Issue, which the lifecycle refuses, writing nothing, when the
 * draft cannot be issued (reports/invoice-lifecycle.ts).
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../app/store.ts';
import type { Invoice, InvoiceLine } from '../../domain/invoice.ts';
import { errorMessage } from '../../ui/error-message.ts';
import type { DraftPatch } from '../../vault/repos/invoices.ts';
import { useRecordUndo } from '../../ui/use-undo.ts';
import { addDays, draftDocument } from '../document/draft-document.ts';
import { issueProblems } from '../document/issue-problems.ts';
import { defaultVat } from '../document/parties.ts';
import { selectionOf } from '../document/stored-selection.ts';
import type { DraftSelection } from '../document/types.ts';
import { dayNumber } from '../../presence/calendar-days.ts';
import { DraftCandidates } from './DraftCandidates.tsx';
import { DraftLines } from './DraftLines.tsx';
import { InvoiceTotalsView } from './InvoiceTotalsView.tsx';
import { IssueDraftButton } from './IssueDraftButton.tsx';
import { RateFields } from './RateFields.tsx';
import { useInvoiceProfile, useDraftSource } from './use-invoice-context.ts';

/** What the editor saves of a document: everything the person chose and the lines drafted from it. */
function patchOf(doc: Invoice): DraftPatch {
  const patch: Record<string, unknown> = {
    series: doc.series,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    selection: doc.selection,
    currency: doc.currency,
    // Explicitly absent: the repository removes a rate the person cleared.
    fixedRate: doc.fixedRate,
    seller: doc.seller,
    buyer: doc.buyer,
    hourStyle: doc.hourStyle,
    lines: doc.lines,
    note: doc.note,
  };
  return patch as DraftPatch;
}

function shiftDay(day: string, from: string, to: string): string {
  try {
    return addDays(day, dayNumber(to) - dayNumber(from));
  } catch {
    return day;
  }
}

export function DraftEditor({ draft, zone, onClose, onIssued }: { draft: Invoice; zone: string; onClose: () => void; onIssued: (key: string) => void }) {
  const id = useId();
  const profileState = useInvoiceProfile();
  const profile = profileState.kind === 'ready' ? profileState.profile : null;
  const source = useDraftSource(profile, draft.clientId);
  const client = useStore((s) => s.clients.find((c) => c.id === draft.clientId));
  // A filtered list is a new array on every read: compared item by item, or React renders forever.
  const allProjects = useStore(useShallow((s) => s.projects.filter((p) => p.clientId === draft.clientId)));
  const save = useStore((s) => s.saveInvoiceDraft);
  const remove = useStore((s) => s.deleteInvoiceDraft);
  const restore = useStore((s) => s.restoreInvoiceDraft);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  const [selection, setSelection] = useState<DraftSelection>(() => selectionOf(draft, zone));
  const [dueDate, setDueDate] = useState(draft.dueDate);
  const [note, setNote] = useState(draft.note);
  const [saveError, setSaveError] = useState<string | null>(null);
  const lastSaved = useRef(JSON.stringify(patchOf(draft)));

  const drafted = useMemo(
    () => (source === null ? null : draftDocument({ ...source, selection }, { id: draft.id, now: draft.createdAt, note, dueDate })),
    [source, selection, draft.id, draft.createdAt, note, dueDate],
  );
  const doc = drafted?.document ?? null;
  const patchJson = doc === null ? null : JSON.stringify(patchOf(doc));

  const flush = useCallback(async () => {
    if (doc === null || patchJson === null || patchJson === lastSaved.current) return;
    try {
      await save(draft.id, patchOf(doc));
      lastSaved.current = patchJson;
      setSaveError(null);
    } catch (error) {
      setSaveError(`The draft could not be saved: ${errorMessage(error)}`);
      throw error;
    }
  }, [doc, patchJson, save, draft.id]);
  // Saved half a second after the last change, and when the editor closes.
  useEffect(() => {
    if (patchJson === null || patchJson === lastSaved.current) return;
    const timer = setTimeout(() => void flush().catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, [patchJson, flush]);
  const flushRef = useRef(flush);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);
  useEffect(() => () => void flushRef.current().catch(() => undefined), []);

  if (profileState.kind === 'loading') return <p className="muted">Reading your business profile…</p>;
  if (profileState.kind === 'missing') {
    return (
      <div className="empty-state">
        <p className="empty-title">Your business profile comes first</p>
        <p>{profileState.problem}</p>
        <button type="button" className="button" onClick={onClose}>
          Back to invoices
        </button>
      </div>
    );
  }
  if (client === undefined || doc === null || drafted === null || profile === null) {
    return <p className="form-error">This draft’s client is not on this device (removed, erased, or not synced here).</p>;
  }

  const vat = defaultVat(profile, client);
  const manualLines = doc.lines.filter((l): l is InvoiceLine => l.kind === 'manual');
  const problems = issueProblems(doc, { homeCurrency: profile.homeCurrency, client });
  const currencies = [...new Set([client.currency, profile.homeCurrency, ...allProjects.map((p) => p.currency)])].sort();
  const thirdCurrencies = [...new Set(drafted.candidates.flatMap((c) => [c.currency, ...c.expenses.filter((x) => x.included).map((x) => x.currency)]))].filter(
    (code) => code !== selection.currency,
  );

  const deleteDraft = async () => {
    try {
      const gone = await remove(draft.id);
      onClose();
      recordUndo('Draft deleted.', { label: 'the deletion of the draft', undo: async () => void (await restore(gone)) });
    } catch (error) {
      notify(`The draft was not deleted: ${errorMessage(error)}`, { tone: 'error' });
    }
  };

  return (
    <div className="draft-editor">
      <div className="draft-header">
        <h2>
          Draft invoice for {client.name}
          <span className="muted"> · saved as you go</span>
        </h2>
        <button type="button" className="button" onClick={() => void flush().then(onClose, () => undefined)}>
          Back to invoices
        </button>
      </div>
      {saveError && <p className="form-error">{saveError}</p>}
      <fieldset className="card">
        <legend>Period and dates</legend>
        <div className="form-grid">
          <div className="field-group">
            <label htmlFor={`${id}-from`}>Work from</label>
            <input
              autoComplete="off"
              id={`${id}-from`}
              type="date"
              value={selection.from}
              onChange={(e) => e.target.value && setSelection({ ...selection, from: e.target.value })}
            />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-to`}>Work to</label>
            <input
              autoComplete="off"
              id={`${id}-to`}
              type="date"
              value={selection.to}
              onChange={(e) => e.target.value && setSelection({ ...selection, to: e.target.value })}
            />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-issue`}>Issue date</label>
            <input
              autoComplete="off"
              id={`${id}-issue`}
              type="date"
              value={selection.issueDate}
              onChange={(e) => {
                const day = e.target.value;
                if (!day) return;
                // The due date keeps its distance: the payment terms stay as they were.
                setDueDate(shiftDay(dueDate, selection.issueDate, day));
                setSelection({ ...selection, issueDate: day });
              }}
            />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-due`}>Due date</label>
            <input autoComplete="off" id={`${id}-due`} type="date" value={dueDate} onChange={(e) => e.target.value && setDueDate(e.target.value)} />
          </div>
        </div>
      </fieldset>
      <DraftCandidates candidates={drafted.candidates} allProjects={allProjects} selection={selection} hourStyle={profile.hourStyle} onChange={setSelection} />
      <RateFields selection={selection} homeCurrency={profile.homeCurrency} currencies={currencies} thirdCurrencies={thirdCurrencies} onChange={setSelection} />
      <DraftLines
        lines={doc.lines}
        currency={doc.currency}
        hourStyle={profile.hourStyle}
        defaultVat={vat.vat}
        domesticRateBp={profile.domesticVatRateBp}
        selection={selection}
        manualLines={manualLines}
        onSelection={setSelection}
        onManualLines={(next) => setSelection({ ...selection, manualLines: next })}
      />
      <InvoiceTotalsView lines={doc.lines} currency={doc.currency} fixedRate={doc.fixedRate} />
      <div className="field-group">
        <label htmlFor={`${id}-note`}>Note on the invoice</label>
        <textarea autoComplete="off" id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {drafted.problems.length + problems.length > 0 && (
        <section className="card draft-problems" aria-label="Before you issue">
          <h3>Before you issue</h3>
          <ul>
            {drafted.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
            {problems.map((p) => (
              <li key={p.message} className={p.blocking ? 'form-error' : 'field-hint'}>
                {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="button-row">
        <IssueDraftButton doc={doc} profile={profile} blocking={problems.filter((p) => p.blocking).map((p) => p.message)} flush={flush} onIssued={onIssued} />
        <button type="button" className="button danger" onClick={() => void deleteDraft()}>
          Delete draft
        </button>
      </div>
    </div>
  );
}
