import { stringify } from 'yaml';
import { compareStrings } from '../diagnostics';
import type { StackPlan } from '../model';

/** Terraform 1.10 or later is needed for the S3 backend's own locking (`use_lockfile`). */
export const DEFAULT_TERRAFORM_IMAGE = 'hashicorp/terraform:1.11';
/** The guard jobs need Node.js only, to run the eventbus CLI. */
export const DEFAULT_NODE_IMAGE = 'node:22-alpine';
export const DEFAULT_SYNTH_JOB = 'eventbus:synth';
export const DEFAULT_OUTDIR = 'cdktf.out';
export const DEFAULT_STAGES: PipelineStages = { plan: 'plan', guard: 'guard', apply: 'apply' };

export interface PipelineStages {
  readonly plan: string;
  readonly guard: string;
  readonly apply: string;
}

/**
 * The engine that plans and applies. OpenTofu 1.10 and later publish no image for direct use
 * (opentofu.org, "Building a Docker Image with OpenTofu"), so `tofu` needs an image of one's own.
 */
export type PlanEngine =
  | { readonly binary?: 'terraform'; readonly image?: string }
  | { readonly binary: 'tofu'; readonly image: string };

export type GitlabPipelineOptions = PlanEngine & {
  /** The command that runs the eventbus CLI in the guard jobs, e.g. `npx --yes --package eventbus-infra@1.2.3 eventbus`. */
  readonly eventbus: string;
  /** Image of the guard jobs; it needs Node.js. @default DEFAULT_NODE_IMAGE */
  readonly nodeImage?: string;
  /** Where synth wrote the Terraform output, relative to the repository root. @default "cdktf.out" */
  readonly outdir?: string;
  /** The parent pipeline's job whose artifacts hold the synth output. @default "eventbus:synth" */
  readonly synthJob?: string;
  /** @default DEFAULT_STAGES */
  readonly stages?: Partial<PipelineStages>;
};

export interface PipelineStacks {
  /** The stacks to plan (and, on the default branch, apply) in this pipeline. */
  readonly stacks: readonly StackPlan[];
  /** Every stack of the bus, where the stacks' dependencies are looked up. */
  readonly allStacks: readonly StackPlan[];
}

/**
 * The npm cache that `ci/gitlab-ci.yml` keeps for npx: the guard jobs read it, so that each does
 * not download the CLI and its dependencies again.
 */
export const NPM_CACHE_KEY = 'eventbus-npm';

/** The job a child pipeline without stacks runs: GitLab refuses to create a pipeline with no jobs. */
export const NOTHING_TO_PLAN_JOB = 'nothing to plan';

const PLAN_FILE = 'plan.tfplan';
const PLAN_JSON = 'plan.json';
const TERRAFORM_REPORT = 'terraform-report.json';
/** Written by init: apply must install the very providers the plan was made with. */
const LOCK_FILE = '.terraform.lock.hcl';

/**
 * GitLab artifacts paths are relative to the project directory and may not leave it (GitLab CI
 * YAML reference, `artifacts:paths`); the characters allowed here need no shell quoting and are
 * no glob patterns.
 */
