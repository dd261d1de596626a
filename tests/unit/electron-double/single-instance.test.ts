/** The double's single-instance lock, across real processes: exactly one owner, also when taking over a dead owner's lock. */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CHILD = join(import.meta.dirname, 'fixtures/lock-child.ts');

/** Two processes, loaded first, then told to ask at the same moment; each holds what it got until both have answered. */
async function askAtOnce(dir: string): Promise<string[]> {
  const children = [0, 1].map(() => spawn(process.execPath, [CHILD, dir], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = children.map((child) => {
    const queue: string[] = [];
    const waiters: ((line: string) => void)[] = [];
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 1);
        const waiter = waiters.shift();
        if (waiter) waiter(line);
        else queue.push(line);
      }
    });
    return () => new Promise<string>((resolve) => (queue.length ? resolve(queue.shift()!) : waiters.push(resolve)));
  });
  await Promise.all(lines.map((next) => next()));
  for (const child of children) child.stdin!.write('go\n');
  const answers = await Promise.all(lines.map((next) => next()));
  await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve) && child.stdin!.end())));
  return answers;
}

describe('single-instance lock', () => {
  it.each(['none', 'stale'])('two processes asking at once (%s lock before): exactly one gets it', async (before) => {
    for (let round = 0; round < 3; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'double-lock-'));
      try {
        if (before === 'stale') {
          mkdirSync(join(dir, '.electron-double-instance'), { recursive: true });
          // A pid no process has: the owner crashed.
          writeFileSync(join(dir, '.electron-double-instance', 'lock'), '999999');
        }
        const answers = await askAtOnce(dir);
        expect(answers.sort()).toEqual(['GOT', 'no']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
