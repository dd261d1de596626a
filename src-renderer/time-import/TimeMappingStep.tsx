/**
 * The mapping step of a time report: which column holds the date, the start and end (or a
 * duration), the client, the project and the rest, how the file writes dates and decimals, and
 * which tool it came from (so a Toggl file with translated headers is still Toggl, and its rows are
 * recognised when the original file is imported too). Saved as presets under `timeImport.presets`.
 */
import { useId, useState } from 'react';
import { ColumnSelect, NO_COLUMN } from '../csv/ColumnSelect.tsx';
import { DateOrderSelect, DecimalSelect } from '../csv/FormatSelects.tsx';
import { MappingFooter, PresetPicker } from '../csv/PresetControls.tsx';
import { presetCodec, type Preset } from '../csv/presets.ts';
import { usePresets } from '../csv/use-presets.ts';
import { useMappingForm } from '../csv/use-mapping-form.ts';
import { currencySchema } from '../domain/common.ts';
import { column } from '../csv/columns.ts';
import { currencyOfHeader, TIME_PRESETS_SETTING, type TimeColumns, type TimeField, type TimeMapping, timeMappingSchema } from './time-mapping.ts';
import type { Vendor } from './vendors.ts';

const timePresets = presetCodec(timeMappingSchema);

/** The fields in the order the form asks for them, with their labels; `needed` ones must be chosen. */
const FIELDS: ReadonlyArray<{ field: TimeField; label: string; needed?: true }> = [
  { field: 'date', label: 'Start date', needed: true },
  { field: 'startTime', label: 'Start time' },
  { field: 'endDate', label: 'End date' },
  { field: 'endTime', label: 'End time' },
  { field: 'duration', label: 'Duration' },
  { field: 'client', label: 'Client' },
  { field: 'project', label: 'Project', needed: true },
  { field: 'task', label: 'Task' },
  { field: 'description', label: 'Description' },
  { field: 'billable', label: 'Billable' },
  { field: 'rate', label: 'Hourly rate' },
  { field: 'amount', label: 'Amount' },
  { field: 'currency', label: 'Currency column' },
  { field: 'zone', label: 'Time zone column' },
  { field: 'user', label: 'Person' },
];

const SOURCES: ReadonlyArray<[TimeMapping['source'], string]> = [
  ['toggl', 'Toggl Track'],
  ['clockify', 'Clockify'],
  ['harvest', 'Harvest'],
  ['csv', 'Another tool'],
];

interface Props {
  headers: readonly string[];
  resembles: Vendor | null;
  suggestion: Partial<TimeColumns>;
  onMapped: (mapping: TimeMapping) => void;
  onCancel: () => void;
}

export function TimeMappingStep({ headers, resembles, suggestion, onMapped, onCancel }: Props) {
  const { presets, problem, save } = usePresets(TIME_PRESETS_SETTING, timePresets);
  const [columns, setColumns] = useState<Partial<TimeColumns>>(suggestion);
  const [source, setSource] = useState<TimeMapping['source']>(resembles?.source ?? 'csv');
  const [dateOrder, setDateOrder] = useState<TimeMapping['dateOrder']>(resembles?.dateOrder ?? 'ymd');
  const [decimal, setDecimal] = useState<TimeMapping['decimal']>('.');
  const [currency, setCurrency] = useState(currencyOfHeader(suggestion.amount) ?? currencyOfHeader(suggestion.rate) ?? '');
  const [presetName, setPresetName] = useState('');
  const id = useId();

  const build = (): TimeMapping | string => {
    const missing = FIELDS.filter((f) => f.needed && !columns[f.field]).map((f) => f.label);
    if (missing.length > 0) return `Choose the column for: ${missing.join(', ')}.`;
    if (!columns.duration && !(columns.startTime && columns.endTime)) return 'Choose a Duration column, or both Start time and End time.';
    const code = currency.trim().toUpperCase();
    if (code !== '' && !currencySchema.safeParse(code).success) return 'Currency: three letters of a known currency, such as EUR or USD, or leave it empty.';
    const chosen = Object.fromEntries(Object.entries(columns).filter(([, v]) => v)) as TimeColumns;
    return { source, columns: chosen, dateOrder, decimal, ...(code ? { currency: code } : {}) };
  };

  const { error, setError, submit, saveAs } = useMappingForm(build, onMapped, save, presetName);

  const apply = (preset: Preset<TimeMapping>) => {
    const m = preset.mapping;
    const missing = Object.values(m.columns).filter((name) => column(headers, name) < 0);
    if (missing.length > 0) return setError(`The preset "${preset.name}" reads columns this file does not have: ${missing.join(', ')}.`);
    setColumns(m.columns);
    setSource(m.source);
    setDateOrder(m.dateOrder);
    setDecimal(m.decimal);
    setCurrency(m.currency ?? '');
    setPresetName(preset.name);
    setError(null);
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="Map the columns">
      <p>
        {resembles
          ? `This looks like a ${resembles.label}, but some of its columns have other names. Check the columns below.`
          : 'Caravan does not know this file’s columns. Say which column holds what; a file without start times has its entries laid one after another from 09:00.'}
      </p>
      <PresetPicker presets={presets} onPick={apply} />
      {problem && <p className="banner warn">{problem}</p>}
      <div className="form-grid">
        {FIELDS.map(({ field, label, needed }) => (
          <ColumnSelect
            key={field}
            label={label}
            headers={headers}
            value={columns[field] ?? NO_COLUMN}
            onChange={(value) => setColumns({ ...columns, [field]: value || undefined })}
            {...(needed ? {} : { none: 'None' })}
          />
        ))}
        <DateOrderSelect value={dateOrder} onChange={setDateOrder} />
        <DecimalSelect value={decimal} onChange={setDecimal} />
        <div className="field-group">
          <label htmlFor={`${id}-currency`}>Currency of rates and amounts</label>
          <input id={`${id}-currency`} autoComplete="off" maxLength={3} value={currency} onChange={(e) => setCurrency(e.target.value.toUpperCase())} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-source`}>Exported from</label>
          <select id={`${id}-source`} autoComplete="off" value={source} onChange={(e) => setSource(e.target.value as TimeMapping['source'])}>
            {SOURCES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <MappingFooter name={presetName} onName={setPresetName} save={saveAs} error={error} onCancel={onCancel} />
    </form>
  );
}
