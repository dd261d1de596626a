/**
 * The timer as the rest of main sees it: IPC commands and tray clicks become machine events, the
 * tray model is rebuilt from every change, and notifications get their words. No Electron import:
 * the browser test host runs this same controller and clicks its tray model.
 *
 * Project names come from the renderer (`setTrayProjects`) while the vault is unlocked and live
 * only in this object's memory; they are never journaled, and on lock they are dropped.
 */
import type { Platform } from '../../src-preload/contract/app.ts';
import type { TimerCommand, TimerPreferences, TimerView, TrayProjects } from '../../src-preload/contract/timer.ts';
import { parsePreferences, toSettings } from './timer-preferences.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';
import { customPreset, PRESETS, type Preset } from './presets.ts';
import { TimerService, type TimerServiceDeps } from './timer-service.ts';
import { parseTrayAction } from './tray-actions.ts';
import { presentTray, type TrayModel } from './tray-presenter.ts';
import type { NotifyKind, TimerEvent } from './timer-types.ts';

export interface TimerControllerDeps extends Omit<TimerServiceDeps, 'notify' | 'onChange'> {
  platform: Platform;
  /** Every change: send the view to the window. */
  broadcast: (view: TimerView) => void;
  /** Every change: redraw the tray. */
  drawTray: (model: TrayModel) => void;
  showNotification: (title: string, body: string) => void;
  openWindow: () => void;
  quit: () => void;
  /** Where preferences are kept (a JSON file in main); absent = defaults, not persisted. */
  preferencesStore?: { read(): Promise<unknown>; write(value: TimerPreferences): Promise<void> };
  /** Binds the global start/stop shortcut ('' = none); false when another app holds it. */
  registerShortcut?: (accelerator: string, onPress: () => void) => boolean;
}

/** The words of a notification; with names only while unlocked. */
export function notificationText(kind: NotifyKind, projectName: string | undefined, limitMinutes = 0): { title: string; body: string } {
  const on = projectName ? ` on ${projectName}` : '';
  switch (kind) {
    case 'block-end':
      return { title: 'Block done', body: `Your deep-work block${on} is over. Time for a break.` };
    case 'break-end':
      return { title: 'Break over', body: `Ready for the next block${on}?` };
    case 'break-reminder':
      return { title: 'Take a break', body: `You have been working without a break for a while${on}.` };
    case 'kill-switch':
      return { title: 'Kill switch reached', body: `The agreed stop point${on} has been reached. Open Caravan to review it.` };
    case 'long-session':
      return {
        title: 'Timer still running',
        body: `The timer has counted more than ${hoursAndMinutes(limitMinutes)}${on}. Still working, or did it keep running by mistake?`,
      };
  }
}

/** "3 h", "2 h 30 min", "45 min": the limit as a person set it (the window says it with formatDurationWords, the same words). */
function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function presetOf(choice: Extract<TimerCommand, { type: 'start' }>['preset']): Preset {
  if (typeof choice === 'string') return PRESETS[choice];
  const custom = customPreset(choice.workMin, choice.breakMin);
  if (!custom.ok) throw new UserFacingError('invalid-argument', custom.message);
  return custom.preset;
}

export class TimerController {
  readonly #deps: TimerControllerDeps;
  #service!: TimerService;
  #tray: TrayProjects = { unlocked: false, projects: [] };
  #preferences: TimerPreferences = parsePreferences(undefined);

  private constructor(deps: TimerControllerDeps) {
    this.#deps = deps;
  }

  static async create(deps: TimerControllerDeps): Promise<TimerController> {
    const controller = new TimerController(deps);
    controller.#preferences = parsePreferences(await deps.preferencesStore?.read().catch(() => undefined));
    controller.#service = await TimerService.start({
      ...deps,
      settings: { ...toSettings(controller.#preferences), ...deps.settings },
      notify: (kind, projectId) => controller.#notify(kind, projectId),
      onChange: (view) => controller.#changed(view),
    });
    deps.drawTray(controller.trayModel());
    if (controller.#preferences.shortcut && !controller.#bindShortcut(controller.#preferences.shortcut)) {
      deps.log?.(`timer shortcut ${controller.#preferences.shortcut} is taken by another app`);
    }
    return controller;
  }

