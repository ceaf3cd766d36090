import {
  jsonObjectAttribute,
  deadLetterTarget,
  resolveResource,
  resourcesOfType,
  type TerraformResource,
  type TerraformStack,
} from './stack';
import { readablePolicies } from './policy';

/**
 * The queues SNS writes to: subscribed queues, subscription dead-letter queues, and queues whose
 * policy lets a service principal `sns.amazonaws.com` send.
 */
export function queuesSnsDeliversTo(stack: TerraformStack): Set<TerraformResource> {
  const queues = new Set<TerraformResource>();
  const add = (value: unknown): void => {
    const queue = resolveResource(stack, 'aws_sqs_queue', value);
    if (queue) queues.add(queue);
  };
  for (const subscription of resourcesOfType(stack, 'aws_sns_topic_subscription')) {
    if (subscription.config['protocol'] === 'sqs') add(subscription.config['endpoint']);
    add(deadLetterTarget(subscription));
  }
  for (const policy of readablePolicies(stack)) {
    if (policy.source.kind !== 'queue' || !policy.source.owner) continue;
    const snsMaySend = policy.statements.some(
      (statement) =>
        statement.effect === 'Allow' &&
        statement.principals.some(
          (principal) => principal.type === 'Service' && principal.value === 'sns.amazonaws.com',
        ),
    );
    if (snsMaySend) queues.add(policy.source.owner);
  }
  return queues;
}

/**
 * Dead-letter queues: the redrive target of a queue or of a subscription, or a queue with a
 * redrive allow policy (which only a DLQ has; SQS Developer Guide, "Using dead-letter queues").
 */
export function deadLetterQueues(stack: TerraformStack): Set<TerraformResource> {
  const queues = new Set<TerraformResource>();
  const add = (value: unknown): void => {
    const queue = resolveResource(stack, 'aws_sqs_queue', value);
    if (queue) queues.add(queue);
  };
  for (const resource of [
    ...resourcesOfType(stack, 'aws_sqs_queue'),
    ...resourcesOfType(stack, 'aws_sns_topic_subscription'),
  ]) {
    add(deadLetterTarget(resource));
  }
  for (const allow of resourcesOfType(stack, 'aws_sqs_queue_redrive_allow_policy'))
    add(allow.config['queue_url']);
  for (const queue of resourcesOfType(stack, 'aws_sqs_queue')) {
    if (jsonObjectAttribute(queue, 'redrive_allow_policy') !== undefined) queues.add(queue);
  }
  return queues;
}
