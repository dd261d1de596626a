/**
 * Contacts: other people's (or your other vaults') public identities, saved with a name so that a
 * bundle they signed is shown as theirs and a bundle can be sealed to them. Kept as one workspace
 * setting, encrypted and synced like every setting (two devices adding a contact at the same moment
 * keep the later list: a known limit, since contacts change rarely).
 */
import { decodePublicIdentity, encodePublicIdentity, fingerprint } from '../bundle/codec/index.ts';
import { fromBase64, toBase64 } from '../vault/crypto/encoding.ts';
import { errorMessage } from '../ui/error-message.ts';

export const CONTACTS_SETTING = 'bundleContacts';
const MAX_CONTACTS = 500;

export interface Contact {
  id: string;
  name: string;
  /** The identity string as `encodePublicIdentity` writes it. */
  publicIdentity: string;
  fingerprint: string;
  /** Ed25519 public key, base64: how a bundle's signer is matched. */
  signKey: string;
  /** X25519 public key, base64: what a bundle is sealed to. */
  boxKey: string;
  addedAt: number;
}

/** The stored list, keeping only entries that still decode (a damaged entry is dropped, not trusted). */
export function readContacts(value: unknown): Contact[] {
  if (!Array.isArray(value)) return [];
  const out: Contact[] = [];
  for (const item of value.slice(0, MAX_CONTACTS)) {
    if (typeof item !== 'object' || item === null) continue;
    const c = item as Partial<Contact>;
    if (typeof c.id !== 'string' || typeof c.name !== 'string' || typeof c.publicIdentity !== 'string' || typeof c.addedAt !== 'number') continue;
    try {
      const keys = decodePublicIdentity(c.publicIdentity);
      out.push({
        id: c.id,
        name: c.name,
        publicIdentity: c.publicIdentity,
        fingerprint: fingerprint(keys.signPublicKey),
        signKey: toBase64(keys.signPublicKey),
        boxKey: toBase64(keys.boxPublicKey),
        addedAt: c.addedAt,
      });
    } catch {
      continue;
    }
  }
  return out;
}

export type AddContactResult = { ok: true; contacts: Contact[]; added: Contact } | { ok: false; message: string };

/** Adds a contact from a pasted identity string; refuses a bad paste, a duplicate and the vault's own key. */
export function addContact(
  contacts: readonly Contact[],
  input: { name: string; identity: string; own: Uint8Array; now: number; id: string },
): AddContactResult {
  const name = input.name.trim();
  if (!name) return { ok: false, message: 'Give the contact a name, so you know whose bundles these are.' };
  if (name.length > 120) return { ok: false, message: 'Keep the name under 120 characters.' };
  let keys;
  try {
    keys = decodePublicIdentity(input.identity);
  } catch (error) {
    return { ok: false, message: `That is not a Caravan public key: ${errorMessage(error)}. Ask for it again, or paste it whole.` };
  }
  const signKey = toBase64(keys.signPublicKey);
  if (signKey === toBase64(input.own)) return { ok: false, message: "That is this vault's own public key." };
  const existing = contacts.find((c) => c.signKey === signKey);
  if (existing) return { ok: false, message: `This key is already saved as ${existing.name}.` };
  if (contacts.length >= MAX_CONTACTS) return { ok: false, message: `You can keep up to ${MAX_CONTACTS} contacts; remove one first.` };
  const added: Contact = {
    id: input.id,
    name,
    publicIdentity: encodePublicIdentity(keys),
    fingerprint: fingerprint(keys.signPublicKey),
    signKey,
    boxKey: toBase64(keys.boxPublicKey),
    addedAt: input.now,
  };
  return { ok: true, contacts: [...contacts, added].sort((a, b) => a.name.localeCompare(b.name)), added };
}

/** The saved contact who owns this signing key, if any. */
export function contactBySignKey(contacts: readonly Contact[], signPublicKey: Uint8Array): Contact | undefined {
  const key = toBase64(signPublicKey);
  return contacts.find((c) => c.signKey === key);
}

/** A contact's X25519 key, for sealing a bundle to them. */
export function boxKeyOf(contact: Contact): Uint8Array {
  const key = fromBase64(contact.boxKey);
  if (!key) throw new Error(`The saved key of ${contact.name} is damaged; remove the contact and add it again.`);
  return key;
}

/** What is stored: the identity string is the source of truth, the rest is derived on reading. */
export function contactsToStore(contacts: readonly Contact[]): { id: string; name: string; publicIdentity: string; addedAt: number }[] {
  return contacts.map(({ id, name, publicIdentity, addedAt }) => ({ id, name, publicIdentity, addedAt }));
}
