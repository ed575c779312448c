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
const NODE_EDGES = ['main/web/**/*.ts', 'main/cli/**/*.ts', 'main/team/**/*.ts', 'main/launch.ts', 'main/runtime-options.ts'];

const electron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Only the Electron shell (main/index.ts, main/preload.ts, main/shell/) may import Electron.' };
const node = { group: ['node:*'], message: 'This layer runs outside Node: no node:* modules.' };
const mainFolder = { group: ['**/main/**', '../main', '../../main'], message: 'The renderer reaches main only through the API client.' };
const rendererFolder = { group: ['**/renderer/**'], message: 'Main never imports the renderer.' };
const edges = {
  group: ['**/shell/**', '**/web/**', '**/cli/**', '**/team/**', '**/launch.ts', '**/runtime-options.ts'],
  message: 'The core is platform-free: the Electron shell, the web host and the CLI import it, never the other way.',
};
const react = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'], message: 'React and zustand belong to the renderer.' };

/** @param {{ group: string[], message: string }[]} patterns */
const forbid = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'stream', 'url', 'util', 'module', 'worker_threads'];
const bareNode = { group: NODE_BUILTINS, message: 'Write node:* (and only where Node is allowed).' };

/**
 * Time is counted in units named once, in shared/time-units.ts (MINUTE_MS, DAY_MS, DAY_MINUTES…):
 * a bare 60_000 or 24 * 60 * 60 * 1000 elsewhere is refused, so "an hour" cannot mean 60 in one
 * file and 3,600,000 in another. test/lint/time-literals.test.ts checks the rule still fires.
 */
const TIME_LITERALS = [1_000 * 60, 1_000 * 60 * 60, 1_000 * 60 * 60 * 24, 1_000 * 60 * 60 * 24 * 7].map((ms) => ({
  selector: `Literal[value=${ms}]`,
  message: `${ms} is a length of time: use MINUTE_MS, HOUR_MS or DAY_MS from shared/time-units.ts.`,
}));
const TIME_PRODUCTS = [
  ['60', '60'],
  ['24', '60'],
  ['60', '24'],
  ['60', '1000'],
  ['1000', '60'],
].map(([left, right]) => ({
  selector: `BinaryExpression[operator='*'][left.value=${left}][right.value=${right}]`,
  message: `${left} * ${right} is a length of time: use the units of shared/time-units.ts (HOUR_MS, DAY_MINUTES…).`,
}));
const SECONDS_TO_MS = {
  selector: "BinaryExpression[operator='*'][right.value=1000]",
  message: 'Seconds to milliseconds: multiply by SECOND_MS from shared/time-units.ts.',
};
const TIME_UNITS = [...TIME_LITERALS, ...TIME_PRODUCTS, SECONDS_TO_MS];
const TIME_UNITS_HOME = 'shared/time-units.ts';

/**
 * The renderer reaches main through the store's actions or the typed client (useApi), never a raw
 * call function kept in the store's state; and a button is clicked through a ref, not by searching
 * the whole page for it. test/lint/renderer-rules.test.ts checks both still fire.
 */
const RENDERER_SYNTAX = [
  { selector: "Identifier[name='callApi']", message: 'No callApi escape hatch in the store: add an action to a slice, or call the typed client from useApi().' },
  {
    selector: "CallExpression[callee.object.name='document'][callee.property.name=/^querySelector(All)?$/]",
    message: 'Reach an element through a ref (or state), not by searching the whole document.',
  },
];

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
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: [TIME_UNITS_HOME],
    rules: { 'no-restricted-syntax': ['error', ...TIME_UNITS] },
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
    // The web host, the team server, the CLI and the launcher: Node edges over the core.
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
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid([electron, node, bareNode, mainFolder]),
      // Replaces the block above for these files (ESLint does not merge a rule's options): both lists.
      'no-restricted-syntax': ['error', ...TIME_UNITS, ...RENDERER_SYNTAX],
    },
  },
  {
    files: ['test/**/*.ts', '*.config.{ts,js}', '*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
