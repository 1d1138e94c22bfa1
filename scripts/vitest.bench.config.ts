import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/*.bench.ts'],
    environment: 'node',
    testTimeout: 600_000,
    silent: false,
    reporters: ['default'],
  },
});
