import { parentPort, workerData } from 'node:worker_threads';
import { validateRequests } from '../pipeline';
import { synthesizeTerraform } from './index';
import { fingerprintDigest, type SynthJob, type SynthJobResult } from './parallel';

/** One worker of a parallel synth: validates the requests and renders the stacks it was given. */
function run(job: SynthJob): SynthJobResult {
  const { model, plans } = validateRequests(job.source);
  if (!model || !plans)
    return { ok: false, message: 'the requests no longer validate: they changed during synth' };
  const byName = new Map(plans.map((plan) => [plan.name, plan]));
  const selected = [];
  for (const { name, fingerprint } of job.stacks) {
    const plan = byName.get(name);
    if (!plan || fingerprintDigest(plan, model) !== fingerprint) {
      return {
        ok: false,
        message: `stack ${name} would render differently: the requests changed during synth`,
      };
    }
    selected.push(plan);
  }
  synthesizeTerraform(model, selected, job.outdir);
  return { ok: true };
}

let result: SynthJobResult;
try {
  result = run(workerData as SynthJob);
} catch (error) {
  result = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(result);
