import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Architecture boundaries (README, "Architecture"). Each layer lists what it must not import; a test
// (src/architecture.test.ts) proves every rule refuses its forbidden import.
const ui = { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'Only src/ui and src/state use React or zustand.' };
const tfjs = { group: ['@tensorflow/*'], message: 'tfjs lives in the worker: the UI thread reaches it only through worker/client.' };
const rpc = { group: ['comlink'], message: 'Only src/worker talks RPC.' };
const layer = (names, message) => ({ group: names.map((n) => `**/${n}/**`).concat(names.map((n) => `**/${n}`)), message });
const computeFiles = { group: ['**/methods/*/compute', '**/methods/*/xresCam', '**/methods/types'], message: 'The UI thread reads method metadata only (methods/registry, methods/*/meta); compute runs in the worker.' };
const workerInternals = { group: ['**/worker/*', '!**/worker/client', '!**/worker/protocol'], message: 'The UI talks to the engine through worker/client and worker/protocol only.' };

const rules = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns }] });

export const BOUNDARIES = [
  // The shared vocabulary: imports nothing but itself.
  { files: ['src/core/**'], rules: rules([ui, tfjs, rpc, layer(['explain', 'methods', 'model', 'worker', 'state', 'ui', 'render'], 'core/ is the bottom layer: it imports nothing of the app.')]) },
  // The science: pure functions on tensors.
  { files: ['src/explain/**'], rules: rules([ui, rpc, layer(['methods', 'model', 'worker', 'state', 'ui', 'render'], 'explain/ is pure science: it may use core/ only.')]) },
  { files: ['src/methods/**'], rules: rules([ui, rpc, layer(['model', 'worker', 'state', 'ui', 'render'], 'methods/ may use core/ and explain/ only.')]) },
  { files: ['src/model/**'], rules: rules([ui, rpc, layer(['methods', 'worker', 'state', 'ui', 'render'], 'model/ adapters may use core/ and explain/ only.')]) },
  { files: ['src/worker/**'], rules: rules([ui, layer(['state', 'ui', 'render'], 'The worker knows nothing of the UI thread.')]) },
  { files: ['src/state/**'], rules: rules([tfjs, rpc, computeFiles, layer(['explain', 'model', 'worker', 'ui', 'render'], 'state/ may use core/ and method metadata only.'), { group: ['react-dom'], message: 'No DOM rendering here.' }]) },
  { files: ['src/render/**'], rules: rules([ui, tfjs, rpc, layer(['explain', 'methods', 'model', 'worker', 'state', 'ui'], 'render/ draws maps: core/ only.')]) },
  { files: ['src/ui/**', 'src/main.tsx'], rules: rules([tfjs, rpc, computeFiles, workerInternals, layer(['explain', 'model'], 'The UI reaches the science only through the worker.')]) },
];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', 'playwright-report', 'test-results'] },
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
  { files: ['scripts/**', 'e2e/**', '*.config.{js,ts}'], languageOptions: { globals: globals.node } },
  { files: ['src/**'], languageOptions: { globals: globals.browser } },
  // Tests may reach across layers (and into scripts/testing) to check them.
  ...BOUNDARIES.map((b) => ({ ...b, ignores: ['src/**/*.test.ts'] })),
);
