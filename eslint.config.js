import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Architecture boundaries (README, "Architecture"). Each layer lists what it must not import; a test
// (src/architecture.test.ts) proves every rule refuses its forbidden import.
const ui = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'Only src/ui and src/state use React or zustand.',
};
const react = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  message: 'app/ is logic without React (zustand stores are fine).',
};
const tfjs = {
  group: ['@tensorflow/*'],
  message: 'tfjs lives in the engine (worker thread): the UI thread reaches it only through src/client.',
};
const rpc = { group: ['comlink'], message: 'Only src/engine and src/client talk RPC.' };
const layer = (names, message) => ({
  group: names.map((n) => `**/${n}/**`).concat(names.map((n) => `**/${n}`)),
  message,
});
const computeFiles = {
  group: ['**/methods/*/*', '!**/methods/*/meta', '**/methods/types'],
  message:
    'The UI thread reaches methods through methods/registry (and methods/combine, plain JS); jobs run in the worker.',
};
const engineInternals = {
  group: ['**/engine/*', '!**/engine/protocol'],
  message: 'The UI thread talks to the engine through src/client and the contract (engine/protocol) only.',
};

const stores = {
  group: ['zustand', 'zustand/vanilla'],
  importNames: ['create', 'createStore'],
  message: 'Stores are made in src/state (or by src/app for its own runners): the UI reads them with hooks.',
};
// A gradient method's tfjs version is a test oracle: tests (exempt from every boundary below) and scripts/ only.
const oracles = {
  group: ['**/oracle', '**/oracle.ts', './oracle', './oracle.ts'],
  message:
    'methods/<id>/oracle.ts is a test oracle (tfjs): only tests and scripts/ import it; the app runs combine.ts.',
};

const rules = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, oracles] }],
});

export const BOUNDARIES = [
  // The shared vocabulary: imports nothing but itself.
  {
    files: ['src/core/**'],
    rules: rules([
      ui,
      tfjs,
      rpc,
      layer(
        ['regions', 'explain', 'methods', 'model', 'engine', 'client', 'app', 'state', 'ui', 'render'],
        'core/ is the bottom layer: it imports nothing of the app.',
      ),
    ]),
  },
  // Region kinds as plug-ins (regions/<kind>/): pure data and rules, their tools included (tool.ts: a state machine
  // fed by events, no React, no DOM; src/ui drives it from the pointer and the keyboard). Checked for DOM by
  // tsconfig.pure.json.
  {
    files: ['src/regions/**'],
    rules: rules([
      ui,
      tfjs,
      rpc,
      layer(
        ['explain', 'methods', 'model', 'engine', 'client', 'app', 'state', 'ui', 'render'],
        'regions/ may use core/ only.',
      ),
    ]),
  },
  // The science: pure functions on tensors.
  {
    files: ['src/explain/**'],
    rules: rules([
      ui,
      rpc,
      layer(
        ['methods', 'model', 'engine', 'client', 'app', 'state', 'ui', 'render'],
        'explain/ is pure science: it may use core/ and regions/ only.',
      ),
    ]),
  },
  {
    files: ['src/methods/**'],
    rules: rules([
      ui,
      rpc,
      layer(['model', 'engine', 'client', 'app', 'state', 'ui', 'render'], 'methods/ may use core/ and explain/ only.'),
    ]),
  },
  // A method folder is below the list of methods: its settings type comes from its own meta, shared types from types.
  {
    files: ['src/methods/*/**'],
    rules: rules([
      ui,
      rpc,
      layer(['model', 'engine', 'client', 'app', 'state', 'ui', 'render'], 'methods/ may use core/ and explain/ only.'),
      {
        group: ['../registry', '../combine', '**/methods/registry', '**/methods/combine'],
        message: 'A method folder must not import the registry or the dispatch that list it (the import runs back up).',
      },
    ]),
  },
  {
    files: ['src/model/**'],
    rules: rules([
      ui,
      rpc,
      layer(
        ['methods', 'engine', 'client', 'app', 'state', 'ui', 'render'],
        'model/ adapters may use core/ and explain/ only.',
      ),
    ]),
  },
  // The worker thread: knows nothing of the UI thread.
  {
    files: ['src/engine/**'],
    rules: rules([
      ui,
      layer(['client', 'app', 'state', 'ui', 'render'], 'The engine (worker thread) knows nothing of the UI thread.'),
    ]),
  },
  // The UI thread's side of the contract: no tfjs, no React.
  {
    files: ['src/client/**'],
    rules: rules([
      ui,
      tfjs,
      computeFiles,
      engineInternals,
      layer(
        ['model', 'app', 'state', 'ui', 'render'],
        'client/ is the engine as the UI thread sees it: core/, methods/ and the contract only.',
      ),
    ]),
  },
  // App logic: no React, no tfjs.
  {
    files: ['src/app/**'],
    rules: rules([
      react,
      tfjs,
      rpc,
      computeFiles,
      engineInternals,
      layer(['explain', 'model', 'ui'], 'app/ is logic without React: it reaches the engine through client/.'),
    ]),
  },
  {
    files: ['src/state/**'],
    rules: rules([
      tfjs,
      rpc,
      computeFiles,
      layer(
        ['explain', 'model', 'engine', 'client', 'app', 'ui', 'render'],
        'state/ may use core/ and method metadata only.',
      ),
      { group: ['react-dom'], message: 'No DOM rendering here.' },
    ]),
  },
  {
    files: ['src/render/**'],
    rules: rules([
      ui,
      tfjs,
      rpc,
      layer(
        ['explain', 'methods', 'model', 'engine', 'client', 'app', 'state', 'ui'],
        'render/ draws maps: core/ only.',
      ),
    ]),
  },
  // The command line (Node): the engine and the science run in-process; nothing of the page or its thread.
  {
    files: ['src/cli/**'],
    rules: rules([
      ui,
      rpc,
      layer(
        ['client', 'app', 'ui', 'render'],
        'cli/ runs the engine in Node: core, regions, explain, methods, model, engine and the link codec only.',
      ),
      {
        group: ['**/state/*', '!**/state/urlCodec', '!**/state/shareLink', '!**/state/params'],
        message: 'cli/ uses the link codec of state/ (urlCodec, shareLink, params) only, never a store.',
      },
    ]),
  },
  {
    files: ['src/ui/**', 'src/main.tsx'],
    rules: rules([
      stores,
      tfjs,
      rpc,
      computeFiles,
      engineInternals,
      layer(['explain', 'model'], 'The UI reaches the science only through client/.'),
    ]),
  },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public', 'playwright-report', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // Small files and readable lines (Prettier wraps code; strings and comments are wrapped by hand).
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300 }], 'max-len': ['error', { code: 120 }] },
  },
  { files: ['scripts/**', 'e2e/**', 'bin/**', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  // bin/eagerGlob.cjs hooks Node's CommonJS loader, so it is CommonJS itself.
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/**'], languageOptions: { globals: globals.browser } },
  // Tests may reach across layers (and into scripts/testing) to check them.
  ...BOUNDARIES.map((b) => ({ ...b, ignores: ['src/**/*.test.ts'] })),
);
