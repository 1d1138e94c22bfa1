import { defineConfig } from 'vitest/config';

// npm run study:rise — the RISE convergence study (docs/rise-convergence.md).
export default defineConfig({
  test: {
    include: ['scripts/study/*.study.ts'],
    environment: 'node',
    testTimeout: 14_400_000,
    silent: false,
    reporters: ['default'],
  },
});
