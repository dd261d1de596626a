/**
 * "Import costs…" on a project: choose a billing CSV (the browser's own file picker: the page
 * reads the bytes the person chose, main is not involved and no path crosses), then map its
 * columns if Caravan does not know them, then the preview, then Import. Cancel at any step writes
 * nothing. Reading shows progress; the file is parsed in slices so the window stays responsive.
 */
import { useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import type { Project } from '../domain/project.ts';
import { ChooseFileStep, ReadingStep } from '../csv/ImportSteps.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { errorMessage } from '../ui/error-message.ts';
import type { RowReader } from './cost-line.ts';
import { type ColumnMapping, mappedReader, mappedSource, type MappedField } from './mapping.ts';
import { MappingStep } from './MappingStep.tsx';
import { PreviewStep } from './PreviewStep.tsx';
import type { ProviderFormat } from './provider-formats.ts';
import { readHeaders } from '../csv/read-csv.ts';
import { detectFormat, scanFile, type ScanResult } from './scan.ts';
import './cost-import.css';

/** Far above a month's Cost and Usage Report of a busy account (tens of MB); beyond it, probably the wrong file. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

type Step =
  | { kind: 'choose'; error: string | null }
  | { kind: 'mapping'; file: File; headers: string[]; resembles: ProviderFormat | null; suggestion: Partial<Record<MappedField, string>> }
  | { kind: 'reading'; file: File; fraction: number }
  | { kind: 'preview'; file: File; source: string; formatLabel: string; scan: ScanResult };

function ImportCosts({ project, onClose }: { project: Project; onClose: () => void }) {
  const notify = useStore((s) => s.notify);
  const [step, setStep] = useState<Step>({ kind: 'choose', error: null });
  /** The read in progress; a newer read or closing the dialog makes an older one's result moot. */
  const generation = useRef(0);

  const read = async (file: File, reader: RowReader, source: string, formatLabel: string) => {
    const mine = ++generation.current;
    setStep({ kind: 'reading', file, fraction: 0 });
    let shown = 0;
    try {
      const started = performance.now();
      document.documentElement.dataset.costImportStartedAt = String(Math.round(started));
      const scan = await scanFile(file, reader, (fraction) => {
        // A re-render per percent, not per slice.
        if (generation.current === mine && fraction - shown >= 0.01) {
          shown = fraction;
          setStep({ kind: 'reading', file, fraction });
        }
      });
      if (generation.current !== mine) return;
      // For the e2e measure of a large file: when the read began and how long it took.
      document.documentElement.dataset.costImportMs = String(Math.round(performance.now() - started));
      setStep({ kind: 'preview', file, source, formatLabel, scan });
    } catch (e) {
      if (generation.current === mine) setStep({ kind: 'choose', error: `${file.name} could not be read: ${errorMessage(e)}` });
    }
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return setStep({ kind: 'choose', error: `${file.name} is larger than 512 MB; export a shorter period.` });
    let headers: string[];
    try {
      headers = await readHeaders(file);
    } catch (e) {
      return setStep({ kind: 'choose', error: `${file.name} could not be read: ${errorMessage(e)}` });
    }
    const detection = detectFormat(headers);
    if (detection.kind === 'empty') return setStep({ kind: 'choose', error: `${file.name} is empty: there is no header row.` });
    if (detection.kind === 'provider') return read(file, detection.reader, detection.format.source, detection.format.label);
    setStep({ kind: 'mapping', file, headers, resembles: detection.resembles, suggestion: detection.suggestion });
  };

  const close = () => {
    generation.current++;
    onClose();
  };

  if (step.kind === 'choose') {
    return (
      <ChooseFileStep label="Billing file (CSV)" error={step.error} onFile={(file) => void choose(file)} onCancel={close}>
        A billing export in CSV: an AWS Cost and Usage Report or Cost Explorer download, a Google Cloud cost table, an OpenAI costs export, or any other CSV
        whose columns you map. Costs are added up per day and service, in the currency billed.
      </ChooseFileStep>
    );
  }
  if (step.kind === 'mapping') {
    const mapped = (mapping: ColumnMapping) => void read(step.file, mappedReader(mapping, step.headers), mappedSource(mapping), 'Mapped CSV');
    return (
      <MappingStep
        headers={step.headers}
        resembles={step.resembles}
        suggestion={step.suggestion}
        currency={project.currency}
        onMapped={mapped}
        onCancel={close}
      />
    );
  }
  if (step.kind === 'reading') return <ReadingStep fileName={step.file.name} fraction={step.fraction} onCancel={close} />;

  return (
    <PreviewStep
      project={project}
      fileName={step.file.name}
      source={step.source}
      formatLabel={step.formatLabel}
      scan={step.scan}
      onCancel={close}
      onDone={(outcome) => {
        notify(
          `${outcome.added} ${outcome.added === 1 ? 'expense' : 'expenses'} imported from ${step.file.name}${outcome.skipped > 0 ? `; ${outcome.skipped} already imported, skipped` : ''}.`,
        );
        close();
      }}
    />
  );
}

/** The dialog around the import; open while `open`. */
export function ImportCostsDialog({ project, open, onClose }: { project: Project; open: boolean; onClose: () => void }) {
  return (
    <Dialog title={`Import costs into ${project.name}`} open={open} onClose={onClose} wide>
      <ImportCosts project={project} onClose={onClose} />
    </Dialog>
  );
}
