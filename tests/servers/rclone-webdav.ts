/**
 * A real WebDAV server for tests: Debian's `rclone serve webdav` over a
 * temporary folder, on 127.0.0.1 and a port the OS picks (rclone prints the
 * URL it bound), with a user and password. Stopped with the test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WebDavServer {
  url: string;
  username: string;
  password: string;
  /** The folder rclone serves: what a test may inspect or damage on disk. */
  root: string;
  /** Kills rclone at once, as a crash would (for outage tests); `close` still cleans up. */
  kill(): void;
  close(): Promise<void>;
}

export const RCLONE = process.env['RCLONE_PATH'] ?? '/usr/bin/rclone';

export function rcloneMissing(): string | null {
  return existsSync(RCLONE) ? null : `rclone is not installed at ${RCLONE} (apt-get install rclone, or set RCLONE_PATH)`;
}

export async function startWebDav(): Promise<WebDavServer> {
  const root = await mkdtemp(join(tmpdir(), 'caravan-webdav-'));
  const username = 'caravan';
  const password = `pw-${Math.random().toString(36).slice(2)}`;
  const child: ChildProcess = spawn(
    RCLONE,
    ['serve', 'webdav', root, '--addr', '127.0.0.1:0', '--user', username, '--pass', password, '--config', '/dev/null'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`rclone did not start within 15 s:\n${log}`)), 15_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /started on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rclone exited with ${String(code)}:\n${log}`));
    });
  });
  const stopped = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url,
    username,
    password,
    root,
    kill: () => child.kill('SIGKILL'),
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await stopped;
      }
      await rm(root, { recursive: true, force: true });
    },
  };
}
