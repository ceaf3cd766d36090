/**
 * Generated organisations through the real pipeline and both backends: every assertion of the
 * suite, on every organisation.
 */
import * as fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { turnEventLoop } from '../support/event-loop';
import { GENERATED_CONFIG, organisation } from './organisation';
import { planRequests, render, writeProject } from './pipeline';
import type { Backend } from './rendered';
import { checkEverything } from './suite';

/** CloudFormation synthesis takes about a second an organisation; Terraform's a tenth of that. */
const RUNS: Readonly<Record<Backend, number>> = { terraform: 10, cloudformation: 3 };

describe('generated organisations', () => {
  for (const backend of ['terraform', 'cloudformation'] as const) {
    it(`keep least privilege in ${backend}`, async () => {
      let simulations = 0;
      let organisations = 0;
      await fc.assert(
        fc.asyncProperty(organisation, async (requests) => {
          // Synthesis runs in this worker; let its event loop turn before each organisation.
          await turnEventLoop();
          const project = writeProject(requests, GENERATED_CONFIG);
          try {
            const bus = render(backend, planRequests(project.requestsDir, project.configFile, project.root));
            const result = await checkEverything(bus);
            simulations += result.simulations;
            organisations += 1;
            expect(result.problems).toEqual([]);
          } finally {
            fs.rmSync(project.root, { recursive: true, force: true });
          }
        }),
        // Shrinking would synthesize hundreds of organisations; the failing one is printed as it is.
        { numRuns: RUNS[backend], endOnFailure: true },
      );
      console.info(
        `[security] generated organisations (${backend}): ${organisations} organisations, ${simulations} simulations`,
      );
    });
  }
});
