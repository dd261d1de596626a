import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src-main/timer/presets.ts';
import { parseTrayAction } from '../../../../src-main/timer/tray-actions.ts';
import { formatClock, presentTray, type MenuItemModel, type TrayContext } from '../../../../src-main/timer/tray-presenter.ts';
import type { TimerState } from '../../../../src-main/timer/timer-types.ts';
import { Driver, MIN, T0 } from './harness.ts';

const recent = [
  { id: 'p1', name: 'Atlas Rebrand' },
  { id: 'p2', name: 'Bolt & Nut Shop' },
  { id: 'p3', name: 'Cedar Analytics' },
];
const names = recent.map((p) => p.name);

const ctx = (d: Driver, over: Partial<TrayContext> = {}): TrayContext => ({
  locked: false,
  recentProjects: recent,
  now: d.now,
  platform: 'linux',
  ...over,
});

/** The menu as "id label" lines, submenus indented, disabled items marked. */
function outline(menu: readonly MenuItemModel[], indent = ''): string[] {
  return menu.flatMap((m) => {
    if (m.type === 'separator') return [`${indent}---`];
    const line = `${indent}${m.id} | ${m.label}${m.enabled ? '' : ' (disabled)'}`;
    return m.submenu ? [line, ...outline(m.submenu, `${indent}  `)] : [line];
  });
}

const TAIL = ['---', 'open | Open Caravan', 'quit | Quit Caravan'];

/** Drivers for each state, with the clock where the tray is drawn. */
const states: Record<string, () => Driver> = {
  idle: () => new Driver(),
  running: () => {
    const d = new Driver();
    d.at(0, { type: 'start', sessionId: 's1', projectId: 'p1', preset: PRESETS.pomodoro });
    d.at(0.7875); // 47.25 s in: 24:12.75 left, shown as 24:13
    return d;
  },
  overrun: () => {
    const d = states.running!();
    d.at(28 + 20 / 60);
    return d;
  },
  paused: () => {
    const d = states.running!();
    d.at(10, { type: 'pause' });
    return d;
  },
  break: () => {
    const d = states.running!();
    d.at(25, { type: 'startBreak' });
    d.at(26);
    return d;
  },
  nextBlock: () => {
    const d = states.break!();
    d.at(30);
    return d;
  },
  away: () => {
    const d = states.running!();
    d.at(20, { type: 'idleDetected', idleSince: T0 + 8 * MIN });
    return d;
  },
  killSwitch: () => {
    const d = states.running!();
    d.at(10, { type: 'killSwitchTriggered', projectId: 'p1', switchId: 'ks1' });
    return d;
  },
};

const present = (name: string, over: Partial<TrayContext> = {}) => {
  const d = states[name]!();
  return presentTray(d.state, ctx(d, over));
};

