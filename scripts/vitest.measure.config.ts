import { defineConfig } from 'vitest/config';

// npx vitest run --config scripts/vitest.measure.config.ts — measures which layer each trained model should explain by default.
export default defineConfig({
  test: {
    include: ['scripts/measure-layers.measure.ts'],
    environment: 'node',
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    silent: false,
    reporters: ['default'],
  },
});
