import { App } from 'aws-cdk-lib';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import type { StackPlan } from '../model';
import { CloudFormationPlanError } from './errors';
import { EventBusStack } from './event-bus-stack';
import { assertDependenciesPlanned, assertUniqueKeyAliases, assertUniqueStackNames } from './plan-checks';
import { MAX_RESOURCES_PER_STACK, splitPlan } from './stack-parts';
import { assertNothingEvaluable } from './template-guard';

export interface CloudFormationAppOptions {
  /** Directory the cloud assembly is written to; the caller replaces it atomically. */
  readonly outdir: string;
  /** Resources one stack may hold before a plan continues in `<name>-2`, `<name>-3`... @default 500 */
  readonly maxResourcesPerStack?: number;
  /**
   * aws-cdk-lib's check of every template against the CloudFormation resource schemas, which
   * writes `validation-report.json` (and only warns). @default true, as aws-cdk-lib has it
   */
  readonly builtinValidation?: boolean;
}

/**
 * A CDK app with one stack per plan, or several when a plan exceeds the resource limit. A stack
 * whose queues subscribe to topics of another stack depends on it, so `cdk deploy` creates topics
 * before their subscriptions: with `planStacks`'s layers, every topic stack before every queue
 * stack that subscribes to it.
 */
export function buildCloudFormationApp(plans: readonly StackPlan[], options: CloudFormationAppOptions): App {
  const app = new App({
    outdir: options.outdir,
    // Same plans, same bytes on every machine: no version-reporting resource, no construct tree,
    // and no stack traces (they would write this checkout's absolute paths into the assembly).
    analyticsReporting: false,
    stackTraces: false,
    context: { [DISABLE_CREATION_STACK_TRACES]: true },
    treeMetadata: false,
    autoSynth: false,
    builtinCloudFormationValidation: options.builtinValidation ?? true,
  });
  addStacks(app, plans, options.maxResourcesPerStack);
  return app;
}

/**
 * The plans' stacks in `scope`: one per plan, or several when a plan exceeds the resource limit,
 * each depending on the stacks whose topics it subscribes to.
 * @throws CloudFormationPlanError for plans CloudFormation could not deploy
 */
export function addStacks(
  scope: Construct,
  plans: readonly StackPlan[],
  maxResourcesPerStack = MAX_RESOURCES_PER_STACK,
): EventBusStack[] {
  for (const plan of plans) assertNothingEvaluable(plan);
  assertDependenciesPlanned(plans);
  assertUniqueKeyAliases(plans);
  const parts = plans.flatMap((plan) => splitPlan(plan, maxResourcesPerStack));
  assertUniqueStackNames(parts);
  const stacks = parts.map((part) => new EventBusStack(scope, part.stackName, { part }));
  addSubscriptionDependencies(stacks);
  return stacks;
}

/**
 * Each stack depends on the stacks that create the topics its queues subscribe to: the plans'
 * `dependsOn`, narrowed to the parts that hold those topics when a plan was split. Layered plans
 * cannot form a cycle (queue stacks depend only on topic stacks); plans built another way can, and
 * CloudFormation would only report it at deploy time, so it is refused here with the stacks named.
 */
function addSubscriptionDependencies(stacks: readonly EventBusStack[]): void {
  const topicOwners = new Map<string, EventBusStack>();
  for (const stack of stacks) for (const arn of stack.topics.keys()) topicOwners.set(arn, stack);
  const edges = new Map<EventBusStack, Set<EventBusStack>>();
  for (const stack of stacks) {
    for (const queue of stack.part.queues) {
      for (const subscription of queue.subscriptions) {
        const owner = topicOwners.get(subscription.topicArn);
        if (!owner || owner === stack || edges.get(stack)?.has(owner)) continue;
        if (reaches(owner, stack, edges)) {
          throw new CloudFormationPlanError(
            `stack "${stack.stackName}" subscribes to a topic of "${owner.stackName}", which (directly or through other stacks) subscribes to a topic of "${stack.stackName}": CloudFormation cannot create either one first`,
          );
        }
        edges.set(stack, (edges.get(stack) ?? new Set()).add(owner));
        stack.addStackDependency(owner, `subscribes to ${subscription.topicArn}`);
      }
    }
  }
}

function reaches(
  from: EventBusStack,
  to: EventBusStack,
  edges: ReadonlyMap<EventBusStack, ReadonlySet<EventBusStack>>,
): boolean {
  const pending = [from];
  const seen = new Set<EventBusStack>();
  for (let stack = pending.pop(); stack; stack = pending.pop()) {
    if (stack === to) return true;
    if (seen.has(stack)) continue;
    seen.add(stack);
    pending.push(...(edges.get(stack) ?? []));
  }
  return false;
}
