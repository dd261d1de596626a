/**
 * `app.requestSingleInstanceLock()` across real processes, synchronously as
 * Electron's is: a lock file holding the owner's pid in the user-data folder
 * (a dead owner's lock is taken over), and a second instance leaves its argv
 * as a request file that the first instance sees and turns into the
 * `second-instance` event.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, watch, writeFileSync, writeSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface SecondInstance {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
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
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(lockPath, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        this.watch(onSecond);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(readFileSync(lockPath, 'utf8'));
        if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
          const request: SecondInstance = { argv: process.argv, workingDirectory: process.cwd(), additionalData };
          writeFileSync(join(this.dir, 'requests', `${process.pid}-${Date.now()}.json`), JSON.stringify(request));
          return false;
        }
        rmSync(lockPath, { force: true });
      }
    }
    return false;
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
