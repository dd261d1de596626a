/**
 * The two scripts the double puts into every document of a window, bundled
 * once per process with rolldown (Vite's bundler, already installed): the
 * main world's contextBridge end, and the preload world's `require`,
 * `ipcRenderer` and `contextBridge`, followed by the built preload itself.
 */
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const cache = new Map<string, Promise<string>>();

function bundle(file: string): Promise<string> {
  let cached = cache.get(file);
  if (!cached) {
    cached = (async () => {
      const build = await rolldown({ input: fileURLToPath(new URL(`../page/${file}`, import.meta.url)), platform: 'browser' });
      const { output } = await build.generate({ format: 'iife' });
      await build.close();
      const chunk = output[0];
      if (!chunk || chunk.type !== 'chunk') throw new Error(`electron double: ${file} produced no code`);
      return chunk.code;
    })();
    cache.set(file, cached);
  }
  return cached;
}

const BOOT = `(() => { const boot = globalThis.__electronDoubleBoot; delete globalThis.__electronDoubleBoot; return boot; })()`;

export async function mainWorldScript(nonce: string): Promise<string> {
  return `${await bundle('main-world.dom.ts')}\n;${BOOT}(${JSON.stringify({ nonce })});`;
}

export interface PreloadWorldOptions {
  nonce: string;
  bindingName: string;
  preloadSource: string;
}

export async function preloadWorldScript(options: PreloadWorldOptions): Promise<string> {
  const config = {
    nonce: options.nonce,
    bindingName: options.bindingName,
    platform: process.platform,
    versions: { electron: process.env['ELECTRON_DOUBLE_VERSION'] ?? 'double', node: process.versions.node },
  };
  // The preload is wrapped as Electron wraps a sandboxed preload: a function of require, module, exports and the globals.
  return (
    `${await bundle('preload-world.dom.ts')}\n;${BOOT}(${JSON.stringify(config)}, ` +
    `function (require, module, exports, process, Buffer, global, setImmediate, clearImmediate) {\n${options.preloadSource}\n});`
  );
}
