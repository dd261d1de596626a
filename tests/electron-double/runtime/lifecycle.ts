/**
 * The app's phase inside the double, and the one check every member with a
 * lifecycle rule calls first. A broken rule throws, as Electron does, so the
 * real main's start-up order is tested by running it.
 */
import { LIFECYCLE_RULES, LifecycleError } from '../rules.ts';
import { report } from './control.ts';

export type Phase = 'starting' | 'ready' | 'quitting' | 'exited';

let phase: Phase = 'starting';
let markReady: () => void = () => {};
let readyPromise = new Promise<void>((resolve) => (markReady = resolve));
const calledOnce = new Set<string>();
const violations: string[] = [];

export function currentPhase(): Phase {
  return phase;
}

export function setPhase(next: Phase): void {
  phase = next;
  if (next === 'ready') markReady();
}

/** Resolves once the app is ready (for members that wait for it rather than refuse). */
export function untilReady(): Promise<void> {
  return readyPromise;
}

export function isReady(): boolean {
  return phase !== 'starting';
}

/** Every violation so far, also when main caught the error: the launcher reports them. */
export function lifecycleViolations(): readonly string[] {
  return violations;
}

function violate(member: string, message: string): never {
  const text = `${member}: ${message}`;
  violations.push(text);
  // Reported at once: main may catch the error (a tray it cannot build), and the test must still fail.
  report('lifecycle-violation', text);
  throw new LifecycleError(text);
}

/** Throws when `member` is used against its rule in the current phase. */
export function enforce(member: string): void {
  const row = LIFECYCLE_RULES[member];
  if (!row) return;
  const ready = isReady();
  switch (row.rule) {
    case 'before-ready':
      if (ready) violate(member, row.says);
      return;
    case 'before-ready-once':
      if (ready) violate(member, row.says);
      if (calledOnce.has(member)) violate(member, `${row.says} (called a second time)`);
      calledOnce.add(member);
      return;
    case 'after-ready':
      if (!ready) violate(member, row.says);
      return;
    case 'answers-differently-before-ready':
      return;
  }
}

/** For the rules test: a fresh phase and no record of one-time calls. */
export function resetLifecycleForTests(): void {
  phase = 'starting';
  readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  calledOnce.clear();
  violations.length = 0;
}