  preferences(): TimerPreferences {
    return { ...this.#preferences };
  }

  /** Applies and stores new preferences; a shortcut that cannot be bound changes nothing. */
  async setPreferences(next: TimerPreferences): Promise<TimerPreferences> {
    if (next.shortcut !== this.#preferences.shortcut && next.shortcut !== '' && !this.#bindShortcut(next.shortcut)) {
      this.#bindShortcut(this.#preferences.shortcut);
      throw new UserFacingError('unavailable', `${next.shortcut} is already used by another app. Choose another shortcut.`);
    }
    if (next.shortcut === '') this.#deps.registerShortcut?.('', () => {});
    await this.#deps.preferencesStore?.write(next);
    this.#preferences = { ...next };
    this.#service.setSettings(toSettings(next));
    return this.preferences();
  }

  /** The global shortcut: stop a running timer, or start on the most recent project (or open the window when locked). */
  async shortcutPressed(): Promise<void> {
    if (this.#service.state().status !== 'idle') return this.trayClick('stop');
    const first = this.trayModel()
      .menu.flatMap((item) => item.submenu ?? [item])
      .find((item) => item.id.startsWith('start:'));
    if (first) return this.trayClick(first.id);
    this.#deps.openWindow();
  }

  #bindShortcut(accelerator: string): boolean {
    return this.#deps.registerShortcut?.(accelerator, () => void this.shortcutPressed()) ?? true;
  }

  get service(): TimerService {
    return this.#service;
  }

  view(): TimerView {
    return this.#service.view();
  }

  /** A command from the window; a refusal throws a UserFacingError('refused') with the machine's reason. */
  async command(command: TimerCommand): Promise<TimerView> {
    const result = await this.#service.dispatch(this.#event(command));
    if (!result.ok) throw new UserFacingError('refused', result.message);
    return result.view;
  }

  async blockStored(blockId: string): Promise<TimerView> {
    return (await this.#service.dispatch({ type: 'blockStored', blockId })).view;
  }

  setTrayProjects(projects: TrayProjects): void {
    this.#tray = projects.unlocked ? { unlocked: true, projects: projects.projects.map((p) => ({ ...p })) } : { unlocked: false, projects: [] };
    this.#deps.drawTray(this.trayModel());
  }

  trayModel(): TrayModel {
    return presentTray(this.#service.state(), {
      locked: !this.#tray.unlocked,
      recentProjects: this.#tray.projects,
      now: this.#deps.now(),
      platform: this.#deps.platform,
    });
  }

  /** A click on the tray item `id`; refusals become a notification, since the tray has nowhere else to say it. */
  async trayClick(id: string): Promise<void> {
    const action = parseTrayAction(id);
    if (!action) return;
    if (action.type === 'open') return this.#deps.openWindow();
    if (action.type === 'quit') {
      // A running block is closed into the outbox (and journaled) before quitting.
      if (this.#service.state().status !== 'idle') await this.#service.dispatch({ type: 'stop' });
      await this.#service.settled();
      return this.#deps.quit();
    }
    const event: TimerEvent =
      action.type === 'start'
        ? { type: 'start', sessionId: this.#deps.newSessionId(), preset: PRESETS['deep-90'], projectId: action.projectId }
        : action.type === 'switch'
          ? { type: 'switchProject', projectId: action.projectId }
          : action.type === 'away'
            ? { type: 'idleResolved', choice: action.choice }
            : { type: ({ pause: 'pause', resume: 'resume', stop: 'stop', 'start-break': 'startBreak', 'skip-break': 'skipBreak' } as const)[action.type] };
    const result = await this.#service.dispatch(event);
    if (!result.ok) this.#deps.showNotification('Caravan', result.message);
  }

  #event(command: TimerCommand): TimerEvent {
    const binding = (c: { projectId: string; phaseId?: string }) => ({ projectId: c.projectId, ...(c.phaseId ? { phaseId: c.phaseId } : {}) });
    switch (command.type) {
      case 'start':
        return { type: 'start', sessionId: this.#deps.newSessionId(), preset: presetOf(command.preset), ...binding(command) };
      case 'switchProject':
        return { type: 'switchProject', ...binding(command) };
      case 'resolveAway':
        return { type: 'idleResolved', choice: command.choice };
      case 'killSwitchTriggered':
        return { type: 'killSwitchTriggered', projectId: command.projectId, switchId: command.switchId };
      case 'acknowledgeKillSwitch':
        return { type: 'killSwitchAcknowledged', projectId: command.projectId };
      default:
        return { type: command.type };
    }
  }

  #notify(kind: NotifyKind, projectId: string): void {
    const name = this.#tray.unlocked ? this.#tray.projects.find((p) => p.id === projectId)?.name : undefined;
    const text = notificationText(kind, name, this.#preferences.longTimerReminder.minutes);
    this.#deps.showNotification(text.title, text.body);
  }

  #changed(view: TimerView): void {
    this.#deps.broadcast(view);
    // The service exists from the first change on; during start-up the tray is drawn by create's caller.
    if (this.#service) this.#deps.drawTray(this.trayModel());
  }
}
