import {
  compareStackDigests,
  stackDigests,
  stacksOfEnvironment,
  type EventBusModel,
  type StackPlan,
} from '../model';
import { loadRequests, type FileReadings } from '../request';
import { startReadingBaseStacks } from './base-stacks';
import { validPlansOrReport } from './valid-model';
import { UsageError, type Output } from './usage';

/**
 * The stacks a command works on: all of them, or with --changed-since those that render
 * differently than at the ref (new ones included). Problems are printed; undefined means exit 1.
 */
export interface StackSelection {
  readonly model: EventBusModel;
  readonly plans: readonly StackPlan[];
  /** Every stack of the current requests, for dependencies outside the selection. */
  readonly all: readonly StackPlan[];
  /** Stacks of the base that the current requests no longer have. */
  readonly removed: readonly string[];
  readonly base?: string;
}

export async function selectStacks(
  values: {
    requests: string;
    config: string;
    env?: string | undefined;
    'changed-since'?: string | undefined;
  },
  output: Output,
  /** Called once the working tree is valid while the base of --changed-since is still being read. */
  meanwhile?: () => void,
): Promise<StackSelection | undefined> {
  const ref = values['changed-since'];
  const readBase =
    ref === undefined
      ? undefined
      : startReadingBaseStacks({
          ref,
          requestsDir: values.requests,
          configFile: values.config,
          cwd: process.cwd(),
          environment: values.env,
        });
  // The working tree's files are read once: the base reuses those its commit holds unchanged.
  const readings: FileReadings = new Map();
  let valid: ReturnType<typeof validPlansOrReport>;
  try {
    valid = validPlansOrReport(values, output, (options) => {
      const loaded = loadRequests({ ...options, readings });
      readBase?.share(readings);
      return loaded;
    });
  } finally {
    // On every path, so that the base's thread, which waits for them, always goes on.
    readBase?.share(readings);
  }
  const all = valid && stacksOfEnvironment(valid.plans, values.env);
  if (ref === undefined || readBase === undefined) {
    if (!valid || !all) return undefined;
    assertEnvironment(values.env, valid.model.platform.environments);
    return { model: valid.model, plans: all, all, removed: [] };
  }
  // The working tree's side is digested, and the caller's work done, while the base is read.
  const digests = valid && all && stackDigests(all, valid.model.platform.stateBackend);
  if (digests) meanwhile?.();
  const base = await readBase.result();
  if (base.kind === 'unreadable') throw new UsageError(`--changed-since ${ref}: ${base.message}`);
  if (!valid || !all || !digests) return undefined;
  assertEnvironment(values.env, valid.model.platform.environments);
  if (base.kind === 'invalid') {
    output.stderr(
      `eventbus: the requests at ${ref} do not validate, so nothing can be compared with them; run "eventbus validate" at ${ref} to see why\n`,
    );
    return undefined;
  }
  const changes = compareStackDigests(base.digests, digests);
  const changed = new Set(changes.changed);
  return {
    model: valid.model,
    plans: all.filter((plan) => changed.has(plan.name)),
    all,
    removed: changes.removed,
    base: ref,
  };
}

function assertEnvironment(name: string | undefined, environments: readonly { name: string }[]): void {
  if (name === undefined || environments.some((environment) => environment.name === name)) return;
  throw new UsageError(
    `--env must be one of ${environments.map((environment) => environment.name).join(', ')}, not "${name}"`,
  );
}
