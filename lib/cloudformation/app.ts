import { App } from 'aws-cdk-lib';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import type { Construct } from 'constructs';
import type { StackPlan } from '../model';
import { CloudFormationPlanError } from './errors';
import { EventBusStack } from './event-bus-stack';
import { assertDependenciesPlanned, assertUniqueKeyAliases, assertUniqueStackNames } from './plan-checks';
import { MAX_RESOURCES_PER_STACK, splitPlan, type StackPart } from './stack-parts';
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
  const app = newApp(options.outdir, options.builtinValidation ?? true);
  addStacks(app, plans, options.maxResourcesPerStack);
  return app;
}

/** An app with no stacks yet, with the settings every app of the bus has. */
export function newApp(outdir: string, builtinValidation: boolean): App {
  return new App({
    outdir,
    // Same plans, same bytes on every machine: no version-reporting resource, no construct tree,
    // and no stack traces (they would write this checkout's absolute paths into the assembly).
    analyticsReporting: false,
    stackTraces: false,
    context: { [DISABLE_CREATION_STACK_TRACES]: true },
    treeMetadata: false,
    autoSynth: false,
    builtinCloudFormationValidation: builtinValidation,
  });
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
  const parts = planParts(plans, maxResourcesPerStack);
  const stacks = new Map(parts.map((part) => [part, new EventBusStack(scope, part.stackName, { part })]));
  for (const { dependent, owner, reason } of subscriptionDependencies(parts)) {
    (stacks.get(dependent) as EventBusStack).addStackDependency(stacks.get(owner) as EventBusStack, reason);
  }
  return [...stacks.values()];
}

/**
 * The stacks of the plans, checked: one part per plan, or several when a plan exceeds the
 * resource limit.
 * @throws CloudFormationPlanError for plans CloudFormation could not deploy
 */
export function planParts(plans: readonly StackPlan[], maxResourcesPerStack: number): StackPart[] {
  assertNothingEvaluable(plans);
  assertDependenciesPlanned(plans);
  assertUniqueKeyAliases(plans);
  const parts = plans.flatMap((plan) => splitPlan(plan, maxResourcesPerStack));
  assertUniqueStackNames(parts);
  return parts;
}

/** One stack depending on another, with the reason `addStackDependency` records. */
export interface StackDependency {
  readonly dependent: StackPart;
  readonly owner: StackPart;
  readonly reason: string;
}

/**
 * Each stack depends on the stacks that create the topics its queues subscribe to: the plans'
 * `dependsOn`, narrowed to the parts that hold those topics when a plan was split. Layered plans
 * cannot form a cycle (queue stacks depend only on topic stacks); plans built another way can, and
 * CloudFormation would only report it at deploy time, so it is refused here with the stacks named.
 * Listed in the order the stacks add them, which is the order of the manifest's `dependencies`.
 */
export function subscriptionDependencies(parts: readonly StackPart[]): StackDependency[] {
  const topicOwners = new Map<string, StackPart>();
  for (const part of parts) for (const topic of part.topics) topicOwners.set(topic.arn, part);
  const edges = new Map<StackPart, Set<StackPart>>();
  const dependencies: StackDependency[] = [];
  for (const part of parts) {
    for (const queue of part.queues) {
      for (const subscription of queue.subscriptions) {
        const owner = topicOwners.get(subscription.topicArn);
        if (!owner || owner === part || edges.get(part)?.has(owner)) continue;
        if (reaches(owner, part, edges)) {
          throw new CloudFormationPlanError(
            `stack "${part.stackName}" subscribes to a topic of "${owner.stackName}", which (directly or through other stacks) subscribes to a topic of "${part.stackName}": CloudFormation cannot create either one first`,
          );
        }
        edges.set(part, (edges.get(part) ?? new Set()).add(owner));
        dependencies.push({ dependent: part, owner, reason: `subscribes to ${subscription.topicArn}` });
      }
    }
  }
  return dependencies;
}

function reaches(
  from: StackPart,
  to: StackPart,
  edges: ReadonlyMap<StackPart, ReadonlySet<StackPart>>,
): boolean {
  const pending = [from];
  const seen = new Set<StackPart>();
  for (let part = pending.pop(); part; part = pending.pop()) {
    if (part === to) return true;
    if (seen.has(part)) continue;
    seen.add(part);
    pending.push(...(edges.get(part) ?? []));
  }
  return false;
}
