import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { META_CONTENT_SECURITY_POLICY } from './src-main/security/csp.ts';

const root = import.meta.dirname;

/**
 * The built index.html carries the CSP as a meta tag too, so the policy holds
 * even if a response header were lost. Only on build: the dev server's HMR
 * preamble is an inline script that this policy (rightly) refuses.
 */
function cspMetaTag(): Plugin {
  return {
    name: 'caravan:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      lib: { entry: resolve(root, 'src-main/index.ts') },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot `require` anything but `electron`: bundle it all, as CommonJS.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'src-preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react(), cspMetaTag()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      assetsInlineLimit: 0,
      // electron-vite leaves builds unminified; the renderer's code is parsed at every start.
      minify: true,
      rolldownOptions: { input: resolve(root, 'src-renderer/index.html') },
    },
  },
});
