/**
 * Sync in the running app: one runner per unlocked session. It syncs with
 * every target in turn (main's guard decides, per partition, what may go to
 * each), on the scheduler's beat, and reports to the sync slice. Locking
 * stops it; the keys it used go with the workspace.
 */
import { caravan, unwrap } from '../ipc/caravan.ts';
import { onLocalWrite } from '../vault/repos/write-events.ts';
import { currentWorkspace, metaStore } from '../vault/session/runtime.ts';
import { loadOrCreateDevice, type SyncDevice } from './engine/device-identity.ts';
import { PartitionStates } from './engine/partition-states.ts';
import { ipcRemote, RemoteError } from './engine/remote.ts';
import { readProgress } from './engine/sync-progress.ts';
import { loadTravel } from '../locality/travel.ts';
import { syncRound } from './engine/sync-round.ts';
import { SyncScheduler } from './engine/sync-scheduler.ts';
import { withSyncLock } from './sync-lock.ts';
import type { SyncSlice, TargetSyncReport } from './sync-slice.ts';
import { errorMessage } from '../ui/error-message.ts';
import { loadGuardLimits } from './guard-settings.ts';
import { addConflicts, listConflicts } from './conflicts/conflict-store.ts';
import { conflictStore } from './conflicts/conflict-runtime.ts';
import { getSetting } from '../vault/repos/settings.ts';
import { HISTORY_RETENTION_KEY, retentionDays, retentionMs } from '../history/retention.ts';

export interface RunnerHooks {
  report: Pick<SyncSlice, 'setSyncStatus' | 'setTargetReport'>;
  /** Other devices' records were written into the vault: refresh what the screens show (and tell main which device changed which client's policy). */
  recordsArrived: (policyFrom: ReadonlyMap<string, string>) => void;
  /** Another device erased a client this one still holds: erase it here too. */
  clientErasedElsewhere: (clientId: string) => Promise<void>;
}

export class SyncRunner {
  readonly #vaultId: string;
  readonly #hooks: RunnerHooks;
  readonly #states = new PartitionStates();
  readonly #scheduler: SyncScheduler;
  readonly #unsubscribe: (() => void)[] = [];
  #device: SyncDevice | undefined;
  #stopped = false;

