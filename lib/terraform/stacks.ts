import type { Construct } from 'constructs';
import type { EventBusModel, StackPlan } from '../model';
import { EventBusStack } from './event-bus-stack';

/** One EventBusStack per plan in `scope`, each depending on the topic stacks it subscribes to. */
export function addStacks(
  scope: Construct,
  model: EventBusModel,
  plans: readonly StackPlan[],
): EventBusStack[] {
  const stacks = new Map<string, EventBusStack>();
  for (const plan of plans) {
    stacks.set(
      plan.name,
      new EventBusStack(scope, plan.name, {
        plan,
        ...(model.platform.stateBackend ? { stateBackend: model.platform.stateBackend } : {}),
      }),
    );
  }
  for (const plan of plans) {
    for (const dependency of plan.dependsOn) {
      const other = stacks.get(dependency);
      if (other) (stacks.get(plan.name) as EventBusStack).addDependency(other);
    }
  }
  return [...stacks.values()];
}
