import type { EncryptionPlan, QueuePlan, StackPlan, TopicPlan } from '../model';
import { CloudFormationPlanError } from './errors';

/** CloudFormation's quota of resources in one stack. */
export const MAX_RESOURCES_PER_STACK = 500;

/** The resources of one plan that one CloudFormation stack holds: the whole plan, or a part of it. */
export interface StackPart {
  /** The plan the resources come from. */
  readonly plan: StackPlan;
  /** The plan's name with "." as "-" (stack names allow only letters, digits and "-"); later parts add "-2", "-3"... */
  readonly stackName: string;
  readonly topics: readonly TopicPlan[];
  readonly queues: readonly QueuePlan[];
  /** CloudFormation resources the part renders. */
  readonly resourceCount: number;
}

/**
 * Splits a plan into stacks of at most `maxResources` resources, in the plan's own order: topics,
 * then queues. A topic with its policy and key, or a queue with its dead-letter queues, their policies,
 * its key and its subscriptions, always stay in one stack, so no resource ever refers to another stack. The
 * split is deterministic for a given plan, but adding a resource early in the order can move later
 * ones to the next stack, which CloudFormation treats as a delete and a create.
 */
export function splitPlan(plan: StackPlan, maxResources = MAX_RESOURCES_PER_STACK): StackPart[] {
  assertResourceLimit(maxResources);
  // Retired entries leave the template: their topics, queues and keys are retained (DeletionPolicy
  // Retain), so CloudFormation keeps them in AWS, as Terraform's `removed` blocks do.
  const groups: ResourceGroup[] = [
    ...plan.topics
      .filter((topic) => !topic.topic.retired)
      .map((topic) => ({
        label: `topic "${topic.name}"`,
        size: topicResourceCount(topic),
        topic,
      })),
    ...plan.queues
      .filter((queue) => !queue.queue.retired)
      .map((queue) => ({
        label: `queue "${queue.name}"`,
        size: queueResourceCount(queue),
        queue,
      })),
  ];
  const stacks: ResourceGroup[][] = [[]];
  let used = 0;
  for (const group of groups) {
    if (group.size > maxResources) {
      throw new CloudFormationPlanError(
        `${group.label} of "${plan.name}" needs ${group.size} CloudFormation resources, more than the ${maxResources} one stack may hold`,
      );
    }
    if (used + group.size > maxResources) {
      stacks.push([]);
      used = 0;
    }
    (stacks.at(-1) as ResourceGroup[]).push(group);
    used += group.size;
  }
  const baseName = plan.name.replaceAll('.', '-');
  return stacks.map((stackGroups, index) => ({
    plan,
    stackName: index === 0 ? baseName : `${baseName}-${index + 1}`,
    topics: stackGroups.flatMap((group) => (group.topic ? [group.topic] : [])),
    queues: stackGroups.flatMap((group) => (group.queue ? [group.queue] : [])),
    resourceCount: stackGroups.reduce((sum, group) => sum + group.size, 0),
  }));
}

/** Resources that must share a stack: a topic with its policy, or a queue with everything it owns. */
interface ResourceGroup {
  readonly label: string;
  readonly size: number;
  readonly topic?: TopicPlan;
  readonly queue?: QueuePlan;
}

/** A topic renders itself and its policy, and its own key with the key's alias. */
export function topicResourceCount(topic: TopicPlan): number {
  return 2 + keyResourceCount(topic.encryption);
}

/**
 * A queue renders itself, its policy, each dead-letter queue with its policy, its subscriptions,
 * and its own key with the key's alias.
 */
export function queueResourceCount(queue: QueuePlan): number {
  const deadLetterQueues = (queue.deadLetter ? 1 : 0) + queue.deliveryDeadLetters.length;
  return 2 + 2 * deadLetterQueues + queue.subscriptions.length + keyResourceCount(queue.encryption);
}

function keyResourceCount(encryption: EncryptionPlan): number {
  return encryption.kind === 'kms' ? 2 : 0;
}

function assertResourceLimit(maxResources: number): void {
  if (!Number.isInteger(maxResources) || maxResources < 1 || maxResources > MAX_RESOURCES_PER_STACK) {
    throw new CloudFormationPlanError(
      `the resource limit per stack must be a whole number from 1 to ${MAX_RESOURCES_PER_STACK}, but ${maxResources} was given`,
    );
  }
}
