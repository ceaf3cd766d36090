import { accountRootArn, type AwsEnvironment } from './naming';
import { queueKeyPolicy, topicKeyPolicy, type PolicyDocument } from './policies';
import type { QueueEncryption, TopicEncryption } from './types';

/** A customer-managed key made for one topic, or for one queue and its dead-letter queues. */
export interface KeyPlan {
  /** `alias/eventbus/<sns|sqs>/<resource name>`: how people and identity policies find the key. */
  readonly alias: string;
  readonly description: string;
  readonly policy: PolicyDocument;
}

/**
 * How a resource is encrypted at rest. AWS-managed keys are named by alias; customer-managed
 * keys are created with the resource, one per topic and one per queue, so a topic's key and its
 * subscribers' keys never depend on each other.
 */
export type EncryptionPlan =
  | { readonly kind: 'none' }
  | { readonly kind: 'sqs-managed' }
  | { readonly kind: 'aws-managed'; readonly keyAlias: 'alias/aws/sns' | 'alias/aws/sqs' }
  | { readonly kind: 'kms'; readonly key: KeyPlan };

/** What names a resource's own key, and where it lives. */
export interface KeyIdentity {
  readonly alias: string;
  readonly description: string;
  readonly environment: AwsEnvironment;
}

/** How a topic is encrypted at rest, with its own key's policy for its publishers. */
export function topicEncryptionOf(
  encryption: TopicEncryption,
  key: KeyIdentity,
  publishers: readonly string[],
): EncryptionPlan {
  switch (encryption) {
    case 'none':
      return { kind: 'none' };
    case 'aws-managed':
      return { kind: 'aws-managed', keyAlias: 'alias/aws/sns' };
    case 'kms':
      return {
        kind: 'kms',
        key: {
          alias: key.alias,
          description: key.description,
          policy: topicKeyPolicy(accountRootArn(key.environment), key.environment.region, publishers),
        },
      };
  }
}

/** How a queue and its dead-letter queues are encrypted, with their key's policy. */
export function queueEncryptionOf(
  encryption: QueueEncryption,
  key: KeyIdentity,
  deliveringTopicArns: readonly string[],
  consumers: readonly string[],
): EncryptionPlan {
  switch (encryption) {
    case 'sqs-managed':
      return { kind: 'sqs-managed' };
    case 'aws-managed':
      return { kind: 'aws-managed', keyAlias: 'alias/aws/sqs' };
    case 'kms':
      return {
        kind: 'kms',
        key: {
          alias: key.alias,
          description: key.description,
          policy: queueKeyPolicy(
            accountRootArn(key.environment),
            key.environment.region,
            deliveringTopicArns,
            consumers,
          ),
        },
      };
  }
}
