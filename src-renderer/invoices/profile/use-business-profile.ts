/**
 * The business profile as stored in the workspace setting `business.profile`, read when a screen
 * shows it (settings are not cached, see workspace-settings-slice.ts; read-profile.ts reads it).
 */
import { useEffect, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { BUSINESS_PROFILE_SETTING } from '../../domain/business-profile.ts';
import { profileState, type StoredProfile } from './read-profile.ts';
import { errorMessage } from '../../ui/error-message.ts';

export type ProfileState = { kind: 'loading' } | StoredProfile;

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
