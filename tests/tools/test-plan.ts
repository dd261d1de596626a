/**
 * What `npm test` runs, in stages (see run-steps.ts). Sized for the 2-core CI machine:
 * - the checks and the build are single-threaded for most of their time, so they share the cores;
 * - vitest runs the unit and the slow project in one pool of two workers, the slow files beside
 *   the many short ones;
 * - Playwright runs alone with its two workers, on the renderer built in the first stage.
 */
export type Stage = readonly string[];

export const TEST_PLAN: readonly Stage[] = [['typecheck', 'lint', 'build'], ['test:vitest'], ['test:e2e:built']];
