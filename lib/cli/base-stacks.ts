import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { stackDigest } from '../model';
import { validateRequests } from '../pipeline';
import type { FileReadings } from '../request';
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
 * environment, when given). Files whose bytes `readings` holds are not read again.
 */
export function readBaseStacks(request: BaseStacksRequest, readings?: FileReadings): BaseStacks {
  return digestBaseSnapshot(request, takeBaseSnapshot(request), readings);
}

/** The requests at the ref read out of git, or why they cannot be. */
export type BaseSnapshot = ReturnType<typeof snapshotAt> | { readonly unreadable: string };

export function takeBaseSnapshot(request: BaseStacksRequest): BaseSnapshot {
  try {
    return snapshotAt(request.ref, request);
  } catch (error) {
    if (error instanceof GitReadError) return { unreadable: error.message };
    throw error;
  }
}

/** Validates and digests the snapshot. */
export function digestBaseSnapshot(
  request: BaseStacksRequest,
  snapshot: BaseSnapshot,
  readings?: FileReadings,
): BaseStacks {
  if ('unreadable' in snapshot) return { kind: 'unreadable', message: snapshot.unreadable };
  // Before the bus existed there was no stack: every stack of the change is new.
  if (snapshot.isEmpty) return { kind: 'valid', digests: new Map() };
  const options = {
    requestsDir: request.requestsDir,
    configFile: request.configFile,
    cwd: request.cwd,
    tree: snapshot.tree,
    ...(readings ? { readings } : {}),
  };
  // The base's stacks are compared, not judged: equal plans render equal output whatever rule the
  // requests break, so no rule runs. Each stack is digested as it is planned, and none is kept.
  const digests = new Map<string, string>();
  try {
    const { model } = validateRequests(options, {
      modelRules: false,
      planRules: false,
      keepPlans: false,
      onPlan: (plan, planned) => {
        if (request.environment === undefined || plan.environment.name === request.environment) {
          digests.set(plan.name, stackDigest(plan, planned.platform.stateBackend));
        }
      },
    });
    return model ? { kind: 'valid', digests } : { kind: 'invalid' };
  } catch (error) {
    // Requests that break a rule may not plan (a subscription to a topic that is gone): those are
    // the base that does not validate. Any other failure is not the requests' and is thrown.
    if (!validateRequests(options, { planRules: false, keepPlans: false }).model) return { kind: 'invalid' };
    throw error;
  }
}

/**
 * What the thread reading the base starts with; it then takes the snapshot and waits for one
 * message, the working tree's readings (or null).
 */
export interface BaseStacksWorkerData {
  readonly request: BaseStacksRequest;
}

/** The base being read, and how the working tree's readings reach it. */
export interface BaseStacksReader {
  /** Hands over the working tree's readings; only the first call counts. */
  share(readings: FileReadings): void;
  /** The base's stacks; shares nothing (the base reads every file) when share was not called. */
  result(): Promise<BaseStacks>;
}

const WORKER_SCRIPT = path.join(__dirname, 'base-stacks-worker.js');

/**
 * Starts {@link readBaseStacks} on a thread of its own, so that the base validates while this
 * thread validates the working tree: a change compared with its base costs one validation's
 * time, not two, and each file the change left alone is read once, by this thread. With one
 * core, or when run from sources without the built worker, the base is read in this thread when
 * its result is first asked for.
 */
export function startReadingBaseStacks(request: BaseStacksRequest): BaseStacksReader {
  let shared: FileReadings | undefined;
  if (os.availableParallelism() < 2 || !fs.existsSync(WORKER_SCRIPT)) {
    return {
      share: (readings) => {
        shared ??= readings;
      },
      result: () => Promise.resolve().then(() => readBaseStacks(request, shared)),
    };
  }
  const worker = new Worker(WORKER_SCRIPT, { workerData: { request } satisfies BaseStacksWorkerData });
  const result = new Promise<BaseStacks>((resolve, reject) => {
    worker.once('message', (message: BaseStacks) => resolve(message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the thread reading the base stopped (exit ${code}) before it answered`));
    });
  });
  // Awaited when asked for; a failure before then must not count as an unhandled rejection.
  result.catch(() => undefined);
  let sent = false;
  const send = (readings: FileReadings | undefined): void => {
    if (sent) return;
    sent = true;
    worker.postMessage(readings ?? null);
  };
  return {
    share: send,
    result: () => {
      send(undefined);
      return result;
    },
  };
}
