import type { EncryptionPlan } from '../plan';
import { queuePolicy, topicPolicy, type PolicyDocument } from '../policies';
import { queueEncryptionOf, topicEncryptionOf } from '../encryption';
import {
  assertPrincipal,
  deliveryDeadLetterOf,
  resolveSubscription,
  type ResolvedQueue,
  type ResolvedSubscription,
  type ResolvedTopic,
} from './resolve';
import type { SubscribeOptions, TopicReference } from './types';

/**
 * Who may publish to a topic, collected as the app calls `grantPublish`, and the policies that
 * follow from it. Both backends' topics render these documents when the app synthesizes.
 */
export class TopicGrants {
  private readonly publishers: Set<string>;

  constructor(readonly topic: ResolvedTopic) {
    this.publishers = new Set(topic.publishers);
  }

  /** Throws an InvalidPropsError for anything but an IAM role or user ARN. */
  grantPublish(principalArn: string): void {
    assertPrincipal(`grantPublish on topic "${this.topic.name}"`, principalArn);
    this.publishers.add(principalArn);
  }

  policy(): PolicyDocument {
    return topicPolicy(this.topic.arn, this.publisherList());
  }

  encryption(): EncryptionPlan {
    const { encryption, keyAlias, keyDescription, environment } = this.topic;
    return topicEncryptionOf(
      encryption,
      { alias: keyAlias, description: keyDescription, environment },
      this.publisherList(),
    );
  }

  private publisherList(): string[] {
    return [...this.publishers].sort();
  }
}

/**
 * Who may consume from a queue and which topics deliver to it, collected as the app calls
 * `grantConsumeMessages` and `subscribe`, and the policies of the queue, its dead-letter queues
 * and its key that follow from them.
 */
export class QueueGrants {
  private readonly consumers: Set<string>;
  /** Subscribed topic ARNs, by whether the topic is FIFO. */
  private readonly subscribedTopics = new Map<string, boolean>();

  constructor(readonly queue: ResolvedQueue) {
    this.consumers = new Set(queue.consumers);
  }

  /** Throws an InvalidPropsError for anything but an IAM role or user ARN. */
  grantConsumeMessages(principalArn: string): void {
    assertPrincipal(`grantConsumeMessages on queue "${this.queue.name}"`, principalArn);
    this.consumers.add(principalArn);
  }

  /** Checks the subscription (throwing an InvalidPropsError) and lets the topic deliver. */
  subscribe(topic: TopicReference, options: SubscribeOptions): ResolvedSubscription {
    const subscription = resolveSubscription(
      this.queue,
      topic,
      options,
      new Set(this.subscribedTopics.keys()),
    );
    this.subscribedTopics.set(subscription.topicArn, subscription.topicFifo);
    return subscription;
  }

  policy(): PolicyDocument {
    return queuePolicy(this.queue.arn, this.topicArns(), this.consumerList());
  }

  /** Consumers may read their own failures; nothing else writes there but SQS's redrive. */
  deadLetterPolicy(): PolicyDocument {
    return queuePolicy(this.queue.deadLetter?.arn ?? '', [], this.consumerList());
  }

  /** SNS may write what it could not deliver from the subscribed topics of one kind. */
  deliveryDeadLetterPolicy(fifo: boolean): PolicyDocument {
    return queuePolicy(deliveryDeadLetterOf(this.queue, fifo).arn, this.topicArns(fifo), this.consumerList());
  }

  encryption(): EncryptionPlan {
    const { encryption, keyAlias, keyDescription, environment } = this.queue;
    return queueEncryptionOf(
      encryption,
      { alias: keyAlias, description: keyDescription, environment },
      this.topicArns(),
      this.consumerList(),
    );
  }

  /** Subscribed topic ARNs, sorted: all of them, or those of one kind. */
  private topicArns(fifo?: boolean): string[] {
    return [...this.subscribedTopics]
      .filter(([, topicFifo]) => fifo === undefined || topicFifo === fifo)
      .map(([arn]) => arn)
      .sort();
  }

  private consumerList(): string[] {
    return [...this.consumers].sort();
  }
}
