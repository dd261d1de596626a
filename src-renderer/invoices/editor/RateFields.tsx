/**
 * The invoice's currency and the rates fixed on it: to the home currency (the books), and for
 * work or expenses in a third currency (a USD cloud bill on a CHF invoice). Each rate is typed, or
 * read from a euro reference-rate CSV file from the ECB that the person downloaded: Caravan makes
 * no network request for rates. The file is read here and kept only in this window.
 */
import { useId, useState } from 'react';
import type { FixedRate } from '../../domain/invoice.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { parseEcbCsv, referenceRateOn, type EcbRates } from '../ecb-rates.ts';
import { parseRate } from '../exchange-rate.ts';
import type { DraftSelection } from '../document/types.ts';

function RateInput({
  label,
  from,
  to,
  value,
  source,
  asOf,
  onType,
}: {
  label: string;
  from: string;
  to: string;
  value: string;
  source?: 'typed' | 'ecb' | undefined;
  asOf?: string | undefined;
  onType: (text: string) => void;
}) {
  const id = useId();
  const bad = value.trim() !== '' && parseRate(value) === null;
  const missing = value.trim() === '';
  const error = bad
    ? `${label}: “${value}” is not a rate; type a positive decimal with a point, such as 0.9512.`
    : missing
      ? `${label}: needed to issue.`
      : undefined;
  return (
    <div className={bad ? 'field-group invalid' : 'field-group'}>
      <label htmlFor={id}>{label}</label>
      <span className="inline-row">
        1 {from} ={' '}
        <input
          id={id}
          inputMode="decimal"
          size={12}
          value={value}
          autoComplete="off"
          aria-invalid={bad}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onType(e.target.value)}
        />{' '}
        {to}
      </span>
      <p id={`${id}-hint`} className={error && bad ? 'field-error' : 'field-hint'}>
        {error ?? (source === 'ecb' && asOf ? `ECB reference rate of ${formatCalendarDate(asOf)}.` : 'Typed by you.')}
      </p>
    </div>
  );
}

export function RateFields({
  selection,
  homeCurrency,
  currencies,
  thirdCurrencies,
  onChange,
}: {
  selection: DraftSelection;
  homeCurrency: string;
  /** Currencies the invoice may be in (the client's, the projects', the home one). */
  currencies: readonly string[];
  /** Currencies of records on the draft other than the invoice's: each needs a rate to it. */
  thirdCurrencies: readonly string[];
  onChange: (next: DraftSelection) => void;
}) {
  const id = useId();
  const [ecb, setEcb] = useState<EcbRates | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const currency = selection.currency;
  const foreign = currency !== homeCurrency;
  const setFixed = (rate: FixedRate | undefined) => {
    const { fixedRate: _old, ...rest } = selection;
    onChange(rate === undefined ? rest : { ...rest, fixedRate: rate });
  };
  const setThird = (code: string, rate: string, source: 'typed' | 'ecb', asOf?: string) =>
    onChange({ ...selection, currencyRates: { ...selection.currencyRates, [code]: { rate, to: currency, source, ...(asOf === undefined ? {} : { asOf }) } } });

  /** Fills every rate the draft needs from `rates` for the issue date; says what it could not. */
  const fillFrom = (rates: EcbRates) => {
    const problems: string[] = [];
    let next = selection;
    if (foreign) {
      const found = referenceRateOn(rates, selection.issueDate, currency, homeCurrency);
      if (found.ok) next = { ...next, fixedRate: { homeCurrency, rate: found.rate, source: 'ecb', asOf: found.asOf } };
      else problems.push(found.problem);
    }
    for (const code of thirdCurrencies) {
      const found = referenceRateOn(rates, selection.issueDate, code, currency);
      if (found.ok) next = { ...next, currencyRates: { ...next.currencyRates, [code]: { rate: found.rate, to: currency, source: 'ecb', asOf: found.asOf } } };
      else problems.push(found.problem);
    }
    onChange(next);
    setFileProblem(problems.length === 0 ? null : problems.join(' '));
  };
  const readFile = async (file: File | undefined) => {
    if (file === undefined) return;
    const parsed = parseEcbCsv(await file.text());
    if (!parsed.ok) return setFileProblem(`ECB rate file: ${parsed.problem}`);
    setEcb(parsed.rates);
    fillFrom(parsed.rates);
  };

  return (
    <fieldset className="card">
      <legend>Currency</legend>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-currency`}>Invoice currency</label>
          <select
            autoComplete="off"
            id={`${id}-currency`}
            value={currency}
            onChange={(e) => {
              // Every rate fixed so far converts into the old currency: none of them holds for the new one.
              const { fixedRate: _dropped, currencyRates: _rates, ...rest } = selection;
              onChange({ ...rest, currency: e.target.value });
            }}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        {foreign && (
          <RateInput
            label="Exchange rate"
            from={currency}
            to={homeCurrency}
            value={selection.fixedRate?.rate ?? ''}
            source={selection.fixedRate?.source}
            asOf={selection.fixedRate?.asOf}
            onType={(text) => setFixed(text === '' ? undefined : { homeCurrency, rate: text.trim(), source: 'typed' })}
          />
        )}
        {thirdCurrencies.map((code) => (
          <RateInput
            key={code}
            label={`Rate for ${code}`}
            from={code}
            to={currency}
            value={selection.currencyRates?.[code]?.rate ?? ''}
            source={selection.currencyRates?.[code]?.source}
            asOf={selection.currencyRates?.[code]?.asOf}
            onType={(text) => setThird(code, text.trim(), 'typed')}
          />
        ))}
      </div>
      {(foreign || thirdCurrencies.length > 0) && (
        <div className="field-group">
          <label htmlFor={`${id}-ecb`}>Read the rates from an ECB reference-rate file (eurofxref.csv or eurofxref-hist.csv)</label>
          <input
            id={`${id}-ecb`}
            type="file"
            accept=".csv,text/csv"
            autoComplete="off"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void readFile(file);
            }}
          />
          {ecb && (
            <button type="button" className="link-button" onClick={() => fillFrom(ecb)}>
              Read the rates for {formatCalendarDate(selection.issueDate)} again
            </button>
          )}
          {fileProblem && <p className="form-error">{fileProblem}</p>}
        </div>
      )}
    </fieldset>
  );
}
