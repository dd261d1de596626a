/**
 * Main's log: one line per message, with the detail flattened (an Error by its
 * message and stack). The app writes it to stderr; the test host and the
 * Electron double keep it in memory so a failing test can attach it.
 */
import { inspect } from 'node:util';

export type MainLog = (message: string, detail?: unknown) => void;

export function formatLogLine(message: string, detail: unknown, at: Date = new Date()): string {
  const suffix =
    detail === undefined
      ? ''
      : ` ${detail instanceof Error ? (detail.stack ?? detail.message) : typeof detail === 'string' ? detail : inspect(detail, { depth: 4, breakLength: Infinity })}`;
  return `${at.toISOString()} [caravan] ${message}${suffix}`;
}

/** A log that keeps its lines (oldest first) and, optionally, passes each message on. */
export function memoryLog(forward?: MainLog): { log: MainLog; lines(): string[] } {
  const kept: string[] = [];
  return {
    log: (message, detail) => {
      kept.push(formatLogLine(message, detail));
      forward?.(message, detail);
    },
    lines: () => [...kept],
  };
}
