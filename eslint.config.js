// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Folders mean runtimes (docs/ARCHITECTURE.md). Each block forbids the imports that would cross a
 * line: shared/ is plain TypeScript, the core never touches Electron, the renderer never touches
 * Node, Electron or main/. A violation fails `npm run lint`, so the layering cannot rot.
 *
 * The core is derived from the path: everything in main/ is core except the edges named below,
 * so a new folder (main/scripts, main/sessions, the next one) is held to the core's rules the
 * day it is created, without anyone remembering to list it. test/lint/layering.test.ts checks
 * every main/* folder and file against this.
 */
const SHELL = ['main/index.ts', 'main/preload.ts', 'main/shell/**/*.ts'];
const NODE_EDGES = ['main/web/**/*.ts', 'main/cli/**/*.ts', 'main/launch.ts', 'main/runtime-options.ts'];

const electron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only the Electron shell (main/index.ts, main/preload.ts, main/shell/) may import Electron.' };
const node = { group: ['node:*'], message: 'This layer runs outside Node: no node:* modules.' };
const mainFolder = { group: ['**/main/**', '../main', '../../main'], message: 'The renderer reaches main only through the API client.' };
const rendererFolder = { group: ['**/renderer/**'], message: 'Main never imports the renderer.' };
const edges = {
  group: ['**/shell/**', '**/web/**', '**/cli/**', '**/launch.ts', '**/runtime-options.ts'],
  message: 'The core is platform-free: the Electron shell, the web host and the CLI import it, never the other way.',
};
const react = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], message: 'React and zustand belong to the renderer.' };

/** @param {{ group: string[], message: string }[]} patterns */
const forbid = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'stream', 'url', 'util', 'module', 'worker_threads'];
const bareNode = { group: NODE_BUILTINS, message: 'Write node:* (and only where Node is allowed).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: forbid([electron, node, bareNode, mainFolder, rendererFolder, react]),
  },
  {
    // The core: plain TypeScript over a database and a clock. Every file in main/ but the edges.
    files: ['main/**/*.ts'],
    ignores: [...SHELL, ...NODE_EDGES],
    languageOptions: { globals: globals.node },
    rules: forbid([electron, bareNode, rendererFolder, react, edges]),
  },
  {
    // The web host, the CLI and the launcher: Node edges over the core.
    files: NODE_EDGES,
    languageOptions: { globals: globals.node },
    rules: forbid([electron, bareNode, rendererFolder, react]),
  },
  {
    // The Electron shell: the only place Electron is imported.
    files: SHELL,
    languageOptions: { globals: globals.node },
    rules: forbid([bareNode, rendererFolder, react]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, ...forbid([electron, node, bareNode, mainFolder]) },
  },
  {
    files: ['test/**/*.ts', '*.config.{ts,js}', '*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
