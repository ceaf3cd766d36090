import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { stackDigests, stacksOfEnvironment } from '../model';
import { validateRequests } from '../pipeline';
import { GitReadError, snapshotAt } from '../request/git';

/** Where the requests are, and the ref whose stacks a change is compared with. */
export interface BaseStacksRequest {
  readonly ref: string;
  readonly requestsDir: string;
  readonly configFile: string;
  readonly cwd: string;
  readonly environment?: string | undefined;
}

/** The stacks at the ref, as digests of what each renders, or why there are none to compare with. */
export type BaseStacks =
  | { readonly kind: 'valid'; readonly digests: ReadonlyMap<string, string> }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'unreadable'; readonly message: string };

/**
 * Reads the requests at the ref out of git, validates them and digests their stacks (of one
 * environment, when given).
 */
export function readBaseStacks(request: BaseStacksRequest): BaseStacks {
  let snapshot: ReturnType<typeof snapshotAt>;
  try {
    snapshot = snapshotAt(request.ref, request);
  } catch (error) {
    if (error instanceof GitReadError) return { kind: 'unreadable', message: error.message };
    throw error;
  }
  try {
    const { model, plans } = validateRequests({
      requestsDir: snapshot.requestsDir,
      configFile: snapshot.configFile,
      cwd: snapshot.cwd,
    });
    if (!model || !plans) return { kind: 'invalid' };
    const stacks = stacksOfEnvironment(plans, request.environment);
    return { kind: 'valid', digests: stackDigests(stacks, model.platform.stateBackend) };
  } finally {
    snapshot.dispose();
  }
}

const WORKER_SCRIPT = path.join(__dirname, 'base-stacks-worker.js');

/**
 * Starts {@link readBaseStacks} on a thread of its own, so that the base validates while this
 * thread validates the working tree: a change compared with its base costs one validation's
 * time, not two. With one core, or when run from sources without the built worker, the base is
 * read in this thread when its result is first asked for.
 */
export function startReadingBaseStacks(request: BaseStacksRequest): () => Promise<BaseStacks> {
  if (os.availableParallelism() < 2 || !fs.existsSync(WORKER_SCRIPT)) {
    return () => Promise.resolve().then(() => readBaseStacks(request));
  }
  const result = new Promise<BaseStacks>((resolve, reject) => {
    const worker = new Worker(WORKER_SCRIPT, { workerData: request });
    worker.once('message', (message: BaseStacks) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the thread reading the base stopped (exit ${code}) before it answered`));
    });
  });
  // Awaited when asked for; a failure before then must not count as an unhandled rejection.
  result.catch(() => undefined);
  return () => result;
}
