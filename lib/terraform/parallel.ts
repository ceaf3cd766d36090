import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Manifest, type StackManifest } from 'cdktf';
import { renderFingerprint, type EventBusModel, type StackPlan } from '../model';
import type { LoadOptions } from '../request';
import { synthesizeTerraform } from './index';

/** What a synth worker is given: where the requests are, and which stacks it renders. */
export interface SynthJob {
  readonly source: LoadOptions;
  /** The stacks to render, in plan order, each with the fingerprint of the plan it must render. */
  readonly stacks: readonly { readonly name: string; readonly fingerprint: string }[];
  readonly outdir: string;
}

/** What a worker reports when it is done: nothing, or why it could not render its stacks. */
export type SynthJobResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

export class ParallelSynthError extends Error {}

/** A short, fixed-length form of a stack's fingerprint, cheap to hand to a worker. */
export function fingerprintDigest(plan: StackPlan, model: EventBusModel): string {
  return createHash('sha256').update(renderFingerprint(plan, model.platform.stateBackend)).digest('hex');
}

/**
 * Synthesizes the plans' stacks in `jobs` worker threads into `outdir`, in cdktf's layout, with
 * the manifest a single app would write (stacks are independent: topic ARNs are written out, and
 * dependencies live only in the manifest). Each worker validates the requests again and refuses
 * to render a stack whose plan differs from the one given here (a file changed meanwhile).
 * @throws ParallelSynthError when a worker fails
 */
export async function synthesizeTerraformInWorkers(
  model: EventBusModel,
  plans: readonly StackPlan[],
  source: LoadOptions,
  outdir: string,
  jobs: number,
): Promise<void> {
  const groups = partition(plans, jobs);
  const jobDirectories = groups.map((_, index) => path.join(outdir, `.job-${index}`));
  try {
    const [own = [], ...others] = groups;
    const workers = others.map((group, index) =>
      runJob({
        source,
        stacks: group.map((plan) => ({ name: plan.name, fingerprint: fingerprintDigest(plan, model) })),
        outdir: jobDirectories[index + 1] as string,
      }),
    );
    // This thread renders a share too, while the workers run: it has the model already.
    const rendered = Promise.all(workers);
    // Awaited below; until then a failing worker must not count as an unhandled rejection.
    rendered.catch(() => undefined);
    synthesizeTerraform(model, own, jobDirectories[0] as string);
    await rendered;
    mergeOutputs(plans, jobDirectories, outdir);
  } finally {
    for (const directory of jobDirectories) fs.rmSync(directory, { recursive: true, force: true });
  }
}

/** Plans spread over the jobs by size, largest first onto the least loaded, each group in plan order. */
function partition(plans: readonly StackPlan[], jobs: number): StackPlan[][] {
  const count = Math.max(1, Math.min(jobs, plans.length));
  const groups: { plans: StackPlan[]; load: number }[] = Array.from({ length: count }, () => ({
    plans: [],
    load: 0,
  }));
  const order = new Map(plans.map((plan, index) => [plan, index]));
  const bySize = [...plans].sort(
    (a, b) => sizeOf(b) - sizeOf(a) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
  for (const plan of bySize) {
    const lightest = groups.reduce((best, group) => (group.load < best.load ? group : best));
    lightest.plans.push(plan);
    lightest.load += sizeOf(plan);
  }
  return groups.map((group) => group.plans.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}

/** Roughly the resources a plan renders: a topic makes 3, a queue with its DLQs about 8. */
function sizeOf(plan: StackPlan): number {
  return (
    1 + plan.topics.length * 3 + plan.queues.reduce((sum, queue) => sum + 8 + queue.subscriptions.length, 0)
  );
}

function runJob(job: SynthJob): Promise<void> {
  // The worker is the compiled module beside this one; the sources are not run directly.
  const script = path.join(__dirname, 'synth-worker.js');
  if (!fs.existsSync(script)) {
    return Promise.reject(
      new ParallelSynthError(`${script} is missing: parallel synth runs from the built package`),
    );
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let result: SynthJobResult | undefined;
    worker.on('message', (message: SynthJobResult) => {
      result = message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (result?.ok) resolve();
      else reject(new ParallelSynthError(result?.message ?? `a synth worker stopped with exit code ${code}`));
    });
  });
}

/**
 * The workers' stacks moved into `outdir`, and one manifest for all of them, written by cdktf's
 * own Manifest. A worker's app holds only its stacks, so each stack's dependencies are those of
 * its plan among the stacks rendered, as one app holding all of them records them.
 */
function mergeOutputs(plans: readonly StackPlan[], jobDirectories: readonly string[], outdir: string): void {
  const entries = new Map<string, StackManifest>();
  let version: string | undefined;
  for (const directory of jobDirectories) {
    const manifest = JSON.parse(fs.readFileSync(path.join(directory, Manifest.fileName), 'utf8')) as {
      version: string;
      stacks: Record<string, StackManifest>;
    };
    version ??= manifest.version;
    for (const [name, entry] of Object.entries(manifest.stacks)) entries.set(name, entry);
  }
  const manifest = new Manifest(version ?? '', outdir, false);
  const rendered = new Set(plans.map((plan) => plan.name));
  for (const plan of plans) {
    const entry = entries.get(plan.name);
    const directory = jobDirectories.find((job) =>
      fs.existsSync(path.join(job, Manifest.stacksFolder, plan.name)),
    );
    if (!entry || !directory) throw new ParallelSynthError(`no worker rendered stack ${plan.name}`);
    fs.renameSync(
      path.join(directory, Manifest.stacksFolder, plan.name),
      path.join(outdir, Manifest.stacksFolder, plan.name),
    );
    manifest.stacks[plan.name] = {
      ...entry,
      dependencies: plan.dependsOn.filter((name) => rendered.has(name)),
    };
  }
  manifest.writeToFile();
}
