/**
 * The business profile as stored in the workspace setting `business.profile`, read when a screen
 * shows it (settings are not cached, see workspace-settings-slice.ts). A value this version cannot
 * read (written by a newer one, damaged) is said as such, never taken for "no profile".
 */
import { useEffect, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { BUSINESS_PROFILE_SETTING, type BusinessProfile, businessProfileSchema } from '../../domain/business-profile.ts';
import { errorMessage } from '../../ui/error-message.ts';

export type ProfileState = { kind: 'loading' } | { kind: 'none' } | { kind: 'ready'; profile: BusinessProfile } | { kind: 'unreadable'; message: string };

/** A stored value as a profile state. */
export function profileState(value: unknown): ProfileState {
  if (value === undefined || value === null) return { kind: 'none' };
  const parsed = businessProfileSchema.safeParse(value);
  return parsed.success
    ? { kind: 'ready', profile: parsed.data }
    : { kind: 'unreadable', message: 'Your stored business profile could not be read (a newer version of Caravan may have written it).' };
}

/** The stored profile; `reload` after a save elsewhere. */
export function useBusinessProfile(): [ProfileState, () => void] {
  const readSetting = useStore((s) => s.readSetting);
  const vault = useStore((s) => s.vault);
  const [state, setState] = useState<ProfileState>({ kind: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    readSetting(BUSINESS_PROFILE_SETTING).then(
      (value) => live && setState(profileState(value)),
      (error: unknown) => live && setState({ kind: 'unreadable', message: `Your business profile could not be read: ${errorMessage(error)}` }),
    );
    return () => {
      live = false;
    };
  }, [readSetting, vault, round]);
  return [state, () => setRound((r) => r + 1)];
}
