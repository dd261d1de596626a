/**
 * The tray as data: icon, macOS title, tooltip and menu, computed from the
 * timer state alone. The Electron adapter (`tray.ts`) only draws this model,
 * so every state, locked and unlocked, is tested under plain Node.
 *
 * Project names come from the renderer's recent list, held in main's memory
 * only while the vault is unlocked. Locked, no name appears anywhere, even if
 * a stale list is passed in: the presenter, not the caller, enforces that.
 */
import type { Platform } from '../../src-preload/contract/app.ts';
import { accruedAt } from './accrual.ts';
import { actionId } from './tray-actions.ts';
import type { Session, TimerState } from './timer-types.ts';

export type TrayIcon = 'idle' | 'running' | 'paused' | 'break' | 'overrun';

/** One tray menu entry. `id` is an action id (see `parseTrayAction`) or an inert id. */
export interface MenuItemModel {
  id: string;
  label: string;
  enabled: boolean;
  type?: 'separator' | 'submenu';
  submenu?: MenuItemModel[];
}

/** Everything the tray adapter draws. `title` exists on macOS only (Tray.setTitle is macOS-only). */
export interface TrayModel {
  icon: TrayIcon;
  title?: string;
  tooltip: string;
  menu: MenuItemModel[];
}

export interface RecentProject {
  id: string;
  name: string;
}

export interface TrayContext {
  /** Vault locked: no keys, so no names may be shown. */
  locked: boolean;
  recentProjects: readonly RecentProject[];
  now: number;
  platform: Platform;
}

/** How many recent projects the menu offers; more belongs in the window. */
export const MAX_MENU_PROJECTS = 8;
const MAX_NAME_LENGTH = 40;
/** Windows truncates tray tooltips at 127 characters. */
const MAX_TOOLTIP_LENGTH = 127;

export const UNLOCK_LABEL = 'Unlock to choose a project';

/** `m:ss`, or `h:mm:ss` from an hour. Remaining time rounds up so "0:00" means done. */
export function formatClock(ms: number, round: 'up' | 'down' = 'up'): string {
  const seconds = Math.max(0, round === 'up' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "12 min", "1 h 5 min", "less than a minute". */
export function formatAway(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function shorten(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  return clean.length > MAX_NAME_LENGTH ? `${clean.slice(0, MAX_NAME_LENGTH - 1)}…` : clean;
}

/** On Windows and Linux a single `&` in a menu label marks an access key; show it literally. */
function menuLabel(text: string, platform: Platform): string {
  return platform === 'darwin' ? text : text.replaceAll('&', '&&');
}

interface View {
  icon: TrayIcon;
  status: string;
  clock?: string;
}

/** Icon, status line and clock for the state; `name` is already null when locked. */
function view(state: TimerState, session: Session | undefined, now: number, name: string | null): View {
  if (!session) return { icon: 'idle', status: 'Timer stopped' };
  const on = name ? ` on ${name}` : '';
  if (session.away) {
    return { icon: 'paused', status: `Away for ${formatAway(now - session.away.since)}`, clock: 'Away' };
  }
  const left = session.period.plannedMs - accruedAt(session, now);
  const clock = left > 0 ? formatClock(left) : `+${formatClock(-left, 'down')}`;
  const time = left > 0 ? `${formatClock(left)} left` : `${formatClock(-left, 'down')} over`;
  switch (state.status) {
    case 'running':
      return { icon: 'running', status: `Deep work${on}, ${time}`, clock };
    case 'overrun':
      return { icon: 'overrun', status: `Deep work${on}, ${time}`, clock };
    case 'break':
      return { icon: 'break', status: `${session.period.long ? 'Long break' : 'Break'}, ${time}`, clock };
    default: {
      if (state.killSwitches.some((k) => k.projectId === session.projectId)) {
        return { icon: 'paused', status: `Stopped by a kill switch${on}`, clock };
      }
      if (session.period.accruedMs === 0) return { icon: 'paused', status: `Next block ready${on}, ${time}`, clock };
      return { icon: 'paused', status: `Paused${on}, ${time}`, clock };
    }
  }
}

/** Builds the tray model. Pure: same state and context, same model. */
export function presentTray(state: TimerState, ctx: TrayContext): TrayModel {
  const session = state.status === 'idle' ? undefined : state.session;
  const named = ctx.locked ? [] : ctx.recentProjects.filter((p) => p.id !== '' && p.name.trim() !== '');
  const current = session ? named.find((p) => p.id === session.projectId) : undefined;
  // A project halted by a triggered, unacknowledged kill switch is not offered: the machine would
  // refuse it anyway, and a menu entry that only answers "no" is a trap.
  const halted = new Set(state.killSwitches.map((k) => k.projectId));
  const projects = named.filter((p) => !halted.has(p.id));
  const v = view(state, session, ctx.now, current ? shorten(current.name) : null);

  let seq = 0;
  const separator = (): MenuItemModel => ({ id: `separator:${++seq}`, label: '', enabled: true, type: 'separator' });
  const item = (id: string, label: string, enabled = true): MenuItemModel => ({ id, label: menuLabel(label, ctx.platform), enabled });
  const projectMenu = (kind: 'start' | 'switch', label: string, emptyLabel: string): MenuItemModel => {
    if (ctx.locked) return item('unlock', UNLOCK_LABEL, false);
    const choices = projects.filter((p) => p.id !== session?.projectId).slice(0, MAX_MENU_PROJECTS);
    const submenu = choices.length ? choices.map((p) => item(actionId[kind](p.id), shorten(p.name))) : [item(`${kind}-none`, emptyLabel, false)];
    return { id: kind, label, enabled: true, type: 'submenu', submenu };
  };

  const actions: MenuItemModel[] = [];
  if (!session) {
    actions.push(projectMenu('start', 'Start deep work on', 'No recent projects'));
  } else if (session.away) {
    actions.push(
      item(actionId.away('keep'), 'Keep the time'),
      item(actionId.away('discard'), 'Discard the time'),
      item(actionId.away('break'), 'Count it as a break'),
    );
  } else if (state.status === 'running') {
    actions.push(
      item('pause', 'Pause'),
      item('start-break', 'Start break'),
      item('stop', 'Stop'),
      projectMenu('switch', 'Switch project', 'No other recent projects'),
    );
  } else if (state.status === 'overrun') {
    actions.push(
      item('start-break', 'Start break'),
      item('skip-break', 'Skip the break'),
      item('pause', 'Pause'),
      item('stop', 'Stop'),
      projectMenu('switch', 'Switch project', 'No other recent projects'),
    );
  } else if (state.status === 'break') {
    actions.push(item('skip-break', 'Skip the break'), item('stop', 'Stop'));
  } else {
    const resumeLabel = session.period.accruedMs === 0 ? 'Start next block' : 'Resume';
    actions.push(
      item('resume', resumeLabel, !halted.has(session.projectId)),
      item('stop', 'Stop'),
      projectMenu('switch', 'Switch project', 'No other recent projects'),
    );
  }

  const menu = [item('status', v.status, false), separator(), ...actions, separator(), item('open', 'Open Caravan'), item('quit', 'Quit Caravan')];
  const tooltip = `Caravan - ${v.status}`;
  return {
    icon: v.icon,
    ...(ctx.platform === 'darwin' && v.clock !== undefined ? { title: v.clock } : {}),
    tooltip: tooltip.length > MAX_TOOLTIP_LENGTH ? `${tooltip.slice(0, MAX_TOOLTIP_LENGTH - 1)}…` : tooltip,
    menu,
  };
}
