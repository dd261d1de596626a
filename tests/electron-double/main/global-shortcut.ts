/** `globalShortcut`: after ready; one owner per accelerator; the test presses one. */
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

const registered = new Map<string, () => void>();
/** Accelerators another application holds: register answers false, as Electron does. */
const heldElsewhere = new Set<string>((process.env['ELECTRON_DOUBLE_TAKEN_SHORTCUTS'] ?? '').split(',').filter(Boolean));

const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

/** Electron's accelerator grammar (its accelerator docs): modifiers joined by "+", then exactly one key. */
export function isElectronAccelerator(accelerator: string): boolean {
  if (typeof accelerator !== 'string' || accelerator === '') return false;
  // "+" as the key is written "Plus"; a literal trailing "+" would be an empty token.
  const tokens = accelerator.split('+').map((token) => token.trim().toLowerCase());
  const key = tokens.pop() ?? '';
  if (tokens.some((token) => !MODIFIERS.has(token))) return false;
  if (MODIFIERS.has(key)) return false;
  return (
    /^[a-z0-9]$/.test(key) ||
    /^[)!@#$%^&*(:;<=>,_.?/~`{}[\]|\\'"-]$/.test(key) ||
    /^f([1-9]|1\d|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    NAMED_KEYS.has(key)
  );
}

function checkAccelerator(accelerator: string): void {
  if (!isElectronAccelerator(accelerator)) throw new TypeError(`Failed to parse accelerator: ${accelerator}`);
}

export const globalShortcut = strictModule('globalShortcut', {
  register(accelerator: string, callback: () => void): boolean {
    enforce('globalShortcut.register');
    checkAccelerator(accelerator);
    if (heldElsewhere.has(accelerator) || registered.has(accelerator)) return false;
    registered.set(accelerator, callback);
    return true;
  },
  isRegistered(accelerator: string): boolean {
    return registered.has(accelerator);
  },
  unregister(accelerator: string): void {
    registered.delete(accelerator);
  },
  unregisterAll(): void {
    enforce('globalShortcut.unregisterAll');
    registered.clear();
  },
});

onControl('shortcut.registered', () => [...registered.keys()]);
onControl('shortcut.press', (params) => {
  const { accelerator } = params as { accelerator: string };
  const callback = registered.get(accelerator);
  if (!callback) throw new Error(`no global shortcut ${accelerator} is registered`);
  callback();
});
