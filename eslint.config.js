// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins, by both spellings, that the renderer must never import. */
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'http2',
  'module',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** The only files that may import `electron` at run time (types are erased, so `import type` is fine anywhere). */
const ELECTRON_EDGES = ['src-main/**/*.electron.ts', 'src-main/index.ts', 'src-preload/index.ts'];

const noElectron = {
  name: 'electron',
  allowTypeImports: true,
  message:
    'Only *.electron.ts files and the entries (src-main/index.ts, src-preload/index.ts) import Electron; inject what you need, or name the file *.electron.ts.',
};
const rendererByType = { group: ['**/src-renderer/**'], message: 'Import renderer code by `import type` only.', allowTypeImports: true };

const SECURITY_SYNTAX = [
  { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'Never enable nodeIntegration.' },
  { selector: "Property[key.name='sandbox'][value.value=false]", message: 'Never disable the sandbox.' },
  { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'Never disable context isolation.' },
  { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'Never disable webSecurity.' },
];

/**
 * Chromium keeps what is typed into a field in its session files (form-state restore) unless the
 * field, or its form, says autocomplete="off"; those files are outside the vault, in clear. So
 * every field and every form in the renderer says it, and a new one cannot forget (issue 17).
 */
const TYPED_DATA_SYNTAX = [
  {
    selector: "JSXOpeningElement[name.name=/^(input|textarea|select|form)$/]:not(:has(JSXAttribute[name.name='autoComplete']))",
    message: 'Set autoComplete="off" (or a password value) on every field and form: Chromium keeps typed text outside the vault otherwise.',
  },
  {
    selector: "JSXOpeningElement[name.name=/^(textarea|select|form)$/] > JSXAttribute[name.name='autoComplete'][value.value!='off']",
    message: 'autoComplete must be "off" here: Chromium keeps typed text outside the vault otherwise.',
  },
  {
    // zustand compares a selector's result by identity: a new array every call renders without end (React error 185).
    selector:
      "CallExpression[callee.name='useStore'] > ArrowFunctionExpression > CallExpression[callee.property.name=/^(filter|map|slice|concat|flatMap|toSorted)$/]",
    message: 'A store selector must not build a new array (zustand re-renders without end); select the list and derive it with useMemo.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'bench/**', 'test-results/**', 'playwright-report/**', 'tests/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', ...SECURITY_SYNTAX],
    },
  },
  {
    // The renderer: browser only. No Node, no Electron, and other processes' code by type only.
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-syntax': ['error', ...SECURITY_SYNTAX, ...TYPED_DATA_SYNTAX],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer never imports Electron; use window.caravan.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'The renderer never imports Node.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer never imports Node.' },
            // The contract (src-preload/contract/**) is zod and data only: the renderer imports it at run time.
            { regex: '(^|/)src-main/|(^|/)src-preload/(?!contract/)', message: 'Import other processes by `import type` only.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    // Main and preload see renderer code by type only; Electron is imported only by the edge
    // files (`*.electron.ts` and main's entry in src-main, the preload's entry in src-preload),
    // so everything else runs under plain Node, in the test host and in unit tests.
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts'],
    ignores: ELECTRON_EDGES,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [noElectron], patterns: [rendererByType] }] },
  },
  {
    files: ELECTRON_EDGES,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [rendererByType] }] },
  },
  {
    // The contract: zod schemas both processes import at run time, so it imports zod and its own
    // files only (never Node, Electron, main or renderer code).
    files: ['src-preload/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is environment-free: both processes import it.' }],
          patterns: [
            { group: ['node:*'], message: 'The contract is environment-free: both processes import it.' },
            { group: ['**/src-main/**', '**/src-renderer/**', '**/api/**'], message: 'The contract imports zod and its own files only.' },
            { regex: '^(?!zod$|\\.{1,2}/)', message: 'The contract imports zod and its own files only.' },
          ],
        },
      ],
    },
  },
  {
    // The sandboxed preload is bundled whole (it can require only `electron`): it takes channel
    // names from the contract by type, never its schemas. The API builder also runs in the test shim.
    files: ['src-preload/index.ts', 'src-preload/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/contract/**'],
              message: 'The preload imports the contract by `import type` only: its schemas would be bundled into it.',
              allowTypeImports: true,
            },
            { group: ['**/src-renderer/**'], message: 'Import renderer code by `import type` only.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-preload/index.ts touches Electron.' }],
          patterns: [
            { group: ['node:*'], message: 'The API builder is environment-free.' },
            {
              group: ['**/contract/**'],
              message: 'The preload imports the contract by `import type` only: its schemas would be bundled into it.',
              allowTypeImports: true,
            },
            { group: ['**/src-renderer/**'], message: 'Import renderer code by `import type` only.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.dom.ts', 'tests/**/*.dom.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
