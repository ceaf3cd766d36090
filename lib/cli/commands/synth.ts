import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CheckInputError,
  findDroppedResources,
  reportTerraformStack,
  type DroppedResource,
  type Finding,
  type StackReport,
} from '../../checks';
import type { CloudFormationSynthesis } from '../../cloudformation';
import { compareStrings } from '../../diagnostics';
import { planIdentityPolicies, type EventBusModel, type StackPlan } from '../../model';
import { writeEndpoints } from '../../views/endpoints';
import { writeIdentityPolicies } from '../../views/identity-policies';
import { neutralize } from '../report';
import { describeEnvironmentFailure } from '../environment-failure';
import {
  assertReplaceable,
  BUILT,
  jobsDirectoryPrefix,
  OutputLocked,
  OutputRefused,
  refused,
  replaceDirectory,
  type BuildOutcome,
  type Refusal,
} from '../output-directory';
import {
  formatSummary,
  summarizeCloudFormationSynthesis,
  summarizeTerraformReports,
  type SynthSummary,
} from '../summary';
import { selectStacks } from '../stack-selection';
import { EXIT, oneOf, SOURCE_OPTIONS, UsageError, type Output } from '../usage';
import { formatFindingsText } from './check';

const TARGETS = ['terraform', 'cloudformation', 'all'] as const;
type Target = (typeof TARGETS)[number];

/** One backend's output: where it goes, how to write it, and how to read it back for the summary. */
interface TargetOutput {
  readonly outdir: string;
  /**
   * Writes the whole output into `directory`, which is empty, or refuses it: a plan the backend
   * cannot render, or output the checks reject. The user gets the refusal's message, not a stack trace.
   */
  write(directory: string): BuildOutcome;
  summarize(): SynthSummary;
}

function targetOutdirs(target: Target, outdirs: { terraform: string; cloudformation: string }): string[] {
  if (target === 'all') return [outdirs.terraform, outdirs.cloudformation];
  return [outdirs[target]];
}

export async function synthCommand(args: readonly string[], output: Output): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...SOURCE_OPTIONS,
      target: { type: 'string', default: 'terraform' },
      out: { type: 'string', default: 'cdktf.out' },
      'cdk-out': { type: 'string', default: 'cdk.out' },
      env: { type: 'string' },
      previous: { type: 'string' },
      'changed-since': { type: 'string' },
      jobs: { type: 'string' },
    },
    strict: true,
  });
  const target = oneOf('target', values.target, TARGETS);
  const jobs = jobsOption(values.jobs);
  if (values.previous !== undefined) assertPreviousOutput(values.previous, target);
  if (target === 'all') assertSeparate(values.out, values['cdk-out']);
  const outdirs = { terraform: values.out, cloudformation: values['cdk-out'] };
  try {
    for (const outdir of targetOutdirs(target, outdirs)) {
      assertReplaceable(outdir, {
        cwd: process.cwd(),
        requestsDir: values.requests,
        configFile: values.config,
      });
    }
  } catch (error) {
    if (error instanceof OutputRefused) throw new UsageError(error.message);
    throw error;
  }
  // With --changed-since the base validates on a thread of its own; this one loads the backends
  // meanwhile instead of waiting.
  const selection = await selectStacks(values, output, () => preloadBackends(target));
  if (!selection) {
    output.stderr('nothing was written: fix the errors above first\n');
    return EXIT.invalid;
  }
  const { model, plans, all } = selection;
  // Stacks of the current requests that are not rendered again: --previous leaves them alone.
  const rendered = new Set(plans.map((plan) => plan.name));
  const untouched = new Set(all.map((plan) => plan.name).filter((name) => !rendered.has(name)));
  const warnings: Finding[] = [];
  let written: BuildOutcome;
  let prebuilt: PrebuiltTerraform | undefined;
  try {
    prebuilt =
      target !== 'cloudformation' && workerCount(jobs, plans.length) > 1
        ? await prebuildTerraform(model, plans, outdirs.terraform, workerCount(jobs, plans.length))
        : undefined;
    const outputs = await loadTargets(
      target,
      model,
      { plans, all, untouched },
      outdirs,
      warnings,
      values.previous,
      prebuilt,
    );
    written = writeTogether(outputs);
    if (written.ok) {
      if (warnings.length > 0) output.stderr(formatFindingsText(warnings));
      if (selection.base !== undefined) {
        output.stdout(
          `${plans.length} of ${all.length} stacks render differently than at ${selection.base}; only those were written\n`,
        );
      }
      for (const target of outputs) output.stdout(formatSummary(target.summarize(), target.outdir));
    }
  } catch (error) {
    const failure =
      error instanceof OutputLocked || error instanceof PrebuildFailed
        ? `eventbus: ${error.message}`
        : describeEnvironmentFailure(error);
    if (failure === undefined) throw error;
    written = refused(failure);
  } finally {
    if (prebuilt) fs.rmSync(prebuilt.directory, { recursive: true, force: true });
  }
  if (!written.ok) {
    output.stderr(`${neutralize(written.message)}\nnothing was written; the previous output is unchanged\n`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

/**
 * Below this many stacks one thread is faster unless --jobs asks otherwise: a worker spends
 * about half a second loading cdktf and receiving its plans before it renders anything.
 */
const PARALLEL_MIN_STACKS = 64;

/** --jobs: threads for Terraform synth, as given, or undefined for the default. */
function jobsOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(value)) {
    throw new UsageError(`--jobs must be a whole number from 1 to 999, but "${value}" was given`);
  }
  return Number(value);
}

