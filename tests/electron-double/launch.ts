/**
 * Starts the built `out/main/index.js` in its own Node process under the
 * Electron double (as Playwright's `_electron.launch` starts the real app),
 * and gives the test what it needs: the windows as Playwright pages (over
 * CDP, to the Chromium the double runs), the controls (tray, dialogs, power,
 * clock...), main's log, and the process itself to quit or kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { ControlReply, ControlRequest, DoubleEvent } from './runtime/control.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const REGISTER = resolve(import.meta.dirname, 'register.ts');

export interface DoubleLaunchOptions {
  /** The app's user-data folder, passed as CARAVAN_USER_DATA_DIR (ignored by a packaged app). */
  userDataDir?: string;
  /** Where the save dialog puts files when the test lets it save. */
  saveDir?: string;
  /** Runs as a packaged app would (`app.isPackaged`). */
  packaged?: boolean;
  /** The Linux secret store safeStorage reports. */
  keyring?: 'gnome_libsecret' | 'basic_text';
  /** Main's clock runs this far from the real one. */
  clockOffsetMs?: number;
  /** Extra environment (HOME for a packaged app's default profile, for instance). */
  env?: Record<string, string>;
  /** The entry to run; the built main by default. */
  main?: string;
}

export interface WindowState {
  id: number;
  targetId: string | null;
  url: string;
  visible: boolean;
  focused: boolean;
  minimized: boolean;
  devTools: boolean;
  devToolsOpenRequests: number;
  navigations: { url: string; kind: string; allowed: boolean }[];
  windowOpens: { url: string; action: string }[];
  prints: number;
}

export interface DoubleApp {
  readonly process: ChildProcess;
  /** Resolves when the app emitted `ready`; rejects if it exited first. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
  /** Everything main and the double printed, line by line. */
  logs(): string[];
  /** Every lifecycle rule main broke, also those whose error main caught. */
  violations(): string[];
  control<T = unknown>(method: string, params?: unknown): Promise<T>;
  windows(): Promise<WindowState[]>;
  /** The first window's page, once main has created and loaded it. */
  firstWindow(timeoutMs?: number): Promise<Page>;
  /** The page of a given window. */
  pageOf(window: WindowState): Promise<Page>;
  /** Quits as the tray's Quit would (app.quit) and waits for the process to end. */
  close(): Promise<void>;
  /** Ends the process at once, as a crash or a kill -9. */
  kill(): Promise<void>;
}

export async function launchDouble(options: DoubleLaunchOptions = {}): Promise<DoubleApp> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TZ: process.env['TZ'] ?? 'Europe/Berlin',
    ELECTRON_DOUBLE_APP_PATH: REPO_ROOT,
    ...(options.userDataDir ? { CARAVAN_USER_DATA_DIR: options.userDataDir } : {}),
    ...(options.saveDir ? { ELECTRON_DOUBLE_SAVE_DIR: options.saveDir } : {}),
    ...(options.packaged ? { ELECTRON_DOUBLE_PACKAGED: '1' } : {}),
    ...(options.keyring ? { ELECTRON_DOUBLE_KEYRING: options.keyring } : {}),
    ...(options.clockOffsetMs ? { ELECTRON_DOUBLE_CLOCK_OFFSET_MS: String(options.clockOffsetMs) } : {}),
    ...options.env,
  };
  delete env['ELECTRON_RENDERER_URL'];
  const child = spawn(process.execPath, ['--import', REGISTER, options.main ?? resolve(REPO_ROOT, 'out/main/index.js')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const lines: string[] = [];
  const violations: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) =>
    stream?.on('data', (chunk: Buffer) =>
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      ),
    );
  collect(child.stdout);
  collect(child.stderr);

  const pending = new Map<number, (reply: ControlReply) => void>();
  let nextId = 1;
  let cdpPort = 0;
  let markReady: () => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolveReady, rejectReady) => {
    markReady = resolveReady;
    failReady = rejectReady;
  });
  ready.catch(() => undefined);
  child.on('message', (raw) => {
    const message = raw as ControlReply | DoubleEvent;
    if (message.type === 'control-result') {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    } else if (message.type === 'event' && message.name === 'ready') {
      cdpPort = (message.data as { cdpPort: number }).cdpPort;
      markReady();
    } else if (message.type === 'event' && message.name === 'lifecycle-violation') {
      violations.push(String(message.data));
      lines.push(`[electron-double] lifecycle rule broken: ${String(message.data)}`);
    } else if (message.type === 'event') {
      lines.push(`[electron-double] event ${message.name} ${JSON.stringify(message.data ?? '')}`);
    }
  });
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      failReady(new Error(`the app exited (code ${code}) before it was ready:\n${lines.slice(-30).join('\n')}`));
      for (const resolveReply of pending.values()) resolveReply({ type: 'control-result', id: 0, ok: false, error: 'the app exited' });
      pending.clear();
      done(code);
    }),
  );

  let browser: Browser | null = null;
  const connect = async (): Promise<Browser> => {
    await ready;
    browser ??= await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
    return browser;
  };

  const control = <T>(method: string, params?: unknown): Promise<T> =>
    new Promise((resolveControl, rejectControl) => {
      if (child.exitCode !== null || !child.connected) return rejectControl(new Error(`the app is not running (control ${method})`));
      const id = nextId++;
      pending.set(id, (reply) => (reply.ok ? resolveControl(reply.value as T) : rejectControl(new Error(`${method}: ${reply.error}`))));
      const request: ControlRequest = { type: 'control', id, method, params };
      child.send(request);
    });

  const pageOf = async (window: WindowState): Promise<Page> => {
    const connected = await connect();
    for (const context of connected.contexts()) {
      for (const page of context.pages()) {
        const session = await context.newCDPSession(page);
        const { targetInfo } = (await session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
        await session.detach().catch(() => undefined);
        if (targetInfo.targetId === window.targetId) return page;
      }
    }
    throw new Error(`no page for window ${window.id}`);
  };

  const app: DoubleApp = {
    process: child,
    ready,
    exited,
    logs: () => [...lines],
    violations: () => [...violations],
    control,
    windows: () => control<WindowState[]>('windows'),
    pageOf,
    async firstWindow(timeoutMs = 30_000) {
      await ready;
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const [first] = await app.windows();
        if (first?.targetId && first.url.startsWith('app://')) {
          const page = await pageOf(first);
          await page.waitForLoadState('domcontentloaded');
          return page;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no window within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`);
    },
    async close() {
      if (child.exitCode === null) {
        await control('app.quit').catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await browser?.close().catch(() => undefined);
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      await browser?.close().catch(() => undefined);
    },
  };
  return app;
}
