/** Electron's main-process objects are Node EventEmitters whose cancellable events carry `preventDefault`. */
import { type EventEmitter } from 'node:events';

export interface DoubleEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
  [key: string]: unknown;
}

export function newEvent(extra: Record<string, unknown> = {}): DoubleEvent {
  let prevented = false;
  return {
    ...extra,
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

/** Emits a cancellable event; true when a listener called preventDefault. */
export function emitCancellable(target: EventEmitter, name: string, ...args: unknown[]): boolean {
  const event = newEvent();
  target.emit(name, event, ...args);
  return event.defaultPrevented;
}

/**
 * Wraps an Electron module object so that reaching a member the double does not
 * implement fails loudly, naming it, instead of returning undefined: every
 * member Caravan uses must be written here on purpose, with its rules.
 */
export function strictModule<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || key in object) return Reflect.get(object, key, receiver);
      if (key === 'then' || key === 'toJSON') return undefined;
      throw new Error(`electron double: ${name}.${key} is not implemented; add it to tests/electron-double with its documented rules`);
    },
  });
}
