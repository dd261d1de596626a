/**
 * The toast stack: info toasts in a polite live region, errors in an assertive one. While a modal
 * dialog is open everything outside it is inert, so each open dialog renders its own stack
 * (`scope="dialog"`) and CSS hides the page's: an Undo must stay clickable.
 */
import { X } from 'lucide-react';
import { useStore } from '../app/store.ts';

export function Toasts({ scope = 'global' }: { scope?: 'global' | 'dialog' }) {
  const toasts = useStore((s) => s.toasts);
  const dismiss = useStore((s) => s.dismissToast);
  return (
    <div className={scope === 'dialog' ? 'toasts in-dialog' : 'toasts global'} role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.tone}`} role={toast.tone === 'error' ? 'alert' : undefined}>
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                dismiss(toast.id);
                void toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
            <X aria-hidden size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