  constructor(vaultId: string, hooks: RunnerHooks) {
    this.#vaultId = vaultId;
    this.#hooks = hooks;
    this.#scheduler = new SyncScheduler({
      run: () => this.#round(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      random: Math.random,
      now: Date.now,
    });
  }

  start(): void {
    const api = caravan();
    this.#unsubscribe.push(onLocalWrite(() => this.#scheduler.changed()));
    this.#unsubscribe.push(api.net.onStatus((status) => this.#online(status.online)));
    void this.#countConflicts().catch(() => undefined);
    void api.net.status().then((result) => {
      if (result.ok) this.#online(result.value.online);
      this.#scheduler.start();
      this.#publish();
    });
  }

  /** Publishes how many conflicts are open (the list is read once, decrypted, per call). */
  async #countConflicts(): Promise<void> {
    const open = await listConflicts(conflictStore(this.#vaultId));
    this.#hooks.report.setSyncStatus({ conflicts: open.length });
  }

  stop(): void {
    this.#stopped = true;
    this.#scheduler.stop();
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  syncNow(): void {
    this.#scheduler.runNow();
    this.#publish();
  }

  pause(): void {
    this.#scheduler.pause();
    this.#publish();
  }

  resume(): void {
    this.#scheduler.resume();
    this.#publish();
  }

  #online(online: boolean): void {
    this.#scheduler.setOnline(online);
    this.#publish();
  }

  #publish(extra: { error?: string } = {}): void {
    const phase = this.#scheduler.phase;
    const retryAt = phase === 'backoff' ? this.#scheduler.dueAt : undefined;
    this.#hooks.report.setSyncStatus({ phase, ...(retryAt !== undefined ? { retryAt } : { retryAt: undefined }), ...extra });
  }

  #round(): Promise<boolean> {
    // One round at a time per window, across runners: a restarted runner's first round waits for
    // the old one's last, whose saves would otherwise overwrite the new progress.
    return withSyncLock(() => (this.#stopped ? Promise.resolve(true) : this.#roundBody()));
  }

  async #roundBody(): Promise<boolean> {
    const startedAt = Date.now();
    const workspace = currentWorkspace();
    if (!workspace) return false;
    const { targets } = await unwrap(caravan().locality.targets());
    if (targets.length === 0) {
      this.#hooks.report.setSyncStatus({ phase: 'none' });
      return true;
    }
    this.#hooks.report.setSyncStatus({ phase: 'running' });
    this.#device ??= await loadOrCreateDevice(metaStore(), this.#vaultId, workspace.keyRing);
    this.#hooks.report.setSyncStatus({ deviceId: this.#device.id });
    // Clients removed for a trip stay away until it ends, and no client arrives during one (it
    // could be one the trip country excludes); erased clients never come back.
    const travel = await loadTravel(this.#vaultId);
    const erasures = await metaStore().syncErasures(this.#vaultId);
    const skipPartitions = new Set([...(travel?.removed ?? []), ...erasures.map((e) => e.clientId)]);
    const travelling = travel !== null && travel.country !== '';
    const guardLimits = await loadGuardLimits(workspace.ctx);
    // Compaction keeps every segment within the history window the person chose (Settings).
    const historyMs = retentionMs(retentionDays(await getSetting(workspace.ctx, HISTORY_RETENTION_KEY)));
    let ok = true;
    let firstError: string | undefined;
    let arrived = 0;
    const policyFrom = new Map<string, string>();
    for (const target of targets) {
      const progress = readProgress(await metaStore().syncProgress(this.#vaultId, target.id));
      const base: Omit<TargetSyncReport, 'ok'> = {
        targetId: target.id,
        pushedSegments: 0,
        appliedSegments: 0,
        bytesSent: 0,
        heldBack: [],
        rejected: [],
        quarantined: 0,
        incomplete: 0,
        newerDevices: [],
        missingKeys: [],
        devices: [],
        paused: [],
        at: Date.now(),
      };
      try {
        const result = await syncRound({
          vaultId: this.#vaultId,
          db: workspace.ctx.db,
          keyRing: workspace.keyRing,
          clock: workspace.ctx.clock,
          device: this.#device,
          remote: ipcRemote(target.id),
          progress,
          saveProgress: (p) => metaStore().setSyncProgress(this.#vaultId, target.id, p),
          states: this.#states,
          now: Date.now,
          headerText: () => metaStore().headerText(),
          skipPartitions,
          erasures,
          // Compaction's safety margin depends on it (24 h on a folder, 4 h on WebDAV and S3).
          targetKind: target.kind,
          compaction: { retentionMs: historyMs },
          adoptKeys: !travelling,
          removals: await metaStore().syncRemovals(this.#vaultId),
          onRemoteErasure: (clientId) => this.#hooks.clientErasedElsewhere(clientId),
          onProgress: (done, total) => this.#hooks.report.setSyncStatus({ receiving: { done, total } }),
          guardLimits,
        });
        if (result.conflicts.length > 0) {
          await addConflicts(conflictStore(this.#vaultId), result.conflicts, Date.now());
          await this.#countConflicts();
        }
        const { policyFrom: fromThisTarget, conflicts: _conflicts, kept: _kept, ...report } = result;
        arrived += result.recordsWritten;
        for (const [clientId, device] of Object.entries(fromThisTarget)) policyFrom.set(clientId, device);
        this.#hooks.report.setTargetReport({ ...base, ...report, ok: true, rejected: result.rejected.map((r) => ({ key: r.key, message: r.message })) });
      } catch (error) {
        ok = false;
        const message = errorMessage(error);
        firstError ??= `${target.label}: ${message}`;
        this.#hooks.report.setTargetReport({ ...base, ok: false, error: message });
        // A refusal never gets here (held back per partition); anything else is worth a retry.
        if (!(error instanceof RemoteError)) console.error('sync round failed', error);
      }
    }
    this.#hooks.report.setSyncStatus({ receiving: undefined });
    if (arrived > 0) this.#hooks.recordsArrived(policyFrom);
    if (ok) this.#hooks.report.setSyncStatus({ lastSuccessAt: Date.now(), lastSuccessStartedAt: startedAt, error: undefined });
    else this.#hooks.report.setSyncStatus({ ...(firstError ? { error: firstError } : {}) });
    // The scheduler's phase after this round is published once it has planned the next one.
    setTimeout(() => this.#publish(), 0);
    return ok;
  }
}

let runner: SyncRunner | null = null;
let last: { vaultId: string; hooks: RunnerHooks } | null = null;

export function startSync(vaultId: string, hooks: RunnerHooks): void {
  runner?.stop();
  last = { vaultId, hooks };
  runner = new SyncRunner(vaultId, hooks);
  runner.start();
}

/** A fresh runner (new merge states) for the same vault: after clients left or came back. */
export function restartSync(): void {
  if (last) startSync(last.vaultId, last.hooks);
}

export function stopSync(): void {
  runner?.stop();
  runner = null;
  last = null;
}

export function syncControls(): Pick<SyncRunner, 'syncNow' | 'pause' | 'resume'> | null {
  return runner;
}
