import type { FilterPolicyScope } from '../../filter-policy/types';
import type { Duration, Size } from '../../units';
import type { AwsEnvironment } from '../naming';
import type { QueueEncryption, TopicEncryption } from '../types';

export type { AwsEnvironment };

/**
 * Props of an event topic, the same in both backends. The ARNs in its policies are written out
 * from `name` and `environment`, so a plan shows every principal and resource as AWS will see it.
 */
export interface EventTopicProps {
  /**
   * The topic's AWS name, used as given: 1 to 256 letters, digits, "-" and "_", and a FIFO
   * topic's ends in ".fifo" (SNS CreateTopic).
   */
  readonly name: string;
  /** The account and region the topic is created in: its ARN and its key policy name them. */
  readonly environment: AwsEnvironment;
  /**
   * What the topic's Terraform addresses (`topic_<logicalName>`) and CloudFormation logical ids
   * (`Topic<LogicalName>`) derive from, so that moving the construct within the tree never
   * replaces the topic. Letters, digits and "-".
   * @default the construct id
   */
  readonly logicalName?: string;
  /** @default false */
  readonly fifo?: boolean;
  /** FIFO topics only. @default false */
  readonly contentBasedDeduplication?: boolean;
  /**
   * At rest: none, SNS's AWS-managed key, or a customer-managed key made for the topic.
   * @default "none"
   */
  readonly encryption?: TopicEncryption;
  /** The description of the topic's own key. @default "Encrypts messages of topic <name>" */
  readonly keyDescription?: string;
  /** IAM role or user ARNs that may publish; `grantPublish` adds more. @default none */
  readonly publishers?: readonly string[];
  /** Tags of the topic and its key. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A queue's dead-letter queue, for messages its consumers failed to process. */
export interface DeadLetterQueueProps {
  /** Receives before a message moves to the dead-letter queue, 1 to 1,000. @default 5 */
  readonly maxReceiveCount?: number;
  /** 60 s to 14 days, not shorter than a standard queue's own. @default 14 days */
  readonly retention?: Duration;
}

/** Props of an event queue, the same in both backends. */
export interface EventQueueProps {
  /**
   * The queue's AWS name, used as given: 1 to 80 letters, digits, "-" and "_", and a FIFO
   * queue's ends in ".fifo" (SQS CreateQueue). Its dead-letter queues are named after it,
   * `<name>-dlq` and `<name>-sns-dlq` (before any ".fifo"), and must fit the same limits.
   */
  readonly name: string;
  /** The account and region the queue is created in: its ARN and its policies name them. */
  readonly environment: AwsEnvironment;
  /**
   * What the queue's Terraform addresses (`queue_<logicalName>`) and CloudFormation logical ids
   * (`Queue<LogicalName>`) derive from, so that moving the construct within the tree never
   * replaces the queue and its messages. Letters, digits and "-".
   * @default the construct id
   */
  readonly logicalName?: string;
  /** @default false */
  readonly fifo?: boolean;
  /** FIFO queues only. @default false */
  readonly contentBasedDeduplication?: boolean;
  /** 0 s to 12 h. @default 30 seconds */
  readonly visibilityTimeout?: Duration;
  /** How long SQS keeps a message, 60 s to 14 days. @default 4 days */
  readonly retention?: Duration;
  /** 0 s to 15 min. @default 0 seconds */
  readonly delay?: Duration;
  /** Long-polling wait, 0 s to 20 s. @default 20 seconds */
  readonly receiveWaitTime?: Duration;
  /** 1 KiB to 1 MiB. @default 256 KiB */
  readonly maxMessageSize?: Size;
  /** `false` opts out. @default a dead-letter queue with its defaults */
  readonly deadLetter?: DeadLetterQueueProps | false;
  /**
   * At rest, for the queue and its dead-letter queues: SSE-SQS, SQS's AWS-managed key, or a
   * customer-managed key made for the queue.
   * @default "sqs-managed"
   */
  readonly encryption?: QueueEncryption;
  /**
   * The description of the queue's own key.
   * @default "Encrypts messages of queue <name> and its dead-letter queues"
   */
  readonly keyDescription?: string;
  /** IAM role or user ARNs that may receive and delete; `grantConsumeMessages` adds more. @default none */
  readonly consumers?: readonly string[];
  /** Tags of the queue, its dead-letter queues and its key. @default none */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A topic a queue can subscribe to: an event topic of the same app, or one created elsewhere. */
export interface TopicReference {
  readonly topicArn: string;
  /** What the subscription's address and logical id derive from (see `SubscribeOptions`). */
  readonly logicalName: string;
  /** @default true when the ARN's name ends in ".fifo" */
  readonly fifo?: boolean;
}

export interface SubscribeOptions {
  /** An SNS filter policy: only matching messages reach the queue. @default every message */
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  /** @default "MessageAttributes" */
  readonly filterPolicyScope?: FilterPolicyScope;
  /** Deliver the message as published, without SNS's JSON envelope. @default true */
  readonly rawMessageDelivery?: boolean;
  /**
   * What the subscription's Terraform address (`subscription_<queue>_<name>`) and logical id
   * derive from; a "/" may join two names ("orders/order-events"). @default the topic's logicalName
   */
  readonly logicalName?: string;
}
