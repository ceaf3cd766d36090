import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { EventBusModel, StackPlan } from '../../model';
import {
  DEFAULT_NODE_IMAGE,
  DEFAULT_OUTDIR,
  DEFAULT_SYNTH_JOB,
  outputDirectoryProblem,
  renderGitlabPipeline,
  type PlanEngine,
} from '../../views/gitlab-pipeline';
import { describeEnvironmentFailure } from '../environment-failure';
import { neutralize } from '../report';
import { selectStacks } from '../stack-selection';
import { writeFileAtomically } from '../write-file';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';

/**
 * `eventbus pipeline`: the GitLab child pipeline that plans every stack of the valid requests, or
 * with --changed-since those that render differently than at a ref, and on the default branch
 * applies them by hand. Written to stdout, or atomically to --file.
 */
export async function pipelineCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      env: { type: 'string' },
      'changed-since': { type: 'string' },
      out: { type: 'string', default: DEFAULT_OUTDIR },
      image: { type: 'string' },
      binary: { type: 'string', default: 'terraform' },
      file: { type: 'string' },
      'node-image': { type: 'string', default: DEFAULT_NODE_IMAGE },
      eventbus: { type: 'string' },
      'synth-job': { type: 'string', default: DEFAULT_SYNTH_JOB },
    },
    strict: true,
  });
  const engine = planEngine(oneOf('binary', values.binary, ['terraform', 'tofu'] as const), values.image);
  const outdirProblem = outputDirectoryProblem(values.out);
  if (outdirProblem !== undefined) throw new UsageError(`--out: ${outdirProblem}`);
  for (const option of ['node-image', 'eventbus', 'synth-job'] as const) {
    if (values[option]?.trim() === '') throw new UsageError(`--${option} must not be empty`);
  }

  const selection = await selectStacks(values, output);
  if (!selection) return EXIT.invalid;
  assertReachable(selection.model, values.env);
  const stacks = selection.plans.filter(reachableFromCi);
  const allStacks = selection.all.filter(reachableFromCi);
  const text = renderGitlabPipeline(
    { stacks, allStacks },
    {
      ...engine,
      outdir: values.out,
      nodeImage: values['node-image'],
      synthJob: values['synth-job'],
      eventbus: values.eventbus ?? defaultEventbusCommand(),
    },
  );
  if (values.file === undefined) {
    output.stdout(text);
    return EXIT.ok;
  }
  try {
    writeFileAtomically(values.file, text);
  } catch (error) {
    const failure = describeEnvironmentFailure(error);
    if (failure === undefined) throw error;
    output.stderr(`${neutralize(failure)}\n`);
    return EXIT.invalid;
  }
  output.stdout(
    `${neutralize(values.file)}: ${stacks.length === 0 ? 'no stack to plan' : `${stacks.length} stack${stacks.length === 1 ? '' : 's'} to plan`}\n`,
  );
  return EXIT.ok;
}

function planEngine(binary: 'terraform' | 'tofu', image: string | undefined): PlanEngine {
  if (image?.trim() === '') throw new UsageError('--image must not be empty');
  if (binary === 'terraform') return image === undefined ? { binary } : { binary, image };
  if (image === undefined) {
    // opentofu.org, "Building a Docker Image with OpenTofu": no official image for direct use since 1.10.
    throw new UsageError(
      '--binary tofu needs --image: OpenTofu publishes no image for direct use, so name one that has tofu and a shell',
    );
  }
  return { binary, image };
}

/**
 * A local environment's stacks keep their state on the machine that applies them (npm run demo)
 * and reach an endpoint on it: a CI runner can neither plan nor apply them.
 */
function reachableFromCi(stack: StackPlan): boolean {
  return stack.environment.endpoint === undefined;
}

function assertReachable(model: EventBusModel, onlyEnvironment: string | undefined): void {
  const environment = model.platform.environments.find((candidate) => candidate.name === onlyEnvironment);
  if (environment?.endpoint !== undefined) {
    throw new UsageError(
      `--env ${environment.name} is a local environment (it has an endpoint): its stacks are applied where that AWS runs, not in CI`,
    );
  }
}

/** The guard jobs run the version of eventbus that wrote the pipeline. */
function defaultEventbusCommand(): string {
  const manifest = JSON.parse(fs.readFileSync(require.resolve('eventbus-infra/package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  return `npx --yes --package ${manifest.name}@${manifest.version} eventbus`;
}
