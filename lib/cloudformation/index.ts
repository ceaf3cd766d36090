import * as path from 'node:path';
import type { StackPlan } from '../model';
import { addStacks, newApp } from './app';
import { synthesizeInGroups, tallyResources } from './chunked-synthesis';
import { reportsAnnotations, synthesizeClosedApp } from './closed-synthesis';
import { MAX_RESOURCES_PER_STACK } from './stack-parts';

export { buildCloudFormationApp, type CloudFormationAppOptions } from './app';
export { CloudFormationPlanError } from './errors';
export { EventBus, type EventBusProps } from './event-bus';
export { EventBusStack, type EventBusStackProps } from './event-bus-stack';
export { EventQueue, type EventQueueProps, type SubscribeOptions } from './event-queue';
export { EventTopic, type EventTopicProps } from './event-topic';
export { EncryptionKey, type EncryptionKeyProps } from './encryption-key';
export { TopicSubscription, type TopicSubscriptionProps } from './topic-subscription';
export { logicalIds } from '../model';
export { Duration, Size } from '../units';
export { InvalidPropsError, type PropsProblem, type TopicReference } from '../model';
export {
  MAX_RESOURCES_PER_STACK,
  queueResourceCount,
  splitPlan,
  topicResourceCount,
  type StackPart,
} from './stack-parts';

export interface CloudFormationSynthesisOptions {
  /** Resources one stack may hold before a plan continues in `<name>-2`, `<name>-3`... @default 500 */
  readonly maxResourcesPerStack?: number;
  /** aws-cdk-lib's built-in template validation (see CloudFormationAppOptions). @default true */
  readonly builtinValidation?: boolean;
}

export interface CloudFormationSynthesis {
  /** CloudFormation stack names, in plan order (split parts follow their plan). */
  readonly stacks: readonly string[];
  /** Resources in each stack's template, by stack name. */
  readonly resourceCounts: Readonly<Record<string, number>>;
  /** Resources of every template by CloudFormation type, in the order the stacks first declare them. */
  readonly resourceTypes: Readonly<Record<string, number>>;
}

/**
 * Synthesizes a cloud assembly into `outdir`: `<stack>.template.json` per stack and `manifest.json`.
 * Without the built-in validation, the stacks are synthesized a group at a time, which writes the
 * same bytes in a fraction of the memory (see `synthesizeInGroups`); the validation, or a context
 * that asks for annotations in the validation report, checks one app with all of them and writes
 * one report.
 */
export function synthesizeCloudFormation(
  plans: readonly StackPlan[],
  outdir: string,
  options: CloudFormationSynthesisOptions = {},
): CloudFormationSynthesis {
  const absolute = path.resolve(outdir);
  const maxResourcesPerStack = options.maxResourcesPerStack ?? MAX_RESOURCES_PER_STACK;
  const validated = options.builtinValidation ?? true;
  const app = newApp(absolute, validated);
  if (!validated && !reportsAnnotations(app))
    return synthesizeInGroups(plans, absolute, maxResourcesPerStack);
  const stacks = addStacks(app, plans, maxResourcesPerStack);
  synthesizeClosedApp(app, { validated });
  return { stacks: stacks.map((stack) => stack.stackName), ...tallyResources(stacks) };
}
