/**
 * The mapping step: which column is the date, the amount, the currency (or one currency for the
 * file), the description and an optional id, and how the file writes numbers and dates. Opened for
 * a file Caravan does not recognise, or one that looks like a provider's with a column renamed
 * (then the columns are preselected where the names are close, and rows are added up per day).
 */
import { useId, useState } from 'react';
import { ColumnSelect, FIXED_VALUE as FIXED, NO_COLUMN as NONE } from '../csv/ColumnSelect.tsx';
import { DateOrderSelect, DecimalSelect } from '../csv/FormatSelects.tsx';
import { MappingFooter, PresetPicker } from '../csv/PresetControls.tsx';
import { usePresets } from '../csv/use-presets.ts';
import { useMappingForm } from '../csv/use-mapping-form.ts';
import { currencySchema } from '../domain/common.ts';
import { type ColumnMapping, type MappedField, missingColumns } from './mapping.ts';
import type { ProviderFormat } from './provider-formats.ts';
import { costPresets, type CostImportPreset, PRESETS_SETTING } from './presets.ts';

interface Props {
  headers: readonly string[];
  resembles: ProviderFormat | null;
  suggestion: Partial<Record<MappedField, string>>;
  /** The project's currency: the default for "one currency for the whole file". */
  currency: string;
  onMapped: (mapping: ColumnMapping) => void;
  onCancel: () => void;
}

export function MappingStep({ headers, resembles, suggestion, currency, onMapped, onCancel }: Props) {
  const { presets, problem, save } = usePresets(PRESETS_SETTING, costPresets);
  const [date, setDate] = useState(suggestion.date ?? NONE);
  const [amount, setAmount] = useState(suggestion.amount ?? NONE);
  const [currencyColumn, setCurrencyColumn] = useState(suggestion.currency ?? FIXED);
  const [fixed, setFixed] = useState(currency);
  const [description, setDescription] = useState(suggestion.description ?? NONE);
  const [idColumn, setIdColumn] = useState(suggestion.id ?? NONE);
  const [decimal, setDecimal] = useState<ColumnMapping['decimal']>('.');
  const [dateOrder, setDateOrder] = useState<ColumnMapping['dateOrder']>('ymd');
  const [aggregate, setAggregate] = useState(resembles !== null);
  const [presetName, setPresetName] = useState('');
  const id = useId();

  const build = (): ColumnMapping | string => {
    const missing = [!date && 'Date', !amount && 'Amount', !description && 'Description'].filter(Boolean);
    if (missing.length > 0) return `Choose the column for: ${missing.join(', ')}.`;
    if (currencyColumn === FIXED && !currencySchema.safeParse(fixed.trim().toUpperCase()).success) {
      return 'Currency: three letters of a known currency, such as EUR or USD.';
    }
    return {
      date,
      amount,
      currency: currencyColumn === FIXED ? { fixed: fixed.trim().toUpperCase() } : { column: currencyColumn },
      description,
      ...(idColumn && !aggregate ? { id: idColumn } : {}),
      decimal,
      dateOrder,
      aggregate,
    };
  };

  const { error, setError, submit, saveAs } = useMappingForm(build, onMapped, save, presetName);

  const apply = (preset: CostImportPreset) => {
    const m = preset.mapping;
    const missing = missingColumns(m, headers);
    if (missing.length > 0) return setError(`The preset "${preset.name}" reads columns this file does not have: ${missing.join(', ')}.`);
    setDate(m.date);
    setAmount(m.amount);
    if ('column' in m.currency) setCurrencyColumn(m.currency.column);
    else {
      setCurrencyColumn(FIXED);
      setFixed(m.currency.fixed);
    }
    setDescription(m.description);
    setIdColumn(m.id ?? NONE);
    setDecimal(m.decimal);
    setDateOrder(m.dateOrder);
    setAggregate(m.aggregate);
    setPresetName(preset.name);
    setError(null);
  };

  const columnSelect = (label: string, value: string, set: (v: string) => void, extra?: { none?: string; fixed?: string }) => (
    <ColumnSelect label={label} headers={headers} value={value} onChange={set} {...extra} />
  );

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="Map the columns">
      <p>
        {resembles
          ? `This looks like a ${resembles.label}, but some of its columns have other names. Check the columns below.`
          : 'Caravan does not know this file’s columns. Say which column holds what.'}
      </p>
      <PresetPicker presets={presets} onPick={apply} />
      {problem && <p className="banner warn">{problem}</p>}
      <div className="form-grid">
        {columnSelect('Date', date, setDate)}
        {columnSelect('Amount', amount, setAmount)}
        {columnSelect('Currency', currencyColumn, setCurrencyColumn, { fixed: 'One currency for the whole file' })}
        {currencyColumn === FIXED && (
          <div className="field-group">
            <label htmlFor={`${id}-fixed`}>Currency of every row</label>
            <input id={`${id}-fixed`} autoComplete="off" maxLength={3} value={fixed} onChange={(e) => setFixed(e.target.value.toUpperCase())} />
          </div>
        )}
        {columnSelect('Description', description, setDescription)}
        {!aggregate && columnSelect('Row id (optional)', idColumn, setIdColumn, { none: 'None: recognise rows by their content' })}
        <DecimalSelect value={decimal} onChange={setDecimal} />
        <DateOrderSelect value={dateOrder} onChange={setDateOrder} />
      </div>
      <label className="checkbox">
        <input type="checkbox" autoComplete="off" checked={aggregate} onChange={(e) => setAggregate(e.target.checked)} /> Add up the rows of a day with the same
        description into one expense
      </label>
      <MappingFooter name={presetName} onName={setPresetName} save={saveAs} error={error} onCancel={onCancel} />
    </form>
  );
}
