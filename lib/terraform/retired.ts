import type { TerraformStack } from 'cdktf';
import type { StackPlan } from '../model';
import { queueAddresses, topicAddresses } from './addresses';

/**
 * Retired topics and queues leave the configuration as `removed` blocks with `destroy = false`
 * (Terraform 1.7 and later): Terraform drops them from its state and leaves them in AWS, so a
 * queue keeps its messages until a person drains and deletes it. Deleting the block itself
 * instead would make the next apply destroy the queue: `prevent_destroy` only protects a
 * resource while its block is in the configuration.
 */
export function forgetRetired(stack: TerraformStack, plan: StackPlan): void {
  const forgotten = [
    ...plan.topics
      .filter((topicPlan) => topicPlan.topic.retired)
      .flatMap((topicPlan) => topicAddresses(topicPlan.topic.key.name)),
    ...plan.queues
      .filter((queuePlan) => queuePlan.queue.retired)
      .flatMap((queuePlan) =>
        queueAddresses(
          queuePlan.queue.key.name,
          queuePlan.queue.subscriptions.map((subscription) => subscription.topic),
        ),
      ),
  ];
  if (forgotten.length === 0) return;
  stack.addOverride(
    'removed',
    forgotten.map((address) => ({ from: address, lifecycle: { destroy: false } })),
  );
}
