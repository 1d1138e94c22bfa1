import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds the bench page (not part of the app): the repo's public/ folder serves the models and samples.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: fileURLToPath(new URL('../../public', import.meta.url)),
  worker: { format: 'es' },
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  logLevel: 'warn',
});
