/**
 * Settings: this vault's public identity (fingerprint and the copyable key others seal bundles to)
 * and the saved contacts. Removing a contact can be undone from the toast.
 */
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { currentWorkspace } from '../vault/session/runtime.ts';
import { encodePublicIdentity, fingerprint } from '../bundle/codec/index.ts';
import { addContact, type Contact } from './contacts.ts';
import { useContacts } from './use-contacts.ts';
import { errorMessage } from '../ui/error-message.ts';

function ownIdentity(): { fingerprint: string; identity: string; signKey: Uint8Array } | null {
  const ring = currentWorkspace()?.keyRing;
  if (!ring) return null;
  const id = ring.identity();
  return { fingerprint: fingerprint(id.signPublicKey), identity: encodePublicIdentity(id), signKey: id.signPublicKey };
}

export function IdentityCard() {
  const notify = useStore((s) => s.notify);
  const [own] = useState(ownIdentity);
  const { contacts, save } = useContacts();
  const [copied, setCopied] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!own) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(own.identity);
      setCopied('Copied. Send it to whoever will seal bundles to you; read them your fingerprint to confirm.');
    } catch {
      setCopied('Copying is not available here: select the key above and press Ctrl+C (⌘C on a Mac).');
    }
  };

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!contacts) return;
    const result = addContact(contacts, { name, identity: pasted, own: own.signKey, now: Date.now(), id: crypto.randomUUID() });
    if (!result.ok) return setError(result.message);
    try {
      await save(result.contacts);
      setName('');
      setPasted('');
      setError(null);
      notify(`${result.added.name} saved. Fingerprint ${result.added.fingerprint}.`);
    } catch (e) {
      setError(`The contact was not saved: ${errorMessage(e)}`);
    }
  };

  const remove = async (contact: Contact) => {
    if (!contacts) return;
    const before = contacts;
    await save(contacts.filter((c) => c.id !== contact.id));
    notify(`${contact.name} removed from your contacts.`, { action: { label: 'Undo', run: () => void save(before) } });
  };

  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identity and contacts</h2>
      <p className="muted">
        Bundles you export are signed with this vault's key; others can seal bundles to it. Every device of this vault has the same identity.
      </p>
      <dl className="facts">
        <dt>Your fingerprint</dt>
        <dd>
          <code data-testid="own-fingerprint">{own.fingerprint}</code>
        </dd>
      </dl>
      <label className="field">
        <span>Your public key</span>
        <textarea autoComplete="off" readOnly rows={3} value={own.identity} data-testid="own-public-key" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy public key
        </button>
      </div>
      {copied && (
        <p className="muted" role="status">
          {copied}
        </p>
      )}

      <h3>Contacts</h3>
      {contacts === null ? (
        <p className="muted">Loading…</p>
      ) : contacts.length === 0 ? (
        <p className="muted">No contacts yet. Add someone's public key to seal bundles to them and to recognise bundles they sign.</p>
      ) : (
        <ul className="contact-list" aria-label="Contacts">
          {contacts.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> <code>{c.fingerprint}</code>{' '}
              <button type="button" className="button small" onClick={() => void remove(c)} aria-label={`Remove ${c.name}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)} autoComplete="off" aria-label="Add a contact">
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>Their public key</span>
          <textarea rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="caravan…" autoComplete="off" />
        </label>
        <FormError message={error} />
        <div className="button-row">
          <button type="submit" className="button primary">
            Add contact
          </button>
        </div>
      </form>
    </section>
  );
}
