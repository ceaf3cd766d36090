import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StackManifest } from 'cdktf';
import { reportTerraformStack, type StackReport } from '../checks';
import type { EventBusModel, StackPlan, StateBackend } from '../model';
import { Duration, Size } from '../units';
import { startOutput, writeManifest, writeStacks } from './synthesize';

/** What a synth worker is given: the plans of the stacks it writes, and where. */
export interface SynthJob {
  /** The stacks to write, in plan order, as a structured clone carries them (see `revivePlans`). */
  readonly plans: readonly StackPlan[];
  readonly stateBackend?: StateBackend;
  /** Every stack of the output: dependencies on these are recorded. */
  readonly dependable: readonly string[];
  readonly outdir: string;
}

/** What a worker reports when it is done: its stacks' manifest entries and reports, or why it failed. */
export type SynthJobResult =
  | {
      readonly ok: true;
      readonly entries: readonly (readonly [string, StackManifest])[];
      readonly reports: readonly StackReport[];
    }
  | { readonly ok: false; readonly message: string };

export class ParallelSynthError extends Error {}

/**
 * Synthesizes the plans' stacks in `jobs` threads (this one included) into `outdir`, in cdktf's
 * layout, with the manifest a single app would write (stacks are independent: topic ARNs are
 * written out, and dependencies live only in the manifest). The workers get the plans this
 * thread validated, write their stacks straight into `outdir` and run the rule pack on them.
 * Returns every stack's report, in plan order.
 * @throws ParallelSynthError when a worker fails
 */
export async function synthesizeTerraformInWorkers(
  model: EventBusModel,
  plans: readonly StackPlan[],
  outdir: string,
  jobs: number,
): Promise<StackReport[]> {
  const version = startOutput(outdir);
  const { stateBackend } = model.platform;
  const dependable = plans.map((plan) => plan.name);
  const [own = [], ...others] = partition(plans, jobs);
  const workers = others.map((group) =>
    runJob({ plans: group, ...(stateBackend ? { stateBackend } : {}), dependable, outdir }),
  );
  // Awaited below; until then a failing worker must not count as an unhandled rejection.
  const rendered = Promise.all(workers);
  rendered.catch(() => undefined);
  // This thread writes a share too, while the workers run.
  const reports = new Map<string, StackReport>();
  const entries = new Map<string, StackManifest>(
    writeStacks(own, stateBackend, outdir, new Set(dependable), (name, document) =>
      reports.set(name, reportTerraformStack(name, document)),
    ),
  );
  for (const result of await rendered) {
    for (const [name, entry] of result.entries) entries.set(name, entry);
    for (const report of result.reports) reports.set(report.stack, report);
  }
  const ordered = new Map<string, StackManifest>();
  for (const plan of plans) {
    const entry = entries.get(plan.name);
    if (!entry || !reports.has(plan.name))
      throw new ParallelSynthError(`no worker rendered stack ${plan.name}`);
    ordered.set(plan.name, entry);
  }
  writeManifest(outdir, version, ordered);
  return plans.map((plan) => reports.get(plan.name) as StackReport);
}

/**
 * Plans after a structured clone: data survives, classes do not. Duration and Size are the
 * classes a plan holds; they arrive as plain objects with their fields, and get their class back
 * here (by their field names, as the classes themselves have them).
 */
export function revivePlans(plans: readonly StackPlan[]): void {
  const classes = [Duration.seconds(0), Size.bytes(0)].map((instance) => ({
    prototype: Object.getPrototypeOf(instance) as object,
    fields: Object.keys(instance).sort().join(','),
  }));
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const keys = Object.keys(value);
    const revived = classes.find((kind) => kind.fields === keys.sort().join(','));
    if (revived) Object.setPrototypeOf(value, revived.prototype);
    else for (const key of keys) visit((value as Record<string, unknown>)[key]);
  };
  visit(plans);
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

function runJob(job: SynthJob): Promise<Extract<SynthJobResult, { ok: true }>> {
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
      if (result?.ok) resolve(result);
      else reject(new ParallelSynthError(result?.message ?? `a synth worker stopped with exit code ${code}`));
    });
  });
}
