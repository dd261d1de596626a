/**
 * The browser test host: serves the built renderer on 127.0.0.1 (a free
 * port) with the same CSP and headers as the app protocol, and runs main's
 * core (`createMainCore`, the same call src-main/index.ts makes) behind a
 * WebSocket. Only the adapters differ (recorders for dialogs, tray, printer,
 * notifications; a stub secret store); every service, file name, handler,
 * schema and policy is main's own code. What is left here is the transport
 * and the test controls: clock offset, network switch, lost acks, kill.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_IPC_MESSAGE_BYTES, type EventChannel, type EventChannels } from '../../src-preload/contract/channels.ts';
import { fail } from '../../src-preload/contract/errors.ts';
import type { PowerState } from '../../src-preload/contract/power.ts';
import { createMainCore } from '../../src-main/app/main-core.ts';
import { memoryLog } from '../../src-main/app/main-log.ts';
import { APP_RELATIVE } from '../../src-main/app/runtime-paths.ts';
import { dispatch } from '../../src-main/ipc/dispatch.ts';
import type { LocalityService } from '../../src-main/locality/locality-service.ts';
import { resolveAppFile } from '../../src-main/protocol/app-files.ts';
import { SECURITY_HEADERS } from '../../src-main/security/csp.ts';
import { isTrustedRendererUrl } from '../../src-main/security/trusted-url.ts';
import type { TimerController } from '../../src-main/timer/timer-controller.ts';
import type { TrayModel } from '../../src-main/timer/tray-presenter.ts';
import { buildShim } from './build-shim.ts';
import { createDialogStub, createSecretCipherStub, type DialogStub, type SecureStorageMode } from './stub-services.ts';
import { HOST_SHIM_PATH, HOST_SOCKET_PATH, readFrame, type EventMessage, type InvokeResponse } from './wire.ts';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface HostOptions {
  rendererDir?: string;
  /** The data folder main would use; a fresh temporary one by default. */
  dataDir?: string;
  /** Also receives each of main's log messages (they are always kept for `logLines`). */
  log?: (message: string, detail?: unknown) => void;
  /** The OS secret store: a working one, or Linux's insecure `basic_text` (the default on CI machines). */
  secureStorage?: SecureStorageMode;
  /** Listen on this port (a restarted host keeps its origin, and so the page's IndexedDB); a free one by default. */
  port?: number;
  /** Main's timer runs this far from the real clock (negative: in the past); `advance` moves it on. */
  clockOffsetMs?: number;
  /** Main ignores "block stored" acknowledgements, as if each one were lost on the way. */
  loseBlockAcks?: boolean;
  /** Seconds since the last input, as powerMonitor.getSystemIdleTime() would say. */
  idleSeconds?: () => number;
  /** The largest frame the socket takes (MAX_IPC_MESSAGE_BYTES); a test of the refusal sets a small one rather than send hundreds of MiB. */
  maxMessageBytes?: number;
}

export interface Host {
  /** Origin of the app, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** URL of the app document. */
  url: string;
  dataDir: string;
  /** Flips main's network probe, as if the machine went on- or offline. */
  setOnline(online: boolean): void;
  /** Sends a power event as main's powerMonitor would. */
  emitPower(kind: PowerState['kind']): void;
  /** The stubbed save dialog: choose cancel, see what was saved. */
  dialog: DialogStub;
  /** How many times the page asked to print. */
  printRequests: () => number;
  /** Every invoke main received, for assertions. */
  calls: { channel: string; ok: boolean }[];
  /** The tray as Electron would draw it, and a click on one of its items. */
  tray: { model(): TrayModel; click(id: string): Promise<void>; quitRequested(): boolean };
  /** Notifications main showed, oldest first. */
  notifications: { title: string; body: string }[];
  /** Main's timer, for stepping it in tests (a tick, idle detection). */
  timer: TimerController;
  /** Main's locality feature (targets, guard, audit log), as the handlers use it. */
  locality: LocalityService;
  /** Moves main's timer clock forward by `ms` and lets it see the new time. */
  advance(ms: number): Promise<void>;
  /** Stops serving and drops every connection at once, like a killed process: no final journal write. */
  kill(): Promise<void>;
  close(): Promise<void>;
  /** Main's log so far, one line per message, oldest first: attach it to a failing test. */
  logLines(): string[];
}

