import { defineConfig } from 'vitest/config';

/** Tests that drive the real engines (terraform with the provider from a local mirror): slow, so apart. */
export default defineConfig({
  test: {
    include: ['test/**/*.engine.test.ts'],
    pool: 'forks',
    // One fork: the engines themselves use both cores.
    poolOptions: { forks: { minForks: 1, maxForks: 1 } },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