describe('tray presenter, unlocked', () => {
  it('idle: start on a recent project', () => {
    const tray = present('idle');
    expect(tray.icon).toBe('idle');
    expect(tray.tooltip).toBe('Caravan - Timer stopped');
    expect(outline(tray.menu)).toEqual([
      'status | Timer stopped (disabled)',
      '---',
      'start | Start deep work on',
      '  start:p1 | Atlas Rebrand',
      '  start:p2 | Bolt && Nut Shop',
      '  start:p3 | Cedar Analytics',
      ...TAIL,
    ]);
  });

  it('idle with no recent projects', () => {
    const tray = present('idle', { recentProjects: [] });
    expect(outline(tray.menu).slice(2, 4)).toEqual(['start | Start deep work on', '  start-none | No recent projects (disabled)']);
  });

  it('running: pause, break, stop, switch to another project', () => {
    const tray = present('running');
    expect(tray.icon).toBe('running');
    expect(tray.tooltip).toBe('Caravan - Deep work on Atlas Rebrand, 24:13 left');
    expect(outline(tray.menu)).toEqual([
      'status | Deep work on Atlas Rebrand, 24:13 left (disabled)',
      '---',
      'pause | Pause',
      'start-break | Start break',
      'stop | Stop',
      'switch | Switch project',
      '  switch:p2 | Bolt && Nut Shop',
      '  switch:p3 | Cedar Analytics',
      ...TAIL,
    ]);
  });

  it('overrun: time over the plan, break first', () => {
    const tray = present('overrun');
    expect(tray.icon).toBe('overrun');
    expect(tray.tooltip).toBe('Caravan - Deep work on Atlas Rebrand, 3:20 over');
    expect(outline(tray.menu).slice(0, 8)).toEqual([
      'status | Deep work on Atlas Rebrand, 3:20 over (disabled)',
      '---',
      'start-break | Start break',
      'skip-break | Skip the break',
      'pause | Pause',
      'stop | Stop',
      'switch | Switch project',
      '  switch:p2 | Bolt && Nut Shop',
    ]);
  });

  it('paused: resume', () => {
    const tray = present('paused');
    expect(tray.icon).toBe('paused');
    expect(outline(tray.menu).slice(0, 5)).toEqual([
      'status | Paused on Atlas Rebrand, 15:00 left (disabled)',
      '---',
      'resume | Resume',
      'stop | Stop',
      'switch | Switch project',
    ]);
  });

  it('break: skip or stop', () => {
    const tray = present('break');
    expect(tray.icon).toBe('break');
    expect(outline(tray.menu)).toEqual(['status | Break, 4:00 left (disabled)', '---', 'skip-break | Skip the break', 'stop | Stop', ...TAIL]);
  });

  it('after a break: start the next block', () => {
    const tray = present('nextBlock');
    expect(tray.icon).toBe('paused');
    expect(outline(tray.menu).slice(0, 3)).toEqual(['status | Next block ready on Atlas Rebrand, 25:00 left (disabled)', '---', 'resume | Start next block']);
  });

  it('away: the three choices and nothing that would decide for the person', () => {
    const tray = present('away');
    expect(tray.icon).toBe('paused');
    expect(outline(tray.menu)).toEqual([
      'status | Away for 12 min (disabled)',
      '---',
      'away:keep | Keep the time',
      'away:discard | Discard the time',
      'away:break | Count it as a break',
      ...TAIL,
    ]);
  });

  it('kill switch: resume is disabled until acknowledged', () => {
    const tray = present('killSwitch');
    expect(outline(tray.menu).slice(0, 3)).toEqual(['status | Stopped by a kill switch on Atlas Rebrand (disabled)', '---', 'resume | Resume (disabled)']);
  });

  it('a project halted by a kill switch is offered neither to start nor to switch to', () => {
    const d = states.running!();
    d.at(10, { type: 'killSwitchTriggered', projectId: 'p2', switchId: 'ks2' });
    const switchTo = outline(presentTray(d.state, ctx(d)).menu).filter((line) => line.includes('switch:'));
    expect(switchTo).toEqual(['  switch:p3 | Cedar Analytics']);
    d.at(11, { type: 'stop' });
    const startOn = outline(presentTray(d.state, ctx(d)).menu).filter((line) => line.includes('start:'));
    expect(startOn).toEqual(['  start:p1 | Atlas Rebrand', '  start:p3 | Cedar Analytics']);
  });

  it('a halted project comes back to the menu once its kill switch is acknowledged', () => {
    const d = new Driver();
    d.at(0, { type: 'killSwitchTriggered', projectId: 'p1', switchId: 'ks1' });
    expect(outline(presentTray(d.state, ctx(d)).menu).some((line) => line.includes('start:p1'))).toBe(false);
    d.at(1, { type: 'killSwitchAcknowledged', projectId: 'p1' });
    expect(outline(presentTray(d.state, ctx(d)).menu).some((line) => line.includes('start:p1'))).toBe(true);
  });
});

