/**
 * Page object for the Time screen's Week: switching to it, going to a week, finding events by
 * what a screen reader hears, and dragging on the grid as a person would (the grid is 40 px per
 * hour, HOUR_PX in src-renderer/calendar/week/use-grid-drag.ts).
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './app-shell.ts';

const HOUR_PX = 40;

export class WeekPage {
  readonly page: Page;
  readonly shell: AppShell;
  readonly grid: Locator;

  constructor(page: Page) {
    this.page = page;
    this.shell = new AppShell(page);
    this.grid = page.getByRole('group', { name: 'Week', exact: true });
  }

  /** The Time screen, switched to Week. */
  async open(): Promise<void> {
    await this.shell.open('Time');
    await this.page.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Week' }).click();
    await expect(this.grid).toBeVisible();
  }

  /** Shows the week holding `isoDate` (YYYY-MM-DD). */
  async goTo(isoDate: string): Promise<void> {
    await this.page.getByLabel('Go to date').fill(isoDate);
    await expect(this.page.getByLabel('Go to date')).not.toHaveValue('');
  }

  /** A block or calendar event by (part of) its accessible name. */
  event(name: string | RegExp): Locator {
    return this.grid.getByRole('button', { name });
  }

  /** The point of `minute` (wall minutes from midnight) in day column `day` (0 = the week's first day). */
  async point(day: number, minute: number): Promise<{ x: number; y: number }> {
    const body = await this.page.locator('.week-body').boundingBox();
    if (!body) throw new Error('the week grid is not on screen');
    return { x: body.x + ((day + 0.5) * body.width) / 7, y: body.y + (minute / 60) * HOUR_PX };
  }

  /**
   * Scrolls the grid so that wall minutes `from`..`to` are inside the window: the mouse only acts
   * where the window is, and the Electron double's window is shorter than the browser host's.
   */
  async reveal(from: number, to: number): Promise<void> {
    await this.page.locator('.week-body').evaluate(
      (body, [top, bottom]) => {
        const box = body.getBoundingClientRect();
        const margin = 60;
        const overBottom = box.top + bottom + margin - window.innerHeight;
        const overTop = margin - (box.top + top);
        const by = overBottom > 0 ? overBottom : overTop > 0 ? -overTop : 0;
        if (by === 0) return;
        let scroller: HTMLElement | null = body.parentElement;
        while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
        (scroller ?? document.documentElement).scrollBy(0, by);
      },
      [(from / 60) * HOUR_PX, (to / 60) * HOUR_PX] as const,
    );
  }

  /** Presses at `from`, moves in steps to `to`, releases. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Drags an event's body by `minutes` down (negative: up) and `days` across. */
  async move(event: Locator, minutes: number, days = 0): Promise<void> {
    const box = await event.boundingBox();
    if (!box) throw new Error('the event is not on screen');
    const body = await this.page.locator('.week-body').boundingBox();
    const from = { x: box.x + box.width / 2, y: box.y + Math.min(box.height / 2, 14) };
    await this.drag(from, { x: from.x + (days * (body?.width ?? 0)) / 7, y: from.y + (minutes / 60) * HOUR_PX });
  }

  /** Drags an event's bottom edge by `minutes`. */
  async resizeEnd(event: Locator, minutes: number): Promise<void> {
    const box = await event.boundingBox();
    if (!box) throw new Error('the event is not on screen');
    const from = { x: box.x + box.width / 2, y: box.y + box.height - 2 };
    await this.drag(from, { x: from.x, y: from.y + (minutes / 60) * HOUR_PX });
  }

  /** Drags over empty time in column `day` from one wall minute to another; the New time block dialog opens. */
  async drawBlock(day: number, fromMinute: number, toMinute: number): Promise<Locator> {
    await this.reveal(fromMinute, toMinute);
    await this.drag(await this.point(day, fromMinute), await this.point(day, toMinute));
    const dialog = this.page.getByRole('dialog', { name: 'New time block' });
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
