import { parentPort, workerData } from 'node:worker_threads';
import { reportTerraformStack, type StackReport } from '../checks';
import { revivePlans, type SynthJob, type SynthJobResult } from './parallel';
import { writeStacks } from './synthesize';

/** One worker of a parallel synth: writes the stacks of the plans it was given and checks them. */
function run(job: SynthJob): SynthJobResult {
  revivePlans(job.plans);
  const reports: StackReport[] = [];
  const entries = writeStacks(
    job.plans,
    job.stateBackend,
    job.outdir,
    new Set(job.dependable),
    (name, document) => reports.push(reportTerraformStack(name, document)),
  );
  return { ok: true, entries: [...entries], reports };
}

let result: SynthJobResult;
try {
  result = run(workerData as SynthJob);
} catch (error) {
  result = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(result);
