/**
 * The timer as main reports it. Main owns the state (it survives a closed window and a crash);
 * the window shows it, sends commands, and stores finished blocks in the vault.
 */
import type { StateCreator } from 'zustand';
import type { TimerCommand, TimerView } from '../../src-preload/contract/index.ts';
import { caravan } from '../ipc/caravan.ts';

export interface TimerSlice {
  timer: TimerView | null;
  /**
   * This window's clock when `timer` arrived. The window counts on from here between main's
   * updates, never from `timer.at`: main's clock and the page's need not agree.
   */
  timerReceivedAt: number;
  /** The last refusal or failure, in words ("A timer is already running…"). */
  timerError: string | null;
  /** Loads the timer and follows main's changes; returns the unsubscribe. */
  connectTimer: () => () => void;
  /** Sends a command; true when main accepted it. */
  timerCommand: (command: TimerCommand) => Promise<boolean>;
  clearTimerError: () => void;
  /**
   * The note typed for the running session, saved with each of its deep blocks. Kept in the
   * window only: main's journal is plain text on disk and holds ids, never what a person wrote.
   */
  timerNote: { sessionId: string; text: string } | null;
  setTimerNote: (sessionId: string, text: string) => void;
}

export const createTimerSlice: StateCreator<TimerSlice, [], [], TimerSlice> = (set) => ({
  timer: null,
  timerReceivedAt: 0,
  timerError: null,
  connectTimer: () => {
    const api = caravan();
    const unsubscribe = api.timer.onChanged((timer) => set({ timer, timerReceivedAt: Date.now() }));
    void api.timer.state().then((result) => {
      if (result.ok) set({ timer: result.value, timerReceivedAt: Date.now() });
      else set({ timerError: result.error.message });
    });
    return unsubscribe;
  },
  timerCommand: async (command) => {
    const result = await caravan().timer.command(command);
    if (result.ok) {
      set({ timer: result.value, timerReceivedAt: Date.now(), timerError: null });
      return true;
    }
    set({ timerError: result.error.message });
    return false;
  },
  clearTimerError: () => set({ timerError: null }),
  timerNote: null,
  setTimerNote: (sessionId, text) => set({ timerNote: { sessionId, text } }),
});
