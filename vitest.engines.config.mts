import { defineConfig } from 'vitest/config';

/**
 * Tests that drive the real engines (terraform with the provider from a local mirror, the CDK
 * CLI): slow, so apart.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.engine.test.ts'],
    pool: 'forks',
    // Two forks: applies to a local AWS mostly wait for the provider's polling, so a second file
    // runs beside them; the engines themselves use both cores.
    poolOptions: { forks: { minForks: 1, maxForks: 2 } },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
