import { parentPort, workerData } from 'node:worker_threads';
import { reportTerraformStack, type StackReport } from '../checks';
import { revivePlans, type SynthChunk, type SynthJob, type SynthWorkerMessage } from './parallel';
import { writeStacks } from './synthesize';

/**
 * One worker of a parallel synth: asks for stacks, writes and checks each chunk it gets, and
 * stops at the first empty one. One request is always in flight ahead of the chunk being
 * written, so the worker never waits for the next.
 */
const job = workerData as SynthJob;
const dependable = new Set(job.dependable);
const port = parentPort;
let asked = 0;
let finished = false;

function send(message: SynthWorkerMessage): void {
  port?.postMessage(message);
}

function ask(): void {
  asked++;
  send({ kind: 'more' });
}

function write({ plans }: SynthChunk): void {
  revivePlans(plans);
  const reports: StackReport[] = [];
  const entries = writeStacks(plans, job.stateBackend, job.outdir, dependable, (name, document) =>
    reports.push(reportTerraformStack(name, document)),
  );
  send({ kind: 'written', entries: [...entries], reports });
}

port?.on('message', (chunk: SynthChunk) => {
  asked--;
  if (finished) return;
  try {
    if (chunk.plans.length > 0) {
      ask();
      write(chunk);
    } else if (asked === 0) {
      finished = true;
      send({ kind: 'done' });
      port.close();
    }
  } catch (error) {
    finished = true;
    send({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    port.close();
  }
});
ask();
ask();
