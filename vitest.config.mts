import { defineConfig } from 'vitest/config';

/** Files that replace a module with vi.mock: in a shared module graph the mock would leak. */
const MOCKING = ['test/cli/synth-security-gate.test.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    // 2 forks on 2 cores: CLI tests mostly wait on child processes, so 2 ran ~25% faster than 1 idle.
    // A fork runs file after file instead of being replaced after each: only this root setting
    // keeps the pool from starting a process per file, whatever a project's isolate says.
    poolOptions: { forks: { minForks: 1, maxForks: 2, isolate: false } },
    // Timeouts catch hangs, not slowness: a 5-7x slowdown on a loaded 2-core machine still passes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: {
      // aws-cdk-lib validates every synthesized template with a WebAssembly engine that takes
      // seconds to start in each process and only warns. The engines suite keeps it:
      // test/cloudformation/cdk-app.engine.test.ts asserts the example organisation passes it.
      CDK_VALIDATION: 'false',
    },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // The real engines (terraform plans, the CDK CLI) run on their own: npm run test:engines.
          exclude: ['test/**/*.engine.test.ts', 'node_modules/**', ...MOCKING],
          // Files share a fork's modules: aws-cdk-lib, cdktf and the IAM data load once per fork,
          // not once per file (73 in-process files: 126 s -> 26 s, 136 s -> 40 s of CPU).
          isolate: false,
        },
      },
      {
        extends: true,
        // A fresh module graph for each of these files, in forks of their own.
        test: {
          name: 'isolated',
          include: MOCKING,
          isolate: true,
          poolOptions: { forks: { isolate: true } },
        },
      },
    ],
  },
});
