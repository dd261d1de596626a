/**
 * Next steps typed for a weekly update are kept as a draft per client and week, so closing the
 * dialog (or the app) loses nothing: in memory at once, and in the workspace setting
 * `weeklyUpdate.nextSteps` shortly after typing stops and when the dialog closes. Only the newest
 * drafts are kept, so the setting cannot grow without end.
 */
import { useCallback, useEffect, useRef } from 'react';
import { create } from 'zustand';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';

export const NEXT_STEPS_SETTING = 'weeklyUpdate.nextSteps';
const KEEP = 24;
const WRITE_AFTER_MS = 600;

/** Drafts by `clientId|week`, newest last. */
export type Drafts = Record<string, { readonly text: string; readonly at: number }>;

/** A stored value as drafts; anything malformed is dropped, entry by entry. */
export function parseDrafts(value: unknown): Drafts {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const out: Drafts = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const { text, at } = (entry ?? {}) as { text?: unknown; at?: unknown };
    if (typeof text === 'string' && typeof at === 'number') out[key] = { text, at };
  }
  return out;
}

/** `drafts` with `key` set (or removed when `text` is blank), the oldest dropped beyond the limit. */
export function withDraft(drafts: Drafts, key: string, text: string, at: number): Drafts {
  const next: Drafts = { ...drafts };
  delete next[key];
  if (text.trim() !== '') next[key] = { text, at };
  const newest = Object.entries(next)
    .sort((a, b) => b[1].at - a[1].at)
    .slice(0, KEEP);
  return Object.fromEntries(newest);
}

interface DraftState {
  /** The vault view the drafts belong to; another one (a lock, an unlock) reads them again. */
  vault: unknown;
  drafts: Drafts;
}

const draftStore = create<DraftState>()(() => ({ vault: null, drafts: {} }));

/** The draft for `clientId` in `week` ("2026-W49") and a setter that keeps it. */
export function useNextStepsDraft(clientId: string, week: string): [string, (text: string) => void] {
  const vault = useStore((s) => s.vault);
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const notify = useStore((s) => s.notify);
  const key = `${clientId}|${week}`;
  const text = draftStore((s) => (s.vault === vault ? (s.drafts[key]?.text ?? '') : ''));
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const write = useCallback(() => {
    pending.current = null;
    void writeSetting(NEXT_STEPS_SETTING, draftStore.getState().drafts).catch((e: unknown) =>
      notify(`The next steps draft was not kept: ${errorMessage(e)}`, { tone: 'error' }),
    );
  }, [writeSetting, notify]);

  // The vault's drafts, read once per unlock; drafts typed meanwhile are newer and win.
  useEffect(() => {
    if (draftStore.getState().vault === vault) return;
    draftStore.setState({ vault, drafts: {} });
    readSetting(NEXT_STEPS_SETTING).then(
      (value) => {
        const now = draftStore.getState();
        if (now.vault === vault) draftStore.setState({ drafts: { ...parseDrafts(value), ...now.drafts } });
      },
      (e: unknown) => notify(`Saved next steps could not be read: ${errorMessage(e)}`, { tone: 'error' }),
    );
  }, [vault, readSetting, notify]);

  // Closing the dialog writes at once what is still waiting.
  useEffect(
    () => () => {
      if (pending.current === null) return;
      clearTimeout(pending.current);
      write();
    },
    [write],
  );

  const update = useCallback(
    (next: string) => {
      const state = draftStore.getState();
      draftStore.setState({ vault, drafts: withDraft(state.vault === vault ? state.drafts : {}, key, next, Date.now()) });
      if (pending.current !== null) clearTimeout(pending.current);
      pending.current = setTimeout(write, WRITE_AFTER_MS);
    },
    [vault, key, write],
  );
  return [text, update];
}
