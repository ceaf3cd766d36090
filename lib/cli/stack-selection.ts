import { compareStacks, stacksOfEnvironment, type EventBusModel, type StackPlan } from '../model';
import { compareWithBaseOrReport } from './base-comparison';
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

export function selectStacks(
  values: {
    requests: string;
    config: string;
    env?: string | undefined;
    'changed-since'?: string | undefined;
  },
  output: Output,
): StackSelection | undefined {
  const ref = values['changed-since'];
  if (ref === undefined) {
    const valid = validPlansOrReport(values, output);
    if (!valid) return undefined;
    const { model } = valid;
    assertEnvironment(values.env, model.platform.environments);
    const all = stacksOfEnvironment(valid.plans, values.env);
    return { model, plans: all, all, removed: [] };
  }
  const sides = compareWithBaseOrReport(values, '--changed-since', ref, output, values.env);
  if (!sides) return undefined;
  assertEnvironment(values.env, sides.current.model.platform.environments);
  const changes = compareStacks(sides.base, sides.current);
  const changed = new Set(changes.changed);
  return {
    model: sides.current.model,
    plans: sides.current.plans.filter((plan) => changed.has(plan.name)),
    all: sides.current.plans,
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
