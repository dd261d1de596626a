/** `globalShortcut`: after ready; one owner per accelerator; the test presses one. */
import { onControl } from '../runtime/control.ts';
import { enforce } from '../runtime/lifecycle.ts';
import { strictModule } from './emitter.ts';

const registered = new Map<string, () => void>();
/** Accelerators another application holds: register answers false, as Electron does. */
const heldElsewhere = new Set<string>((process.env['ELECTRON_DOUBLE_TAKEN_SHORTCUTS'] ?? '').split(',').filter(Boolean));

function checkAccelerator(accelerator: string): void {
  if (typeof accelerator !== 'string' || !/^([A-Za-z]+\+)*[A-Za-z0-9]+$/.test(accelerator.replace(/\s/g, ''))) {
    throw new TypeError(`Failed to parse accelerator: ${accelerator}`);
  }
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
