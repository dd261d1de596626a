/** Bundles the page-side shim once per process with rolldown (already installed as Vite's bundler). */
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

let cached: Promise<string> | undefined;

export function buildShim(): Promise<string> {
  cached ??= (async () => {
    const bundle = await rolldown({ input: fileURLToPath(new URL('./shim.dom.ts', import.meta.url)), platform: 'browser' });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    const chunk = output[0];
    if (!chunk || chunk.type !== 'chunk') throw new Error('shim build produced no code');
    return chunk.code;
  })();
  return cached;
}