/** Threads to render with: --jobs, or the machine's parallelism for outputs large enough to gain. */
function workerCount(jobs: number | undefined, stacks: number): number {
  const wanted = jobs ?? (stacks >= PARALLEL_MIN_STACKS ? os.availableParallelism() : 1);
  return Math.min(wanted, stacks);
}

/** Terraform stacks rendered by workers before the output is staged, where they are, and their reports. */
interface PrebuiltTerraform {
  readonly directory: string;
  readonly reports: readonly StackReport[];
}

class PrebuildFailed extends Error {}

/**
 * Renders the Terraform stacks in worker threads, into a directory beside the output (so they
 * move into the staged output by rename). Nothing replaces the output until the staged whole
 * passed every check, exactly as with one process.
 */
async function prebuildTerraform(
  model: EventBusModel,
  plans: readonly StackPlan[],
  outdir: string,
  jobs: number,
): Promise<PrebuiltTerraform> {
  const absolute = path.resolve(outdir);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  const directory = fs.mkdtempSync(jobsDirectoryPrefix(absolute));
  const { ParallelSynthError, synthesizeTerraformInWorkers } = await import('../../terraform/parallel.js');
  try {
    return { directory, reports: await synthesizeTerraformInWorkers(model, plans, directory, jobs) };
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    if (error instanceof ParallelSynthError) throw new PrebuildFailed(error.message);
    throw error;
  }
}

/** Moves what the workers rendered into the staged output. */
function movePrebuilt(prebuilt: PrebuiltTerraform, staging: string): void {
  for (const entry of fs.readdirSync(prebuilt.directory)) {
    fs.renameSync(path.join(prebuilt.directory, entry), path.join(staging, entry));
  }
}

/** --previous compares Terraform outputs; it must be one, as `synth` wrote it. */
function assertPreviousOutput(previous: string, target: Target): void {
  if (target === 'cloudformation') throw new UsageError('--previous applies to the Terraform output only');
  if (!fs.existsSync(path.join(previous, 'manifest.json'))) {
    throw new UsageError(
      `--previous must be a Terraform output written by synth, but ${previous} has no manifest.json`,
    );
  }
}

/**
 * Refuses a new output that would let Terraform destroy what the previous one protected. The
 * earlier output named by --previous is input like the requests: unreadable is a refusal, not a crash.
 */
function refuseDropped(
  previousOutdir: string,
  outdir: string,
  untouched: ReadonlySet<string>,
): Refusal | undefined {
  let dropped: DroppedResource[];
  try {
    dropped = findDroppedResources(previousOutdir, outdir).filter(
      (resource) => !untouched.has(resource.stack),
    );
  } catch (error) {
    if (error instanceof CheckInputError) return refused(`eventbus: --previous: ${error.message}`);
    throw error;
  }
  return dropped.length > 0 ? refused(describeDropped(dropped)) : undefined;
}

function describeDropped(dropped: readonly DroppedResource[]): string {
  const lines = dropped.map(({ stack, address, stackGone }) =>
    stackGone
      ? `${stack} ${address}: its stack is gone from the requests, but its state still holds it; a later stack of that name would destroy it`
      : `${stack} ${address}: no longer in the requests; terraform apply would destroy it`,
  );
  return `${lines.map((line) => `${neutralize(line)}\n`).join('')}eventbus: mark the topics and queues that leave the bus "retired: true" instead of deleting their entries (see "Removing and renaming" in the README)`;
}

/** The stacks to render, every stack of the requests, and those of them not rendered again. */
interface RenderedStacks {
  readonly plans: readonly StackPlan[];
  readonly all: readonly StackPlan[];
  readonly untouched: ReadonlySet<string>;
}

/** Starts importing the target's backends, which {@link loadTargets} then finds loaded. */
function preloadBackends(target: Target): void {
  // A backend that fails to load fails again where it is awaited, and is reported there.
  if (target !== 'cloudformation') import('../../terraform/index.js').catch(() => undefined);
  if (target !== 'terraform') import('../../cloudformation/index.js').catch(() => undefined);
}

