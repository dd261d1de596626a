/** The saved contacts, read from the workspace setting when a screen needs them, and a way to save a new list. */
import { useCallback, useState } from 'react';
import { useStore } from '../app/store.ts';
import { CONTACTS_SETTING, contactsToStore, readContacts, type Contact } from './contacts.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export function useContacts(): { contacts: Contact[] | null; save: (next: Contact[]) => Promise<void> } {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  // An unreadable setting reads as no contacts, so a screen can still offer to add one.
  const loaded = useLoaded(() => readSetting(CONTACTS_SETTING).then(readContacts, (): Contact[] => []), [readSetting]);
  // What this screen saved last wins over the read: the write is done, a re-read would only lag.
  const [saved, setSaved] = useState<Contact[] | null>(null);
  const save = useCallback(
    async (next: Contact[]) => {
      await writeSetting(CONTACTS_SETTING, contactsToStore(next));
      setSaved(next);
    },
    [writeSetting],
  );
  return { contacts: saved ?? loaded.value ?? null, save };
}
