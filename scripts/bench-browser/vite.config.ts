import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { CROSS_ORIGIN_ISOLATION, wasmThreads } from '../vite/wasmThreads.ts';

// Builds the bench page (not part of the app): the repo's public/ folder serves the models and samples.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: fileURLToPath(new URL('../../public', import.meta.url)),
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  logLevel: 'warn',
});
