/**
 * Tells sync that this device wrote something (a change-log entry of its own,
 * not one sync applied from elsewhere), so a round can follow soon. In-memory
 * and synchronous; listeners must not throw.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onLocalWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitLocalWrite(): void {
  for (const listener of listeners) listener();
}
