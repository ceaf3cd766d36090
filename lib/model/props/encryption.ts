import { accountRootArn } from '../naming';
import type { EncryptionPlan } from '../plan';
import { queueKeyPolicy, topicKeyPolicy } from '../policies';
import type { ResolvedQueue, ResolvedTopic } from './resolve';

/**
 * How a topic is encrypted, with its key's policy for the publishers granted so far: backends
 * call this when they render, after every grant was made.
 */
export function topicEncryptionPlan(topic: ResolvedTopic, publishers: readonly string[]): EncryptionPlan {
  switch (topic.encryption) {
    case 'none':
      return { kind: 'none' };
    case 'aws-managed':
      return { kind: 'aws-managed', keyAlias: 'alias/aws/sns' };
    case 'kms':
      return {
        kind: 'kms',
        key: {
          alias: topic.keyAlias,
          description: topic.keyDescription,
          policy: topicKeyPolicy(accountRootArn(topic.environment), topic.environment.region, publishers),
        },
      };
  }
}

/** How a queue and its dead-letter queues are encrypted, with the key policy for what it has now. */
export function queueEncryptionPlan(
  queue: ResolvedQueue,
  deliveringTopicArns: readonly string[],
  consumers: readonly string[],
): EncryptionPlan {
  switch (queue.encryption) {
    case 'sqs-managed':
      return { kind: 'sqs-managed' };
    case 'aws-managed':
      return { kind: 'aws-managed', keyAlias: 'alias/aws/sqs' };
    case 'kms':
      return {
        kind: 'kms',
        key: {
          alias: queue.keyAlias,
          description: queue.keyDescription,
          policy: queueKeyPolicy(
            accountRootArn(queue.environment),
            queue.environment.region,
            deliveringTopicArns,
            consumers,
          ),
        },
      };
  }
}
