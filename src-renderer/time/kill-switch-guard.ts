/**
 * Typed time on a project whose kill switch has triggered: the timer refuses to run on it until
 * the switch is acknowledged (main keeps the halt), and a typed block is refused the same way, in
 * the switch's own words, so "mon 9-12" cannot quietly add the hours the switch was set to stop.
 * A triggered switch that was agreed not to stop the timer (`stopsTimer: false`) only warns.
 */
import type { KillSwitch } from '../domain/kill-switch.ts';

/** What typed entry should do about `projectId`'s kill switches. */
export type KillSwitchGuard = { kind: 'clear' } | { kind: 'refuse'; message: string } | { kind: 'warn'; message: string };

/** The guard for one project: refuse when a triggered, unacknowledged switch stops the timer. */
export function killSwitchGuard(projectId: string, projectName: string, switches: readonly KillSwitch[]): KillSwitchGuard {
  const tripped = switches.filter((k) => k.projectId === projectId && k.state === 'tripped');
  const triggered = (k: KillSwitch): string => `The kill switch on ${projectName} has triggered. Agreed: “${k.consequence.trim()}”`;
  const stopping = tripped.find((k) => k.stopsTimer);
  if (stopping !== undefined) {
    return { kind: 'refuse', message: `${triggered(stopping)} Acknowledge it in the kill switch banner before logging more time on ${projectName}.` };
  }
  const warning = tripped[0];
  return warning === undefined ? { kind: 'clear' } : { kind: 'warn', message: triggered(warning) };
}
