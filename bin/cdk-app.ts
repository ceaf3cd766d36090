#!/usr/bin/env node
/**
 * The CDK app that `cdk synth` and `cdk deploy` run (cdk.json's "app"): the request files in
 * `requests/` with `eventbus.config.yaml`, validated and planned exactly as `eventbus synth` does,
 * rendered by the CloudFormation backend. Invalid requests print their diagnostics and exit 1, so
 * the CDK CLI stops before it deploys anything.
 */
import { buildCloudFormationApp, CloudFormationPlanError } from '../lib/cloudformation';
import { formatText, neutralize } from '../lib/cli/report';
import { planStacks } from '../lib/model';
import { validateRequests } from '../lib/pipeline';

/** Where the CDK CLI wants the cloud assembly; `cdk.out` when the app runs on its own. */
const OUTDIR_ENV = 'CDK_OUTDIR';

function main(): number {
  const { model, diagnostics } = validateRequests({
    requestsDir: 'requests',
    configFile: 'eventbus.config.yaml',
  });
  if (diagnostics.length > 0) process.stderr.write(formatText(diagnostics));
  if (!model) {
    process.stderr.write('eventbus: no stack was synthesized: fix the errors above first\n');
    return 1;
  }
  try {
    buildCloudFormationApp(planStacks(model), { outdir: process.env[OUTDIR_ENV] ?? 'cdk.out' }).synth();
  } catch (error) {
    // A plan the backend refuses is reported like bad input; anything else is a bug, with its stack.
    if (!(error instanceof CloudFormationPlanError)) throw error;
    process.stderr.write(`eventbus: cannot synthesize CloudFormation: ${neutralize(error.message)}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
