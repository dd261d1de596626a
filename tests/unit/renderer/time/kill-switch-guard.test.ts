import { describe, expect, it } from 'vitest';
import type { KillSwitch } from '../../../../src-renderer/domain/kill-switch.ts';
import { killSwitchGuard } from '../../../../src-renderer/time/kill-switch-guard.ts';

const sw = (extra: Partial<KillSwitch>): KillSwitch =>
  ({
    id: 'k1',
    projectId: 'p1',
    clientId: 'c1',
    trigger: { kind: 'hours', hours: 10 },
    consequence: 'Stop and call the client.',
    stopsTimer: true,
    state: 'armed',
    notes: '',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  }) as KillSwitch;

describe('typed time and kill switches (issue 19, finding 10)', () => {
  it('refuses a project whose triggered switch stops the timer, in the switch’s words', () => {
    const guard = killSwitchGuard('p1', 'Assay model', [sw({ state: 'tripped', trippedAt: 1 })]);
    expect(guard).toEqual({
      kind: 'refuse',
      message:
        'The kill switch on Assay model has triggered. Agreed: “Stop and call the client.” Acknowledge it in the kill switch banner before logging more time on Assay model.',
    });
  });

  it('lets time through once acknowledged, on other projects, and before it triggers', () => {
    expect(killSwitchGuard('p1', 'A', [sw({ state: 'disarmed' })]).kind).toBe('clear');
    expect(killSwitchGuard('p2', 'B', [sw({ state: 'tripped', trippedAt: 1 })]).kind).toBe('clear');
    expect(killSwitchGuard('p1', 'A', [sw({ state: 'warned' })]).kind).toBe('clear');
  });

  it('only warns for a triggered switch agreed not to stop the timer', () => {
    expect(killSwitchGuard('p1', 'A', [sw({ state: 'tripped', trippedAt: 1, stopsTimer: false })]).kind).toBe('warn');
  });
});
