/** The first two steps every CSV import shows: choosing the file, and the progress of reading it. */
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
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
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
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