export async function startHost(options: HostOptions = {}): Promise<Host> {
  const rendererDir = options.rendererDir ?? join(REPO_ROOT, APP_RELATIVE.renderer);
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'caravan-host-')));
  const { log, lines: logLines } = memoryLog(options.log);
  const version = (JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const shim = await buildShim();
  const sockets = new Set<WebSocket>();
  const calls: Host['calls'] = [];

  const emit = <E extends EventChannel>(channel: E, payload: EventChannels[E]) => {
    const message: EventMessage<E> = { type: 'event', channel, payload };
    for (const socket of sockets) socket.send(JSON.stringify(message));
  };
  // Test controls: the network's state, the clock's offset, what the tray and printer were asked.
  let online = true;
  let clockOffset = options.clockOffsetMs ?? 0;
  const dialog = createDialogStub(join(dataDir, 'saved'));
  let prints = 0;
  const notifications: Host['notifications'] = [];
  let trayModel: TrayModel | undefined;
  let quitRequested = false;
  const core = await createMainCore({
    dataDir,
    now: () => Date.now() + clockOffset,
    newId: randomUUID,
    log,
    polling: { idleMs: 1_000, netMs: 200 },
    adapters: {
      saveDialog: dialog,
      openDialog: dialog,
      confirmDialog: dialog,
      secretCipher: createSecretCipherStub(options.secureStorage ?? 'basic_text'),
      ...(options.idleSeconds ? { idleSeconds: options.idleSeconds } : {}),
      registerShortcut: () => true,
      notify: (title, body) => void notifications.push({ title, body }),
      drawTray: (model) => {
        trayModel = model;
      },
      openWindow: () => {},
      quit: () => {
        quitRequested = true;
      },
      print: async () => {
        prints++;
        return true;
      },
      broadcast: emit,
      isOnline: () => online,
      platform: process.platform,
      app: { version, hosted: true },
    },
  });
  const { handlers, timer, net } = core;
  if (options.loseBlockAcks) handlers['timer:blockStored'] = { ...handlers['timer:blockStored'], handle: () => timer.view() };

  const server = createServer((request, response) => void serve(request, response));
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('host did not bind');
  const origin = `http://127.0.0.1:${address.port}`;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (request.method !== 'GET') return void response.writeHead(405, SECURITY_HEADERS).end();
    if (url.pathname === HOST_SHIM_PATH) {
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/javascript; charset=utf-8' });
      return void response.end(shim);
    }
    const file = resolveAppFile(rendererDir, url.href, 'http', url.host);
    if ('error' in file) return void response.writeHead(file.error === 'forbidden' ? 403 : 404, SECURITY_HEADERS).end();
    try {
      let body: Buffer | string = await readFile(file.path);
      if (file.path.endsWith('index.html')) {
        // The shim plays the preload: it must define window.caravan before the app runs.
        body = body.toString('utf8').replace('<head>', `<head><script src="${HOST_SHIM_PATH}"></script>`);
      }
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.mime, 'Cache-Control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, SECURITY_HEADERS).end();
    }
  }

  // A frame larger than any channel accepts is refused unread: ws closes that socket with 1009
  // (message too big) and reports an error on it, which must be handled or Node would crash.
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? MAX_IPC_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    // The host's sender check: only pages served by this host may call main.
    if (url.pathname !== HOST_SOCKET_PATH || !isTrustedRendererUrl(request.headers.origin ?? '', origin)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', (error) => log(`host socket: ${error.message}; the page's connection is closed`));
      ws.on('message', (data) => void onMessage(ws, String(data)).catch((error: unknown) => log('host socket: a message failed', error)));
    });
  });

  /** Every frame gets an answer: a result, or an error saying what was wrong with the frame. */
  async function onMessage(ws: WebSocket, raw: string): Promise<void> {
    const frame = readFrame(raw);
    if (!frame.ok) {
      log(`host socket: refused a frame: ${frame.message}`);
      const response: InvokeResponse = { type: 'result', id: frame.id, result: fail('invalid-argument', frame.message) };
      return ws.send(JSON.stringify(response));
    }
    const { request } = frame;
    const result = await dispatch(handlers, request.channel, request.args, { senderUrl: origin }, log);
    calls.push({ channel: String(request.channel), ok: result.ok });
    const response: InvokeResponse = { type: 'result', id: request.id, result };
    ws.send(JSON.stringify(response));
  }

  return {
    origin,
    url: `${origin}/index.html`,
    dataDir,
    calls,
    dialog,
    printRequests: () => prints,
    emitPower: (kind: PowerState['kind']) => core.power(kind),
    notifications,
    timer,
    locality: core.locality,
    logLines,
    async advance(ms) {
      clockOffset += ms;
      await timer.service.dispatch({ type: 'tick' });
    },
    tray: {
      model: () => trayModel ?? timer.trayModel(),
      click: (id) => timer.trayClick(id),
      quitRequested: () => quitRequested,
    },
    async kill() {
      core.kill();
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
    setOnline(value) {
      online = value;
      net.check();
    },
    async close() {
      await core.stop();
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
