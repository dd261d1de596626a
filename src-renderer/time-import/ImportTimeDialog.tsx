/**
 * "Import time…": choose a time report (the browser's own file picker: the page reads the bytes
 * the person chose; main is not involved and no path crosses), map its columns when Caravan does
 * not know them, then the preview, then Import. Cancel at any step writes nothing. The file is read
 * in slices with a progress bar, then kept in memory so that the preview's choices (zone, date
 * order, new clients) plan again without reading it twice.
 */
import { useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { readHeaders } from '../csv/read-csv.ts';
import { ChooseFileStep, ReadingStep } from '../csv/ImportSteps.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { readReport, type RawReport } from './read-report.ts';
import type { TimeColumns, TimeMapping } from './time-mapping.ts';
import { TimeMappingStep } from './TimeMappingStep.tsx';
import { TimePreviewStep } from './TimePreviewStep.tsx';
import { detectTimeFormat, type Vendor } from './vendors.ts';
import '../cost-import/cost-import.css';

/** Far above years of one person's entries (10 000 rows are about 2 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

type Step =
  | { kind: 'choose'; error: string | null }
  | { kind: 'reading'; file: File; fraction: number }
  | { kind: 'mapping'; file: File; report: RawReport; resembles: Vendor | null; suggestion: Partial<TimeColumns> }
  | { kind: 'preview'; file: File; report: RawReport; mapping: TimeMapping; label: string };

function ImportTime({ onClose }: { onClose: () => void }) {
  const notify = useStore((s) => s.notify);
  const [step, setStep] = useState<Step>({ kind: 'choose', error: null });
  /** The read in progress; a newer read or closing the dialog makes an older one's result moot. */
  const generation = useRef(0);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setStep({ kind: 'choose', error: `${file.name} is larger than 64 MB; export a shorter period.` });
    const mine = ++generation.current;
    try {
      const detection = detectTimeFormat(await readHeaders(file));
      if (detection.kind === 'empty') return setStep({ kind: 'choose', error: `${file.name} is empty: there is no header row.` });
      setStep({ kind: 'reading', file, fraction: 0 });
      const started = performance.now();
      let shown = 0;
      const report = await readReport(file, (fraction) => {
        // A re-render per percent, not per slice.
        if (generation.current === mine && fraction - shown >= 0.01) {
          shown = fraction;
          setStep({ kind: 'reading', file, fraction });
        }
      });
      if (generation.current !== mine) return;
      // For the e2e measure of a large file.
      document.documentElement.dataset.timeImportReadMs = String(Math.round(performance.now() - started));
      if (detection.kind === 'vendor') setStep({ kind: 'preview', file, report, mapping: detection.mapping, label: detection.vendor.label });
      else setStep({ kind: 'mapping', file, report, resembles: detection.resembles, suggestion: detection.suggestion });
    } catch (e) {
      if (generation.current === mine) setStep({ kind: 'choose', error: `${file.name} could not be read: ${errorMessage(e)}` });
    }
  };

  const close = () => {
    generation.current++;
    onClose();
  };

  if (step.kind === 'choose') {
    return (
      <ChooseFileStep label="Time report (CSV)" error={step.error} onFile={(file) => void choose(file)} onCancel={close}>
        A detailed time report in CSV from Toggl Track, Clockify or Harvest, or any other CSV whose columns you map. Clients and projects are matched by name;
        those Caravan does not have are created. Importing the same file again adds nothing twice.
      </ChooseFileStep>
    );
  }
  if (step.kind === 'reading') return <ReadingStep fileName={step.file.name} fraction={step.fraction} onCancel={close} />;

  if (step.kind === 'mapping') {
    return (
      <TimeMappingStep
        headers={step.report.headers}
        resembles={step.resembles}
        suggestion={step.suggestion}
        onMapped={(mapping) => setStep({ kind: 'preview', file: step.file, report: step.report, mapping, label: 'Mapped CSV' })}
        onCancel={close}
      />
    );
  }
  return (
    <TimePreviewStep
      fileName={step.file.name}
      label={step.label}
      report={step.report}
      mapping={step.mapping}
      onCancel={close}
      onDone={(outcome) => {
        notify(`${outcome.added.toLocaleString()} new, ${outcome.skipped.toLocaleString()} already imported from ${step.file.name}.`);
        close();
      }}
    />
  );
}

/** The dialog around the import; open while `open`. */
export function ImportTimeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Import time" open={open} onClose={onClose} wide>
      <ImportTime onClose={onClose} />
    </Dialog>
  );
}
