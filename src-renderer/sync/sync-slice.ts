/**
 * What the window shows of sync: the phase (up to date, syncing, offline,
 * paused, error and when it retries), the last good round, and per target
 * what was held back or refused. The engine lives in `sync-runner.ts`; this
 * only holds what it reports.
 */
import type { StateCreator } from 'zustand';
import type { SchedulerPhase } from './engine/sync-scheduler.ts';
import type { AwaitingClient } from '../locality/locality-session.ts';
import type { PausedBatch } from './engine/round-types.ts';

export interface TargetSyncReport {
  targetId: string;
  /** The last round's outcome with this target. */
  ok: boolean;
  error?: string;
  pushedSegments: number;
  appliedSegments: number;
  bytesSent: number;
  /** Partitions the guard held back from this target, with the reason. */
  heldBack: { partition: string; reason: string }[];
  /** Segments that did not verify and were not applied. */
  rejected: { key: string; message: string }[];
  /** Changes from a device whose clock is ahead by more than 5 minutes: waiting, not applied. */
  quarantined: number;
  /** Merged records that did not validate and were not written. */
  incomplete: number;
  /** Devices that run a newer Caravan (engine/newer-version.ts): their new data is kept, or waits for an update here. */
  newerDevices: { device?: string; waiting: boolean }[];
  missingKeys: string[];
  /** The devices the target's roster lists. */
  devices: { id: string; addedAt?: number; removed: boolean }[];
  /** Batches the deletion guard paused, waiting for the person's decision. */
  paused: PausedBatch[];
  /** Set when the current key generation still reaches a removed device or an erased client (engine/epochs.ts): what to tell the person. */
  rotationNeeded?: string;
  at: number;
}

export interface SyncStatus {
  /** 'none': no target; otherwise the scheduler's phase. */
  phase: SchedulerPhase | 'none';
  lastSuccessAt?: number;
  /** When the last successful round began: what it sent and received is at least as new as this. */
  lastSuccessStartedAt?: number;
  /** When the next retry is due after a failure. */
  retryAt?: number;
  /** The last failure, in words. */
  error?: string;
  /** While a round applies other devices' segments: how many of how many (a new device's first sync). */
  receiving?: { done: number; total: number };
  targets: Record<string, TargetSyncReport>;
  /** This device's sync id in the open vault, once known. */
  deviceId?: string;
  /** Clients whose wider policy (made elsewhere) main holds until the person allows it here; they do not sync meanwhile. */
  policiesAwaiting: AwaitingClient[];
  /** Open conflicts in this device's list (the Sync screen's badge). */
  conflicts: number;
}

export interface SyncSlice {
  sync: SyncStatus;
  setSyncStatus: (patch: Partial<SyncStatus>) => void;
  setTargetReport: (report: TargetSyncReport) => void;
  /** Takes an answered batch off a target's report at once (the round that carries it out follows). */
  dropPaused: (targetId: string, batch: Pick<PausedBatch, 'partition' | 'device' | 'fromSeq'>) => void;
  resetSync: () => void;
}

const INITIAL: SyncStatus = { phase: 'none', targets: {}, policiesAwaiting: [], conflicts: 0 };

export const createSyncSlice: StateCreator<SyncSlice, [], [], SyncSlice> = (set) => ({
  sync: INITIAL,
  setSyncStatus: (patch) => set((s) => ({ sync: { ...s.sync, ...patch } })),
  setTargetReport: (report) => set((s) => ({ sync: { ...s.sync, targets: { ...s.sync.targets, [report.targetId]: report } } })),
  dropPaused: (targetId, batch) =>
    set((s) => {
      const report = s.sync.targets[targetId];
      if (!report) return {};
      const paused = report.paused.filter((p) => !(p.partition === batch.partition && p.device === batch.device && p.fromSeq === batch.fromSeq));
      return { sync: { ...s.sync, targets: { ...s.sync.targets, [targetId]: { ...report, paused } } } };
    }),
  resetSync: () => set({ sync: INITIAL }),
});
