/**
 * `app.requestSingleInstanceLock()` across real processes, synchronously as
 * Electron's is: a lock file holding the owner's pid in the user-data folder
 * (a dead owner's lock is taken over), and a second instance leaves its argv
 * as a request file that the first instance sees and turns into the
 * `second-instance` event.
 */
import { linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SingleInstanceLock {
  private watcher: FSWatcher | null = null;
  private held = false;
  private readonly dir: string;

  constructor(userDataDir: string) {
    this.dir = join(userDataDir, '.electron-double-instance');
  }

  /** True when this process now holds the lock; false after handing argv to the holder. */
  request(additionalData: unknown, onSecond: (request: SecondInstance) => void): boolean {
    mkdirSync(join(this.dir, 'requests'), { recursive: true });
    const lockPath = join(this.dir, 'lock');
    for (let attempt = 0; attempt < 20; attempt++) {
      if (this.create(lockPath)) {
        this.held = true;
        this.watch(onSecond);
        return true;
      }
      const owner = this.owner(lockPath);
      if (owner === 'unreadable' && attempt < 10) {
        // Another process is taking over this very moment: wait for it to finish, then look again.
        sleepSync(20);
        continue;
      }
      if (typeof owner === 'number' && owner !== process.pid && alive(owner)) {
        const request: SecondInstance = { argv: process.argv, workingDirectory: process.cwd(), additionalData };
        const name = `${process.pid}-${Date.now()}.json`;
        // Written whole under a temporary name, then renamed, so the holder never reads half a request.
        writeFileSync(join(this.dir, 'requests', `${name}.tmp`), JSON.stringify(request));
        renameSync(join(this.dir, 'requests', `${name}.tmp`), join(this.dir, 'requests', name));
        return false;
      }
      // The owner is gone (or its lock stayed unreadable). Only the process that wins the take-over
      // lock may remove it, after checking it is still that same stale lock: a check and a remove
      // by two processes at once could otherwise remove the lock the other one just made.
      if (this.create(`${lockPath}.takeover`)) {
        try {
          if (this.owner(lockPath) === owner) rmSync(lockPath, { force: true });
        } finally {
          rmSync(`${lockPath}.takeover`, { force: true });
        }
      } else {
        sleepSync(20);
      }
    }
    throw new Error('electron double: the single-instance lock kept changing hands');
  }

  /** Creates the lock with our pid in it, atomically and only if none exists (a hard link fails on EEXIST). */
  private create(lockPath: string): boolean {
    const temporary = `${lockPath}.${process.pid}`;
    writeFileSync(temporary, String(process.pid));
    try {
      linkSync(temporary, lockPath);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return false;
    } finally {
      rmSync(temporary, { force: true });
    }
  }

  private owner(lockPath: string): number | null | 'unreadable' {
    try {
      const owner = Number(readFileSync(lockPath, 'utf8'));
      return Number.isInteger(owner) && owner > 0 ? owner : 'unreadable';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unreadable';
    }
  }

  private watch(onSecond: (request: SecondInstance) => void): void {
    const requests = join(this.dir, 'requests');
    const drain = () => {
      for (const name of readdirSync(requests)) {
        if (!name.endsWith('.json')) continue;
        const path = join(requests, name);
        try {
          const request = JSON.parse(readFileSync(path, 'utf8')) as SecondInstance;
          rmSync(path, { force: true });
          onSecond(request);
        } catch {
          // Half-written: the next change event reads it whole.
        }
      }
    };
    this.watcher = watch(requests, () => drain());
    drain();
  }

  release(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.held) rmSync(join(this.dir, 'lock'), { force: true });
    this.held = false;
  }

  hasLock(): boolean {
    return this.held;
  }
}