describe('tray presenter, locked', () => {
  const json = (value: unknown) => JSON.stringify(value);

  it.each(Object.keys(states))('%s: no project name anywhere, start/switch collapse to an unlock hint', (name) => {
    const tray = present(name, { locked: true });
    for (const projectName of [...names, 'Bolt && Nut Shop']) expect(json(tray)).not.toContain(projectName);
    expect(json(tray)).not.toMatch(/"(start|switch):/);
    const hasProjectChoice = ['idle', 'running', 'overrun', 'paused', 'nextBlock', 'killSwitch'].includes(name);
    expect(tray.menu.filter((m) => m.id === 'unlock')).toEqual(hasProjectChoice ? [{ id: 'unlock', label: 'Unlock to choose a project', enabled: false }] : []);
  });

  it('idle, exactly', () => {
    expect(outline(present('idle', { locked: true }).menu)).toEqual([
      'status | Timer stopped (disabled)',
      '---',
      'unlock | Unlock to choose a project (disabled)',
      ...TAIL,
    ]);
  });

  it('running, exactly', () => {
    const tray = present('running', { locked: true });
    expect(tray.tooltip).toBe('Caravan - Deep work, 24:13 left');
    expect(outline(tray.menu)).toEqual([
      'status | Deep work, 24:13 left (disabled)',
      '---',
      'pause | Pause',
      'start-break | Start break',
      'stop | Stop',
      'unlock | Unlock to choose a project (disabled)',
      ...TAIL,
    ]);
  });
});

describe('title and tooltip by platform', () => {
  it('puts the clock in the title on macOS only', () => {
    expect(present('running', { platform: 'darwin' }).title).toBe('24:13');
    expect(present('overrun', { platform: 'darwin' }).title).toBe('+3:20');
    expect(present('break', { platform: 'darwin' }).title).toBe('4:00');
    expect(present('away', { platform: 'darwin' }).title).toBe('Away');
    expect(present('idle', { platform: 'darwin' })).not.toHaveProperty('title');
    for (const platform of ['win32', 'linux'] as const) {
      const tray = present('running', { platform });
      expect(tray).not.toHaveProperty('title');
      expect(tray.tooltip).toContain('24:13 left');
    }
  });

  it('escapes & only where it marks an access key', () => {
    const mac = present('idle', { platform: 'darwin' });
    expect(mac.menu[2]?.submenu?.[1]?.label).toBe('Bolt & Nut Shop');
  });

  it('keeps tooltips within the Windows limit and names short', () => {
    const long = [{ id: 'p1', name: 'A'.repeat(300) }];
    const d = states.running!();
    const tray = presentTray(d.state, ctx(d, { recentProjects: long, platform: 'win32' }));
    expect(tray.tooltip.length).toBeLessThanOrEqual(127);
    expect(tray.menu[0]?.label.length).toBeLessThan(80);
  });

  it('caps the project list', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, name: `Project ${i}` }));
    const tray = presentTray(new Driver().state, { locked: false, recentProjects: many, now: T0, platform: 'linux' });
    expect(tray.menu[2]?.submenu).toHaveLength(8);
  });
});

describe('clock and actions', () => {
  it('formats remaining time rounding up, overrun rounding down', () => {
    expect(formatClock(25 * MIN)).toBe('25:00');
    expect(formatClock(90 * MIN)).toBe('1:30:00');
    expect(formatClock(1)).toBe('0:01');
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(1999, 'down')).toBe('0:01');
  });

  it('parses every action id the menus produce, and nothing else', () => {
    const all: TimerState[] = Object.values(states).map((f) => f().state);
    const ids = all.flatMap((s) => flatIds(presentTray(s, { locked: false, recentProjects: recent, now: T0 + 20 * MIN, platform: 'linux' }).menu));
    for (const id of ids) {
      const inert = id === 'status' || id.startsWith('separator:') || id.endsWith('-none') || id === 'start' || id === 'switch';
      expect(parseTrayAction(id) === null, id).toBe(inert);
    }
    expect(parseTrayAction('switch:p2')).toEqual({ type: 'switch', projectId: 'p2' });
    expect(parseTrayAction('away:break')).toEqual({ type: 'away', choice: 'break' });
    for (const bad of ['', 'start:', ':x', 'away:maybe', 'delete:p1', 'pause ']) expect(parseTrayAction(bad)).toBeNull();
  });
});

function flatIds(menu: readonly MenuItemModel[]): string[] {
  return menu.flatMap((m) => [m.id, ...(m.submenu ? flatIds(m.submenu) : [])]);
}
