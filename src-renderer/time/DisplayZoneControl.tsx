/**
 * The Time screen header's zone control: which zone times are shown in (home, each block's own,
 * each client's), and the home zone, set once (this device's zone until then). Both are one
 * workspace setting, so every device of the vault shows the same days.
 */
import { useId, useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import { isTimeZone } from '../domain/common.ts';
import { errorMessage } from '../ui/error-message.ts';
import { type DisplayZoneMode, DISPLAY_ZONE_MODES } from './display-zone.ts';
import { useDisplayZoneChoice, useSetDisplayZone } from './use-display-zone.ts';

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

const MODE_LABELS: Record<DisplayZoneMode, string> = {
  home: 'Home zone',
  block: 'Each block’s own zone',
  client: 'Each client’s zone',
};

export function DisplayZoneControl({ deviceZone }: { deviceZone: string }) {
  const choice = useDisplayZoneChoice();
  const setChoice = useSetDisplayZone();
  const home = choice.homeZone ?? deviceZone;
  const [homeText, setHomeText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const save = (next: typeof choice) => {
    setError(null);
    setChoice(next).catch((e: unknown) => setError(`The zone choice was not saved: ${errorMessage(e)}`));
  };
  const commitHome = () => {
    if (homeText === null) return;
    const typed = homeText.trim();
    if (typed === home) return setHomeText(null);
    if (!isTimeZone(typed)) return setError(`Home zone: "${typed}" is not a time zone; pick one from the list, such as Europe/Lisbon.`);
    setHomeText(null);
    save({ ...choice, homeZone: typed === deviceZone ? null : typed });
  };

  return (
    <div className="zone-control">
      <select autoComplete="off" aria-label="Show times in" value={choice.mode} onChange={(e) => save({ ...choice, mode: e.target.value as DisplayZoneMode })}>
        {DISPLAY_ZONE_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {MODE_LABELS[mode]}
          </option>
        ))}
      </select>
      <input
        autoComplete="off"
        aria-label="Home zone"
        title="Days and weeks are cut in this zone; set it once"
        list={`${id}-zones`}
        value={homeText ?? home}
        onChange={(e) => setHomeText(e.target.value)}
        onBlur={commitHome}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitHome();
          if (e.key === 'Escape') setHomeText(null);
        }}
        aria-invalid={error?.startsWith('Home zone') || undefined}
      />
      <datalist id={`${id}-zones`}>
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <FormError message={error} />
    </div>
  );
}
