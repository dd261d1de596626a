/**
 * Loaded with `node --import` before the built main: resolves `electron` to
 * the double, gives main a test-controlled clock, and opens the control
 * channel. Everything else (Node, zod, the AWS SDK) resolves as usual.
 */
import { registerHooks } from 'node:module';
import { onControl, listenForControls } from './runtime/control.ts';

const doubleUrl = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron' || specifier === 'electron/main') return { url: doubleUrl, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});

// Main's clock: the real one moved by an offset the test sets (main reads Date.now, as the timer does).
const realNow = Date.now.bind(Date);
let offset = Number(process.env['ELECTRON_DOUBLE_CLOCK_OFFSET_MS'] ?? 0);
Date.now = () => realNow() + offset;
/** Main's timer looks at the clock on its one-second tick; the control returns once a tick has seen the new time. */
onControl('clock.advance', async (params) => {
  offset += (params as { ms: number }).ms;
  await new Promise((resolve) => setTimeout(resolve, 1_200));
});

listenForControls();
