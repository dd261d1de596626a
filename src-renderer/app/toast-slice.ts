/**
 * Short notices at the bottom of the window, with an optional action ("Undo"). Destructive edits
 * that are cheap to reverse (deleting a time block, archiving a client) use one instead of a
 * confirmation dialog: the person keeps working and can take it back.
 */
import type { StateCreator } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  action?: { label: string; run: () => void | Promise<void> };
  /** 'error' toasts are announced assertively and stay until dismissed. */
  tone: 'info' | 'error';
}

export interface ToastSlice {
  toasts: Toast[];
  notify: (message: string, options?: { action?: Toast['action']; tone?: Toast['tone'] }) => void;
  dismissToast: (id: number) => void;
}

/** How long an info toast (and so its undo) stays. */
export const TOAST_MS = 8_000;
let nextId = 1;

export const createToastSlice: StateCreator<ToastSlice, [], [], ToastSlice> = (set, get) => ({
  toasts: [],
  notify: (message, options = {}) => {
    const toast: Toast = { id: nextId++, message, tone: options.tone ?? 'info', ...(options.action ? { action: options.action } : {}) };
    // Three at most: older ones are gone from view anyway.
    set({ toasts: [...get().toasts, toast].slice(-3) });
    if (toast.tone === 'info') setTimeout(() => get().dismissToast(toast.id), TOAST_MS);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
});
