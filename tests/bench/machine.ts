/** Describes the machine a benchmark ran on, so figures are never quoted without it. */
import { execFileSync } from 'node:child_process';
import { cpus, freemem, totalmem, platform, release } from 'node:os';
import { chromiumPath } from '../e2e/support/chromium.ts';

export function describeMachine() {
  let chromium = 'unknown';
  try {
    chromium = execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Reported as unknown; the suites that need it fail with their own message.
  }
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium,
  };
}