/**
 * Each backend is imported only for its target: validate and schema never load either, and one
 * target never pays for the other's library (cdktf with the provider bindings, or aws-cdk-lib).
 */
async function loadTargets(
  target: Target,
  model: EventBusModel,
  { plans, all, untouched }: RenderedStacks,
  outdirs: { readonly terraform: string; readonly cloudformation: string },
  warnings: Finding[],
  previousOutdir: string | undefined,
  prebuilt: PrebuiltTerraform | undefined,
): Promise<TargetOutput[]> {
  const outputs: TargetOutput[] = [];
  // Identity policies and endpoints span every stack: they are written whole, whichever are rendered.
  const identityPolicies = planIdentityPolicies(all);
  if (target === 'terraform' || target === 'all') {
    const { synthesizeTerraform } = await import('../../terraform/index.js');
    let reports: readonly StackReport[] = [];
    outputs.push({
      outdir: outdirs.terraform,
      write: (directory) => {
        if (prebuilt) {
          movePrebuilt(prebuilt, directory);
          reports = prebuilt.reports;
        } else {
          const written: StackReport[] = [];
          synthesizeTerraform(model, plans, directory, (name, document) =>
            written.push(reportTerraformStack(name, document)),
          );
          reports = written;
        }
        // A read-only cross-check: the output never depends on --previous, it is only refused.
        if (previousOutdir !== undefined) {
          const refusal = refuseDropped(previousOutdir, directory, untouched);
          if (refusal) return refusal;
        }
        writeIdentityPolicies(identityPolicies, directory);
        writeEndpoints(all, directory);
        // The rule pack checked each stack as it was written, before anything is replaced: output
        // that breaks a security rule never reaches the directory the infrastructure team applies from.
        const findings = findingsOf(reports);
        if (findings.some((finding) => finding.severity === 'error')) {
          return refused(
            `${formatFindingsText(findings)}eventbus: the Terraform output breaks the security rules above`,
          );
        }
        warnings.push(...findings);
        return BUILT;
      },
      summarize: () => summarizeTerraformReports(reports),
    });
  }
  if (target === 'cloudformation' || target === 'all') {
    const { synthesizeCloudFormation, CloudFormationPlanError } =
      await import('../../cloudformation/index.js');
    let synthesis: CloudFormationSynthesis = { stacks: [], resourceCounts: {}, resourceTypes: {} };
    outputs.push({
      outdir: outdirs.cloudformation,
      write: (directory) => {
        try {
          // aws-cdk-lib's built-in template validation only warns, costs about 7 s of CPU and
          // 280 MB per run, and checks templates whose shape the engines suite proves valid with
          // it and with cfn-lint; the CDK app (cdk synth) keeps it.
          synthesis = synthesizeCloudFormation(plans, directory, { builtinValidation: false });
        } catch (error) {
          if (error instanceof CloudFormationPlanError) {
            return refused(`eventbus: cannot synthesize CloudFormation: ${error.message}`);
          }
          throw error;
        }
        writeIdentityPolicies(identityPolicies, directory);
        writeEndpoints(all, directory);
        return BUILT;
      },
      summarize: () => summarizeCloudFormationSynthesis(synthesis),
    });
  }
  return outputs;
}

/** The rule pack's findings over the whole output, stack by stack in name order, as `eventbus check` lists them. */
function findingsOf(reports: readonly StackReport[]): Finding[] {
  return [...reports].sort((a, b) => compareStrings(a.stack, b.stack)).flatMap((report) => report.findings);
}

/**
 * Every output is built beside its directory; the last one is swapped in first, and each earlier
 * one only after all later ones succeeded. A failure in any backend leaves every previous output
 * untouched (only a failing rename between two swaps could leave one new and one old). A refusal
 * by any backend is returned, and nothing is replaced.
 */
function writeTogether(outputs: readonly TargetOutput[]): BuildOutcome {
  const [first, ...rest] = outputs;
  if (!first) return BUILT;
  return replaceDirectory(first.outdir, (staging) => {
    const written = first.write(staging);
    return written.ok ? writeTogether(rest) : written;
  });
}

/** Replacing one directory would delete or swallow the other. */
function assertSeparate(terraformOut: string, cloudFormationOut: string): void {
  const [a, b] = [path.resolve(terraformOut), path.resolve(cloudFormationOut)];
  const inside = (child: string, parent: string): boolean => {
    const relative = path.relative(parent, child);
    return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
  };
  if (inside(a, b) || inside(b, a)) {
    throw new UsageError(
      `--out and --cdk-out must be separate directories, neither inside the other, but "${terraformOut}" and "${cloudFormationOut}" were given`,
    );
  }
}
