import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { StackManifest } from 'cdktf';
import { reportTerraformStack, type StackReport } from '../checks';
import type { EventBusModel, StackPlan, StateBackend } from '../model';
import { Duration, Size } from '../units';
import { startOutput, writeManifest, writeStacks } from './synthesize';

/** What a synth worker is given at its start: where to write, and what its stacks may depend on. */
export interface SynthJob {
  readonly stateBackend?: StateBackend;
  /** Every stack of the output: dependencies on these are recorded. */
  readonly dependable: readonly string[];
  readonly outdir: string;
}

/** Stacks for a worker to write, in plan order, as a structured clone carries them (see `revivePlans`); none when all are taken. */
export interface SynthChunk {
  readonly plans: readonly StackPlan[];
}

/** What a worker sends: a request for stacks, what it wrote of a chunk, or why it failed. */
export type SynthWorkerMessage =
  | { readonly kind: 'more' }
  | {
      readonly kind: 'written';
      readonly entries: readonly (readonly [string, StackManifest])[];
      readonly reports: readonly StackReport[];
    }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string };

export class ParallelSynthError extends Error {}

/** Stacks a worker asks for at a time: enough to keep it busy while its next request is answered. */
const CHUNK = 16;

/**
 * Synthesizes the plans' stacks in `jobs` threads (this one included) into `outdir`, in cdktf's
 * layout, with the manifest a single app would write (stacks are independent: topic ARNs are
 * written out, and dependencies live only in the manifest). Workers ask this thread for the
 * validated plans of a few stacks at a time, write them straight into `outdir` and run the rule
 * pack on them; this thread writes one stack at a time from the same list between requests, so
 * the threads finish together however long a worker takes to start. Returns every stack's
 * report, in plan order.
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
  const dependableSet = new Set(dependable);
  const reports = new Map<string, StackReport>();
  const entries = new Map<string, StackManifest>();
  let next = 0;
  const take = (count: number): StackPlan[] => {
    const taken = plans.slice(next, next + count);
    next += taken.length;
    return taken;
  };
  const workerCount = Math.max(0, Math.min(jobs, plans.length) - 1);
  const workers = Array.from({ length: workerCount }, () =>
    runWorker({ ...(stateBackend ? { stateBackend } : {}), dependable, outdir }, take, (message) => {
      for (const [name, entry] of message.entries) entries.set(name, entry);
      for (const report of message.reports) reports.set(report.stack, report);
    }),
  );
  // A failure stops the handing out of stacks; every thread finishes what it has before the error
  // is thrown, so that nothing writes into `outdir` after this returns.
  const settled = Promise.allSettled(
    workers.map((worker) =>
      worker.catch((error: unknown) => {
        next = plans.length;
        throw error;
      }),
    ),
  );
  for (let [plan] = take(1); plan; [plan] = take(1)) {
    const written = writeStacks([plan], stateBackend, outdir, dependableSet, (name, document) =>
      reports.set(name, reportTerraformStack(name, document)),
    );
    for (const [name, entry] of written) entries.set(name, entry);
    // Lets the workers' requests for more stacks through.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const failure = (await settled).find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const ordered = new Map<string, StackManifest>();
  for (const plan of plans) {
    const entry = entries.get(plan.name);
    if (!entry || !reports.has(plan.name))
      throw new ParallelSynthError(`no thread rendered stack ${plan.name}`);
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

function runWorker(
  job: SynthJob,
  take: (count: number) => StackPlan[],
  written: (message: Extract<SynthWorkerMessage, { kind: 'written' }>) => void,
): Promise<void> {
  // The worker is the compiled module beside this one; the sources are not run directly.
  const script = path.join(__dirname, 'synth-worker.js');
  if (!fs.existsSync(script)) {
    return Promise.reject(
      new ParallelSynthError(`${script} is missing: parallel synth runs from the built package`),
    );
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: job });
    let done = false;
    let failure: string | undefined;
    worker.on('message', (message: SynthWorkerMessage) => {
      if (message.kind === 'more') worker.postMessage({ plans: take(CHUNK) } satisfies SynthChunk);
      else if (message.kind === 'written') written(message);
      else if (message.kind === 'done') done = true;
      else failure = message.message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (done) resolve();
      else reject(new ParallelSynthError(failure ?? `a synth worker stopped with exit code ${code}`));
    });
  });
}
