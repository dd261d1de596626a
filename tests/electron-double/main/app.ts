/**
 * `app`: the lifecycle (ready after the main script's first tick, once
 * Chromium runs; quit with its cancellable events), paths, the single-instance
 * lock, and the members with documented rules, which throw when broken.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { cdpPort, closeChromium, launchChromium } from '../chromium/browser.ts';
import { onControl, report } from '../runtime/control.ts';
import { currentPhase, enforce, isReady, setPhase } from '../runtime/lifecycle.ts';
import { emitCancellable, newEvent, strictModule } from './emitter.ts';
import { SingleInstanceLock } from './single-instance.ts';
import { allWindows } from './window-registry.ts';

const appPath = process.env['ELECTRON_DOUBLE_APP_PATH'] ?? process.cwd();
const pkg = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string };
const appName = pkg.productName ?? pkg.name;

const paths = new Map<string, string>();
const appData = process.env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
paths.set('home', homedir());
paths.set('appData', appData);
paths.set('userData', join(appData, appName));
paths.set('temp', tmpdir());
paths.set('exe', process.execPath);
paths.set('module', process.execPath);

let lock: SingleInstanceLock | null = null;
let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (resolveReady = resolve));
let quitRequested = false;
let exiting = false;
let sandboxEnabled = false;
const readyHooks: (() => void | Promise<void>)[] = [];

/** Work the double does between Chromium starting and `ready` (routing, the default session). */
export function beforeReady(hook: () => void | Promise<void>): void {
  readyHooks.push(hook);
}

class App extends EventEmitter {
  get isPackaged(): boolean {
    return process.env['ELECTRON_DOUBLE_PACKAGED'] === '1';
  }

  get name(): string {
    return appName;
  }

  getName(): string {
    return appName;
  }

  getVersion(): string {
    return pkg.version;
  }

  getAppPath(): string {
    return appPath;
  }

  getPath(name: string): string {
    if (name === 'sessionData') return paths.get('sessionData') ?? this.getPath('userData');
    if (name === 'logs') return paths.get('logs') ?? join(this.getPath('userData'), 'logs');
    const path = paths.get(name);
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }

  /** The typings: a folder that does not exist throws; Electron also refuses a relative path. */
  setPath(name: string, path: string): void {
    if (!isAbsolute(path)) throw new Error('Path must be absolute');
    if (!existsSync(path)) throw new Error(`Failed to set path: ${path} does not exist`);
    // sessionData (and so the profile) must be set before ready; the double applies it to userData too.
    if ((name === 'sessionData' || name === 'userData') && isReady()) {
      throw new Error(`electron double: app.setPath('${name}') after ready cannot move the profile Chromium already opened`);
    }
    paths.set(name, path);
  }

  enableSandbox(): void {
    enforce('app.enableSandbox');
    sandboxEnabled = true;
  }

  isReady(): boolean {
    return isReady();
  }

  whenReady(): Promise<void> {
    return ready;
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    lock ??= new SingleInstanceLock(this.getPath('userData'));
    if (lock.hasLock()) return true;
    return lock.request(additionalData ?? null, (request) => {
      this.emit('second-instance', newEvent(), request.argv, request.workingDirectory, request.additionalData);
    });
  }

  hasSingleInstanceLock(): boolean {
    return lock?.hasLock() ?? false;
  }

  releaseSingleInstanceLock(): void {
    lock?.release();
  }

  focus(): void {}

  setAppUserModelId(_id: string): void {}

  /** Electron's order: before-quit, each window's close, will-quit, quit; any cancellable step stops it. */
  quit(): void {
    quitRequested = true;
    if (!isReady()) {
      // Quitting before ready (a second instance) ends the process once the main script has run.
      setImmediate(() => void exitNow(0));
      return;
    }
    void quitInOrder(this);
  }

  exit(code = 0): void {
    void exitNow(code);
  }

  /** Called by the window registry: the last window closed. */
  lastWindowClosed(): void {
    // Quitting closes every window without window-all-closed, as Electron documents.
    if (currentPhase() !== 'ready' || exiting) return;
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }
}

async function quitInOrder(self: App): Promise<void> {
  if (currentPhase() === 'quitting' || exiting) return;
  if (emitCancellable(self, 'before-quit')) return;
  setPhase('quitting');
  for (const window of allWindows()) {
    window.close();
    if (!window.isDestroyed()) {
      // A window refused to close (its close handler prevented it): Electron cancels the quit.
      setPhase('ready');
      return;
    }
  }
  if (emitCancellable(self, 'will-quit')) {
    setPhase('ready');
    return;
  }
  self.emit('quit', newEvent(), 0);
  await exitNow(0);
}

async function exitNow(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  for (const window of allWindows()) window.destroy();
  lock?.release();
  await closeChromium();
  setPhase('exited');
  report('exit', { code });
  // Let the report leave before the process goes.
  setTimeout(() => process.exit(code), 50);
}

export const app = strictModule('app', new App());

/**
 * Starts the app's life: ready after the main script's first tick (so its synchronous top level runs
 * before), once Chromium is up. Called by electron.ts, so importing a member's module alone (the
 * rules test) starts nothing.
 */
export function startLifecycle(): void {
  setImmediate(() => {
    void (async () => {
      if (quitRequested) return;
      try {
        await launchChromium(app.getPath('userData'));
      } catch (error) {
        report('fatal', { message: `Chromium did not start: ${error instanceof Error ? error.message : String(error)}` });
        process.exit(70);
      }
      app.emit('will-finish-launching');
      for (const hook of readyHooks) await hook();
      setPhase('ready');
      app.emit('ready', newEvent(), {});
      resolveReady();
      report('ready', { cdpPort: cdpPort() });
    })();
  });
  // A parent that goes away (the test runner died) ends the app, as closing Electron's last window would.
  process.on('disconnect', () => void app.exit(0));
}

onControl('app.state', () => ({
  phase: currentPhase(),
  sandboxEnabled,
  isPackaged: app.isPackaged,
  userData: app.getPath('userData'),
  quitRequested,
  singleInstanceLock: app.hasSingleInstanceLock(),
}));
onControl('app.quit', () => app.quit());
