/**
 * Tells what derives from the vault (the presence warnings) that sync wrote other devices' records
 * into it: the screens reload through the workspace store, but a check that keeps its own result
 * needs this to redo it. In-memory and synchronous; listeners must not throw.
 */
type Listener = () => void;

const listeners = new Set<Listener>();

export function onRecordsArrived(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitRecordsArrived(): void {
  for (const listener of listeners) listener();
}
