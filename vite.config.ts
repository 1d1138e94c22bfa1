import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/vite/csp.ts';
import { CROSS_ORIGIN_ISOLATION, wasmThreads } from './scripts/vite/wasmThreads.ts';

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  // The engine worker is bundled on its own: its plugins are listed here.
  worker: { format: 'es', plugins: () => [wasmThreads()] },
  // tfjs-backend-wasm ships its .wasm binaries; they are imported with ?url and served as assets.
  assetsInclude: ['**/*.wasm'],
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // The worker and its lazily imported backends are scanned up front: otherwise Vite discovers their dependencies on the
  // first visit and reloads the page once.
  optimizeDeps: { entries: ['index.html', 'src/engine/engine.worker.ts'] },
  server: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
  preview: { host: '127.0.0.1', headers: CROSS_ORIGIN_ISOLATION },
  test: {
    include: ['src/**/*.test.ts', 'scripts/bench/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