const RELATIVE_PATH = /^(?!\/)(?!(.*\/)?\.\.?(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*\/?$/;

/** Why `outdir` cannot be the output directory of the child pipeline, or undefined when it can. */
export function outputDirectoryProblem(outdir: string): string | undefined {
  return RELATIVE_PATH.test(outdir)
    ? undefined
    : `it must be a relative path inside the repository, of letters, digits, "_", "." and "-" separated by "/" (GitLab artifacts paths are relative to the project directory), not "${outdir}"`;
}

/**
 * The GitLab child pipeline that plans each given stack and, on the default branch, applies the
 * saved plan at a person's click. Per stack: `plan <stack>` runs init, plan and show; `guard
 * <stack>` refuses a plan that destroys a queue, topic or key and hands GitLab the Terraform
 * report; `apply <stack>` applies the plan that passed, after the apply of every topic stack it
 * subscribes to that this pipeline also applies. The synth output comes from the parent
 * pipeline's synth job.
 */
export function renderGitlabPipeline(selection: PipelineStacks, options: GitlabPipelineOptions): string {
  const settings = resolve(options);
  const stacks = [...selection.stacks].sort((a, b) => compareStrings(a.name, b.name));
  assertConsistent(stacks, selection.allStacks);
  const included = new Set(stacks.map((stack) => stack.name));

  const jobs: Record<string, object> = {};
  if (stacks.length === 0) jobs[NOTHING_TO_PLAN_JOB] = nothingToPlan(settings);
  for (const stack of stacks) {
    jobs[`plan ${stack.name}`] = planJob(stack, settings);
    jobs[`guard ${stack.name}`] = guardJob(stack, settings);
    const dependencies = stack.dependsOn.filter((name) => included.has(name));
    jobs[`apply ${stack.name}`] = applyJob(stack, dependencies, settings);
  }
  const sortedJobs = Object.fromEntries(Object.entries(jobs).sort(([a], [b]) => compareStrings(a, b)));
  const pipeline = {
    stages: [settings.stages.plan, settings.stages.guard, settings.stages.apply],
    // Terraform's own switch for output without advice to type commands (Terraform CLI docs, "Running Terraform in automation").
    variables: { TF_IN_AUTOMATION: 'true' },
    ...sortedJobs,
  };
  const header =
    '# Written by `eventbus pipeline`: the child pipeline that plans and applies the event bus stacks.\n';
  return header + stringify(pipeline, { lineWidth: 0 });
}

interface Settings {
  readonly binary: 'terraform' | 'tofu';
  readonly image: string;
  readonly nodeImage: string;
  readonly eventbus: string;
  readonly outdir: string;
  readonly synthJob: string;
  readonly stages: PipelineStages;
}

function resolve(options: GitlabPipelineOptions): Settings {
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const problem = outputDirectoryProblem(outdir);
  if (problem !== undefined) throw new Error(`outdir: ${problem}`);
  return {
    binary: options.binary ?? 'terraform',
    image: options.image ?? DEFAULT_TERRAFORM_IMAGE,
    nodeImage: options.nodeImage ?? DEFAULT_NODE_IMAGE,
    eventbus: options.eventbus,
    outdir: outdir.replace(/\/$/, ''),
    synthJob: options.synthJob ?? DEFAULT_SYNTH_JOB,
    stages: { ...DEFAULT_STAGES, ...options.stages },
  };
}

/** A stack listed twice, or a dependency that is no topic stack of the bus, is a caller's bug. */
function assertConsistent(stacks: readonly StackPlan[], allStacks: readonly StackPlan[]): void {
  const byName = new Map(allStacks.map((stack) => [stack.name, stack]));
  const seen = new Set<string>();
  for (const stack of stacks) {
    if (seen.has(stack.name)) throw new Error(`stack ${stack.name} is listed twice`);
    seen.add(stack.name);
    if (!byName.has(stack.name)) throw new Error(`stack ${stack.name} is not among all stacks`);
    for (const dependency of stack.dependsOn) {
      if (byName.get(dependency)?.layer !== 'topics') {
        throw new Error(`stack ${stack.name} depends on ${dependency}, which is no topic stack of the bus`);
      }
    }
  }
}

function stackDirectory(stack: StackPlan, settings: Settings): string {
  return `${settings.outdir}/stacks/${stack.name}`;
}

/** The image's entrypoint is the engine itself; the runner needs a shell (GitLab docs, "Override the entrypoint of an image"). */
function engineImage(settings: Settings): object {
  return { name: settings.image, entrypoint: [''] };
}

/** Artifacts of the parent pipeline's synth job (GitLab CI YAML reference, `needs:pipeline:job`). */
function synthOutput(settings: Settings): object {
  return { pipeline: '$PARENT_PIPELINE_ID', job: settings.synthJob };
}

function planJob(stack: StackPlan, settings: Settings): object {
  const directory = stackDirectory(stack, settings);
  const engine = `${settings.binary} -chdir=${directory}`;
  return {
    stage: settings.stages.plan,
    image: engineImage(settings),
    needs: [synthOutput(settings)],
    script: [
      `${engine} init -input=false`,
      `${engine} plan -input=false -out=${PLAN_FILE}`,
      // -chdir moves the engine, not the shell: the redirect names the stack's directory itself.
      `${engine} show -json ${PLAN_FILE} > ${directory}/${PLAN_JSON}`,
    ],
    artifacts: {
      paths: [`${directory}/${PLAN_FILE}`, `${directory}/${PLAN_JSON}`, `${directory}/${LOCK_FILE}`],
      expire_in: '1 week',
    },
  };
}

function guardJob(stack: StackPlan, settings: Settings): object {
  const directory = stackDirectory(stack, settings);
  return {
    stage: settings.stages.guard,
    image: settings.nodeImage,
    needs: [{ job: `plan ${stack.name}` }],
    variables: { npm_config_cache: '$CI_PROJECT_DIR/.npm' },
    cache: { key: NPM_CACHE_KEY, paths: ['.npm/'], policy: 'pull' },
    script: [
      `${settings.eventbus} guard ${directory}/${PLAN_JSON} --terraform-report ${directory}/${TERRAFORM_REPORT}`,
    ],
    artifacts: {
      // A refused plan's counts belong in the merge request's Terraform widget too.
      when: 'always',
      reports: { terraform: `${directory}/${TERRAFORM_REPORT}` },
      expire_in: '1 week',
    },
  };
}

function applyJob(stack: StackPlan, dependencies: readonly string[], settings: Settings): object {
  const engine = `${settings.binary} -chdir=${stackDirectory(stack, settings)}`;
  return {
    stage: settings.stages.apply,
    image: engineImage(settings),
    needs: [
      synthOutput(settings),
      { job: `plan ${stack.name}` },
      { job: `guard ${stack.name}`, artifacts: false },
      // A queue stack subscribes to topics its topic stacks create: those applies come first.
      ...dependencies.map((name) => ({ job: `apply ${name}`, artifacts: false })),
    ],
    rules: [
      {
        if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH',
        when: 'manual',
        // A blocking manual job (GitLab docs, "Types of manual jobs"): the default branch's pipeline
        // stays blocked until the change is applied, and a failed apply fails it.
        allow_failure: false,
      },
    ],
    // One apply per stack at a time, across pipelines (GitLab CI YAML reference, `resource_group`).
    resource_group: `eventbus/${stack.name}`,
    script: [`${engine} init -input=false`, `${engine} apply -input=false ${PLAN_FILE}`],
  };
}

function nothingToPlan(settings: Settings): object {
  return {
    stage: settings.stages.plan,
    image: engineImage(settings),
    script: ['echo "No event bus stack changed: nothing to plan or apply."'],
  };
}
