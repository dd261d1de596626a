/**
 * How hours read everywhere (screens, the weekly update, invoice quantities): h:mm or decimal
 * hours. A workspace setting, so every device of the vault shows the same.
 */
import { useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import type { HourStyle } from '../ui/format/duration.ts';
import { useHourStyle, useSetHourStyle } from '../ui/format/use-hour-style.ts';
import { errorMessage } from '../ui/error-message.ts';

const CHOICES: { value: HourStyle; label: string; example: string }[] = [
  { value: 'clock', label: 'Hours and minutes', example: '4:30 h' },
  { value: 'decimal', label: 'Decimal hours', example: '4.5 h' },
];

export function HourStyleCard() {
  const style = useHourStyle();
  const setStyle = useSetHourStyle();
  const [error, setError] = useState<string | null>(null);
  const choose = (value: HourStyle) => {
    setError(null);
    setStyle(value).catch((e: unknown) => setError(`The choice was not saved: ${errorMessage(e)}`));
  };
  return (
    <fieldset className="card">
      <legend>Hours</legend>
      <div className="radio-row" role="radiogroup" aria-label="Show hours as">
        {CHOICES.map((choice) => (
          <label key={choice.value} className="radio">
            <input
              autoComplete="off"
              type="radio"
              name="hour-style"
              value={choice.value}
              checked={style === choice.value}
              onChange={() => choose(choice.value)}
            />
            {choice.label} ({choice.example})
          </label>
        ))}
      </div>
      <p className="field-hint">
        Used on every screen, in weekly updates and for invoice quantities. Decimal hours are the time rounded to the minute, then to two places: 3 h 20 min is
        3.33 h.
      </p>
      <FormError message={error} />
    </fieldset>
  );
}
