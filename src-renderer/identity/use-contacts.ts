/** The saved contacts, read from the workspace setting when a screen needs them, and a way to save a new list. */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { CONTACTS_SETTING, contactsToStore, readContacts, type Contact } from './contacts.ts';

export function useContacts(): { contacts: Contact[] | null; save: (next: Contact[]) => Promise<void> } {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  useEffect(() => {
    let live = true;
    readSetting(CONTACTS_SETTING).then(
      (value) => live && setContacts(readContacts(value)),
      () => live && setContacts([]),
    );
    return () => {
      live = false;
    };
  }, [readSetting]);
  const save = useCallback(
    async (next: Contact[]) => {
      await writeSetting(CONTACTS_SETTING, contactsToStore(next));
      setContacts(next);
    },
    [writeSetting],
  );
  return { contacts, save };
}
