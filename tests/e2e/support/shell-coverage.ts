/**
 * Which end-to-end specs run under which shell.
 *
 * The browser test host runs main's handler table behind the same contract, so a spec about a
 * screen (what the page draws, how it answers the keyboard, what it stores) says the same thing
 * under both shells. The Electron double exists to test what only it has: the built main entry,
 * the sandboxed preload bundle, the sender checks, the window and its security wiring, main's
 * dialogs, files and notifications. Running the screen specs a second time there doubled their
 * cost in CI (issue 23: CI ≤ 10 min) and added no coverage, so they run under the host only.
 * A spec that calls anything of main's own (a save dialog, a notification, a target, the timer)
 * stays in both; so do the journeys, which cross the whole app as a person would.
 */
export const SCREEN_ONLY_SPECS: readonly string[] = [
  'accessibility.spec.ts',
  'client-form.spec.ts',
  'dst.spec.ts',
  'history.spec.ts',
  'invoice-profile.spec.ts',
  'layouts.spec.ts',
  'ledger.spec.ts',
  'week.spec.ts',
];
