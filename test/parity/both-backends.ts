import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeCloudFormation } from '../../lib/cloudformation';
import { planStacks, type EventBusModel, type StackPlan } from '../../lib/model';
import { synthesizeTerraform } from '../../lib/terraform';
import { cloudFormationFacts } from './cloudformation-facts';
import { PlanIndex, type BusFacts } from './facts';
import { terraformFacts } from './terraform-facts';

export interface BothOutputs {
  readonly plans: readonly StackPlan[];
  readonly index: PlanIndex;
  /** Where each backend wrote its output; `remove()` deletes both. */
  readonly terraformDir: string;
  readonly cloudFormationDir: string;
  readonly terraform: BusFacts;
  readonly cloudformation: BusFacts;
  remove(): void;
}

/** Plans a model, synthesizes it with both backends into a temporary directory, and reads back their facts. */
export function synthesizeBoth(model: EventBusModel): BothOutputs {
  const plans = planStacks(model);
  const index = new PlanIndex(plans);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eventbus-parity-'));
  const remove = () => fs.rmSync(root, { recursive: true, force: true });
  try {
    const terraformDir = path.join(root, 'terraform');
    const cloudFormationDir = path.join(root, 'cloudformation');
    synthesizeTerraform(model, plans, terraformDir);
    synthesizeCloudFormation(plans, cloudFormationDir);
    return {
      plans,
      index,
      terraformDir,
      cloudFormationDir,
      terraform: terraformFacts(terraformDir, index),
      cloudformation: cloudFormationFacts(cloudFormationDir, index),
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

/**
 * What the facts must list, from the plans alone: every stack, topic, queue, subscription and
 * policy planned, and nothing else. Equal facts could otherwise hide a resource both normalizers
 * (or both backends) dropped.
 */
export function plannedInventory(plans: readonly StackPlan[]): Record<keyof BusFacts, string[]> {
  const topics = plans.flatMap((plan) => plan.topics.map((topic) => topic.name));
  const queues = plans.flatMap((plan) =>
    plan.queues.flatMap((queue) => [
      queue.name,
      ...(queue.deadLetter ? [queue.deadLetter.name] : []),
      ...queue.deliveryDeadLetters.map((delivery) => delivery.name),
    ]),
  );
  const subscriptions = plans.flatMap((plan) =>
    plan.queues.flatMap((queue) =>
      queue.subscriptions.map((subscription) => `${queue.name} <- ${subscription.topicArn}`),
    ),
  );
  const keys = plans.flatMap((plan) =>
    [...plan.topics, ...plan.queues].flatMap((resource) =>
      resource.encryption.kind === 'kms' ? [resource.encryption.key.alias] : [],
    ),
  );
  return {
    stacks: sorted(plans.map((plan) => plan.name)),
    topics: sorted(topics),
    queues: sorted(queues),
    subscriptions: sorted(subscriptions),
    policies: sorted([...topics.map((name) => `sns:${name}`), ...queues.map((name) => `sqs:${name}`)]),
    keys: sorted(keys),
    creationOrder: sorted([
      ...keys.flatMap((alias) => [`kms-key ${alias}`, `kms-alias ${alias}`]),
      ...topics.flatMap((name) => [`topic ${name}`, `topic-policy ${name}`]),
      ...queues.flatMap((name) => [`queue ${name}`, `queue-policy ${name}`]),
      ...subscriptions.map((key) => `subscription ${key}`),
    ]),
  };
}

export function inventoryOf(facts: BusFacts): Record<keyof BusFacts, string[]> {
  return {
    stacks: Object.keys(facts.stacks),
    topics: Object.keys(facts.topics),
    queues: Object.keys(facts.queues),
    subscriptions: Object.keys(facts.subscriptions),
    policies: Object.keys(facts.policies),
    keys: Object.keys(facts.keys),
    creationOrder: Object.keys(facts.creationOrder),
  };
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
