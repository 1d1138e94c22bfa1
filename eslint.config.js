import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Architecture boundaries: the science knows nothing of React, the DOM or the worker; the UI never touches tfjs.
const noReact = { group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*'], message: 'explain/ and model/ are pure: no React or state.' };
const noWorker = { group: ['**/worker/**', 'comlink'], message: 'Only src/worker talks RPC.' };
const noUi = { group: ['**/ui/**', '**/state/**', '**/render/**'], message: 'Lower layers must not import the UI (type-only imports of the shared vocabulary are fine).', allowTypeImports: true };
const noTf = { group: ['@tensorflow/*', '**/explain/**', '**/model/**'], message: 'The UI reaches tfjs only through the worker bridge.' };

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
  { files: ['src/explain/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noReact, noWorker, noUi, { group: ['**/model/**'], message: 'explain/ must not depend on model adapters.' }] }] } },
  { files: ['src/model/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noReact, noWorker, noUi] }] } },
  { files: ['src/worker/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noReact, noUi] }] } },
  { files: ['src/state/**', 'src/render/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noTf, { group: ['react-dom'], message: 'No DOM rendering here.' }] }] } },
  { files: ['src/ui/**'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noTf] }] } },
);
