/** "Import time…" on the Time screen: the button and the dialog it opens, so the screen adds one element. */
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { ImportTimeDialog } from './ImportTimeDialog.tsx';

export function ImportTimeButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)} title="Import a Toggl Track, Clockify or Harvest time report (CSV)">
        <Upload aria-hidden size={16} /> Import time…
      </button>
      <ImportTimeDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
