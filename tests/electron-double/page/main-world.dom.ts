/**
 * Runs in the page's own (main) world before any page script: the receiving
 * end of contextBridge. What the preload exposes appears on `window` as a
 * read-only property, as under Electron.
 */
import { createWorldBridge } from './world-bridge.dom.ts';

function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

interface MainWorldConfig {
  nonce: string;
}

(globalThis as Record<string, unknown>)['__electronDoubleBoot'] = (config: MainWorldConfig) => {
  createWorldBridge('main', config.nonce, (key, value) => {
    // Electron's contextBridge: functions are proxied, everything else is copied and deep-frozen, and the key is read-only.
    Object.defineProperty(window, key, { value: deepFreeze(value), writable: false, configurable: false, enumerable: true });
  });
};
