/**
 * The hostile-renderer suite's shared tools. A compromised renderer (a crafted note, a bad
 * dependency) can call anything on `window.caravan` with any arguments; these helpers do that from
 * the page, plant secrets on disk where an attack would look for them, and listen on loopback for
 * requests that must never arrive. Attacks are judged by their effects: what came back, what
 * arrived, what was written.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { AppShell } from '../support/app-shell.ts';
import type { AppUnderTest } from '../support/fixtures.ts';

/** What a `window.caravan` call answered, or `absent` when the page has no such function. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } } | { absent: true };

/**
 * Calls `window.caravan.<domain>.<name>(...args)` from the page, as any script in it could. The
 * arguments cross as JSON, so they are exactly what a page could build.
 */
export async function call(page: Page, member: string, ...args: unknown[]): Promise<CallResult> {
  return page.evaluate(
    async ({ member, args }) => {
      const [domain = '', name = ''] = member.split('.');
      const api = window.caravan as unknown as Record<string, Record<string, unknown> | undefined>;
      const fn = api[domain]?.[name];
      if (typeof fn !== 'function') return { absent: true as const };
      return (await (fn as (...a: unknown[]) => Promise<unknown>)(...args)) as CallResult;
    },
    { member, args },
  );
}

/**
 * A vault created and unlocked, and main's locality guard open for it (the renderer opens it just
 * after the unlock): the state in which a person's targets work, and attacks must still fail.
 */
export async function unlockedVault(page: Page): Promise<void> {
  await new AppShell(page).ready();
  await expect
    .poll(async () => {
      const audit = await call(page, 'locality.audit');
      return 'ok' in audit && audit.ok;
    })
    .toBe(true);
}

/** The value of a call that must succeed (a positive control); throws with main's message otherwise. */
export async function value<T = unknown>(page: Page, member: string, ...args: unknown[]): Promise<T> {
  const result = await call(page, member, ...args);
  if ('absent' in result) throw new Error(`window.caravan.${member} does not exist`);
  if (!result.ok) throw new Error(`${member} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Whether `secret` appears anywhere in what the page got back: in any string, and in any string
 * that is base64 (sync:get answers bytes as base64), decoded.
 */
export function leaks(answer: unknown, secret: string): boolean {
  const needle = Buffer.from(secret, 'utf8');
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') return v.includes(secret) || (v.length >= 4 && BASE64.test(v) && Buffer.from(v, 'base64').includes(needle));
    if (Array.isArray(v)) return v.some(visit);
    if (v && typeof v === 'object') return Object.values(v).some(visit);
    return false;
  };
  return visit(answer);
}

/** A planted home folder: an SSH key and an autostart folder, each holding or awaiting a canary. */
export interface PlantedHome {
  root: string;
  /** `<root>/home`, as a person's home folder. */
  home: string;
  /** `<home>/.ssh/id_ed25519`, whose text contains `secret`. */
  sshKey: string;
  /** `<home>/.config/autostart`, empty: a `.desktop` file here runs at the next login. */
  autostart: string;
  /** A folder the person chose as a sync target, beside the home folder. */
  syncFolder: string;
  secret: string;
  close(): Promise<void>;
}

export async function plantHome(): Promise<PlantedHome> {
  const root = await mkdtemp(join(tmpdir(), 'caravan-hostile-'));
  const home = join(root, 'home');
  const secret = `PLANTED-SECRET-${Math.random().toString(36).slice(2, 10)}`;
  const sshKey = join(home, '.ssh', 'id_ed25519');
  const autostart = join(home, '.config', 'autostart');
  const syncFolder = join(root, 'sync');
  await mkdir(join(home, '.ssh'), { recursive: true });
  await mkdir(autostart, { recursive: true });
  await mkdir(syncFolder, { recursive: true });
  await writeFile(sshKey, `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret}\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 });
  return { root, home, sshKey, autostart, syncFolder, secret, close: () => rm(root, { recursive: true, force: true }) };
}

/** Every file under `dir` (relative paths), symlinks not followed. */
export async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/** One request that reached a listener. */
export interface Hit {
  method: string;
  url: string;
  authorization?: string;
}

/** A real server on 127.0.0.1 that records every request; it answers as `respond` says (200 with a canary body by default). */
export interface Listener {
  origin: string;
  host: string;
  hits: Hit[];
  /** Text in every default answer's body, so a test can tell whether a body reached the page. */
  bodyCanary: string;
  close(): Promise<void>;
}

export async function listen(respond?: (request: IncomingMessage, response: ServerResponse) => void): Promise<Listener> {
  const hits: Hit[] = [];
  const bodyCanary = `LISTENER-BODY-${Math.random().toString(36).slice(2, 10)}`;
  const server = createServer((request, response) => {
    hits.push({
      method: request.method ?? '',
      url: request.url ?? '',
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    });
    request.resume();
    if (respond) return respond(request, response);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ format: 'caravan-vault', note: bodyCanary }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('listener did not bind');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    host: `127.0.0.1:${address.port}`,
    hits,
    bodyCanary,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A server that answers every request with 307 to the same path on `to`: a target that redirects elsewhere. */
export function redirectTo(to: string): Promise<Listener> {
  return listen((request, response) => {
    response.writeHead(307, { Location: `${to}${request.url ?? '/'}` });
    response.end();
  });
}

/**
 * Adds a folder target the way a person does: main's own folder picker answers with `folder`,
 * main's own dialog confirms (unless told otherwise), and the page passes on what the picker gave.
 * Returns the target's id.
 */
export async function addPickedFolder(
  app: AppUnderTest & Required<Pick<AppUnderTest, 'main'>>,
  folder: string,
  label: string,
  declaredCountry = 'DE',
): Promise<string> {
  await app.main.answerFolder(folder);
  const picked = await value<{ handle: string }>(app.page, 'files.chooseFolder');
  const target = await value<{ id: string }>(app.page, 'locality.addTarget', {
    label,
    kind: 'folder',
    location: { provider: 'folder', declaredCountry },
    folder: picked.handle,
  });
  return target.id;
}

/** Bytes as the page sends them (base64). */
export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** A syntactically valid device id and client id. */
export const DEVICE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const CLIENT = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
