/**
 * The parts every CSV import shows: choosing the file, the progress of reading it, the rows that
 * could not be read, and the Import and Cancel buttons.
 */
import { type ReactNode, useId } from 'react';
import { FormError } from '../app/FormError.tsx';

/** What the import reads, the file input (its label names the kind of file) and why the last choice failed. */
export function ChooseFileStep({
  label,
  error,
  onFile,
  onCancel,
  children,
}: {
  label: string;
  error: string | null;
  onFile: (file: File | undefined) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="entity-form">
      <p>{children}</p>
      <div className="field-group">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="file" accept=".csv,text/csv" autoComplete="off" onChange={(e) => onFile(e.target.files?.[0])} />
      </div>
      <FormError message={error} />
      <CancelRow onCancel={onCancel} />
    </div>
  );
}

/** "Reading <file>…" with a progress bar from 0 to 1, and Cancel. */
export function ReadingStep({ fileName, fraction, onCancel }: { fileName: string; fraction: number; onCancel: () => void }) {
  const id = useId();
  const percent = Math.round(fraction * 100);
  return (
    <div className="entity-form">
      <label htmlFor={id}>Reading {fileName}…</label>
      <progress id={id} className="cost-import-progress" max={100} value={percent}>
        {percent} %
      </progress>
      <CancelRow onCancel={onCancel} />
    </div>
  );
}

function CancelRow({ onCancel }: { onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The rows that could not be read: a heading with their number, why nothing can be imported, and
 * the first of them (focusable, so the keyboard can scroll a long list too).
 */
export function RowErrorsSection({
  heading,
  why,
  items,
  count,
  label,
  testId,
}: {
  heading: string;
  why: string;
  items: readonly string[];
  count: number;
  label: string;
  testId: string;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      <p className="banner warn">{why}</p>
      <ul className="cost-import-scroll" data-testid={testId} tabIndex={0} aria-label={label}>
        {items.map((e, i) => (
          <li key={`${i}-${e}`}>{e}</li>
        ))}
        {count > items.length && <li>and {count - items.length} more.</li>}
      </ul>
    </section>
  );
}

/** Import (disabled while busy, blocked or with nothing to add) and Cancel, at the foot of a preview. */
export function ImportButtons({ label, disabled, busy, onCancel }: { label: string; disabled: boolean; busy: boolean; onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="button primary" disabled={disabled}>
        {label}
      </button>
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
