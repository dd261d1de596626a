/** Every open BrowserWindow double, in creation order, and which one has focus. */

export interface RegisteredWindow {
  readonly id: number;
  close(): void;
  destroy(): void;
  isDestroyed(): boolean;
  isVisible(): boolean;
}

const windows: RegisteredWindow[] = [];
let focused: RegisteredWindow | null = null;
let onLastClosed: () => void = () => {};

export function allWindows(): RegisteredWindow[] {
  return [...windows];
}

export function addWindow(window: RegisteredWindow): void {
  windows.push(window);
}

export function removeWindow(window: RegisteredWindow): void {
  const index = windows.indexOf(window);
  if (index >= 0) windows.splice(index, 1);
  if (focused === window) focused = null;
  if (windows.length === 0) onLastClosed();
}

export function setFocused(window: RegisteredWindow | null): void {
  focused = window;
}

export function focusedWindow(): RegisteredWindow | null {
  return focused && !focused.isDestroyed() && focused.isVisible() ? focused : null;
}

/** The app registers what happens when the last window goes (window-all-closed, or quit). */
export function whenLastWindowCloses(handler: () => void): void {
  onLastClosed = handler;
}
