/**
 * The kind picker's options and the Billable box, as typed entry and the Edit dialog both show
 * them: a break is never billable, so the box is cleared and disabled while the kind is Break.
 */
import type { BlockKind } from '../domain/time-block.ts';
import { KIND_LABELS, KINDS } from './kinds.ts';

/** The `<option>`s of a kind `<select>`, in picker order. */
export function KindOptions() {
  return KINDS.map((k) => (
    <option key={k} value={k}>
      {KIND_LABELS[k]}
    </option>
  ));
}

export function BillableCheckbox({ billable, kind, onChange }: { billable: boolean; kind: BlockKind; onChange: (billable: boolean) => void }) {
  return (
    <label className="checkbox">
      <input
        autoComplete="off"
        type="checkbox"
        checked={billable && kind !== 'break'}
        disabled={kind === 'break'}
        onChange={(e) => onChange(e.target.checked)}
      />{' '}
      Billable
    </label>
  );
}
