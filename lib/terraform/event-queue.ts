import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { Lazy, TerraformOutput, TerraformStack, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import {
  deliveryDeadLetterOf,
  resolveQueueProps,
  BUILT_IN_DEFAULTS,
  QueueGrants,
  type PolicyDocument,
  type EventQueueProps,
  type ResolvedQueue,
  type SubscribeOptions,
  type TopicReference,
} from '../model';
import { addresses } from './addresses';
import { encryptAtRest } from './encryption-key';
import { escapeTags, templateSafeJson } from './escape';
import { EventTopic } from './event-topic';
import { TopicSubscription } from './topic-subscription';

export type { EventQueueProps, SubscribeOptions };

type Encryption = ReturnType<typeof encryptAtRest>;

/**
 * A consumer's queue with its dead-letter queue, the queues that keep what SNS could not
 * deliver, and the policies of all of them. Invalid props throw an InvalidPropsError listing
 * every problem.
 */
export class EventQueue extends Construct {
  readonly queue: SqsQueue;
  /** Where messages go after maxReceiveCount failed receives; absent with `deadLetter: false`. */
  readonly deadLetterQueue?: SqsQueue;
  /** The queue's ARN, written out: the policies of topics and keys can name it. */
  readonly queueArn: string;
  /** The queue policy: subscriptions wait for it, so SNS may deliver from the first message. */
  readonly policy: SqsQueuePolicy;
  /** Resources a subscription needs before it is created: the queue's policy, and the DLQs SNS writes to. */
  readonly subscriptionPrerequisites: ITerraformDependable[] = [];
  private readonly settings: ResolvedQueue;
  private readonly grants: QueueGrants;
  private readonly deliveryDeadLetters = new Map<boolean, SqsQueue>();
  private readonly encryption: Encryption;
  private readonly tags: Record<string, string>;

  constructor(scope: Construct, id: string, props: EventQueueProps) {
    // Checked before the construct joins the tree: invalid props leave nothing behind.
    const settings = resolveQueueProps(props, id);
    super(scope, id);
    this.settings = settings;
    const { name, arn, logicalName, fifo, contentBasedDeduplication, deadLetter } = this.settings;
    this.queueArn = arn;
    this.grants = new QueueGrants(settings);
    this.tags = escapeTags(this.settings.tags);
    // Without its key a queue's messages cannot be read: the key is protected like the queue.
    this.encryption = encryptAtRest(this, () => this.grants.encryption(), {
      address: addresses.queueKey(logicalName),
      tags: this.settings.tags,
      preventDestroy: true,
    });
    const deadLetterQueue = this.createDeadLetterQueue();
    if (deadLetterQueue) this.deadLetterQueue = deadLetterQueue;

    this.queue = new SqsQueue(this, 'queue', {
      ...queueIdentity(name, fifo, contentBasedDeduplication),
      visibilityTimeoutSeconds: this.settings.visibilityTimeout.toSeconds(),
      messageRetentionSeconds: this.settings.retention.toSeconds(),
      delaySeconds: this.settings.delay.toSeconds(),
      receiveWaitTimeSeconds: this.settings.receiveWaitTime.toSeconds(),
      maxMessageSize: this.settings.maxMessageSize.toBytes(),
      ...(deadLetterQueue && deadLetter
        ? {
            // The ARN is written out; the dependency makes the DLQ exist first, as SQS requires.
            redrivePolicy: templateSafeJson({
              deadLetterTargetArn: deadLetter.arn,
              maxReceiveCount: deadLetter.maxReceiveCount,
            }),
            dependsOn: [deadLetterQueue],
          }
        : {}),
      ...this.encryption,
      ...protectedFromDestroy,
      tags: this.tags,
    });
    this.queue.overrideLogicalId(addresses.queue(logicalName));
    outputAddresses(this, this.queue, addresses.queue(logicalName));
    this.policy = this.attachPolicy(
      this.queue,
      () => this.grants.policy(),
      addresses.queuePolicy(logicalName),
    );
    this.subscriptionPrerequisites.push(this.policy);

    if (deadLetterQueue) {
      // Only this queue may move messages into its DLQ.
      const redriveAllow = new SqsQueueRedriveAllowPolicy(this, 'dead-letter-redrive-allow', {
        queueUrl: deadLetterQueue.url,
        redriveAllowPolicy: templateSafeJson({ redrivePermission: 'byQueue', sourceQueueArns: [arn] }),
        dependsOn: [this.queue],
      });
      redriveAllow.overrideLogicalId(addresses.deadLetterRedriveAllow(logicalName));
    }
  }

  /** Lets an IAM role or user receive, delete and change the visibility of messages, and decrypt them. */
  grantConsumeMessages(principalArn: string): void {
    this.grants.grantConsumeMessages(principalArn);
  }

  /**
   * Subscribes the queue to a topic: SNS may deliver from that topic only (aws:SourceArn in the
   * queue's and key's policies), and what it cannot deliver goes to the queue's delivery
   * dead-letter queue for the topic's kind. Throws an InvalidPropsError for a FIFO queue and a
   * standard topic, a second subscription to one topic, or an invalid filter policy.
   */
  subscribe(topic: TopicReference, options: SubscribeOptions = {}): TopicSubscription {
    const subscription = this.grants.subscribe(topic, options);
    const deadLetterTarget = deliveryDeadLetterOf(this.settings, subscription.topicFifo);
    this.deliveryDeadLetterQueue(subscription.topicFifo);
    const sameStack = topic instanceof EventTopic && TerraformStack.of(topic) === TerraformStack.of(this);
    return new TopicSubscription(this, `subscription-${subscription.logicalName.replace('/', '-')}`, {
      subscription,
      queueArn: this.queue.arn,
      ...(sameStack ? { topicArn: topic.topic.arn } : {}),
      deadLetterTargetArn: deadLetterTarget.arn,
      address: addresses.subscriptionNamed(this.settings.logicalName, subscription.logicalName),
      dependsOn: this.subscriptionPrerequisites,
    });
  }

  /**
   * The queue that keeps what SNS could not deliver from topics of one kind (SNS requires a FIFO
   * one for FIFO topics), created with the first subscription that needs it. Without it SNS drops
   * a message after a client-side error (a broken queue policy, a deleted queue) without
   * retrying (SNS developer guide, "Amazon SNS dead-letter queues").
   */
  deliveryDeadLetterQueue(fifo: boolean): SqsQueue {
    const existing = this.deliveryDeadLetters.get(fifo);
    if (existing) return existing;
    const { logicalName } = this.settings;
    const { name } = deliveryDeadLetterOf(this.settings, fifo);
    const queue = new SqsQueue(this, `delivery-dead-letter${fifo ? '-fifo' : ''}`, {
      ...queueIdentity(name, fifo, false),
      messageRetentionSeconds: BUILT_IN_DEFAULTS.deliveryDeadLetter.retention.toSeconds(),
      ...this.encryption,
      ...protectedFromDestroy,
      tags: this.tags,
    });
    queue.overrideLogicalId(addresses.deliveryDeadLetterQueue(logicalName, fifo));
    const policy = this.attachPolicy(
      queue,
      () => this.grants.deliveryDeadLetterPolicy(fifo),
      addresses.deliveryDeadLetterQueuePolicy(logicalName, fifo),
    );
    this.subscriptionPrerequisites.push(policy);
    this.deliveryDeadLetters.set(fifo, queue);
    return queue;
  }

  private createDeadLetterQueue(): SqsQueue | undefined {
    const { deadLetter, logicalName, fifo } = this.settings;
    if (!deadLetter) return undefined;
    const queue = new SqsQueue(this, 'dead-letter', {
      // A FIFO queue's DLQ must be FIFO too (SQS developer guide, "Using dead-letter queues").
      ...queueIdentity(deadLetter.name, fifo, false),
      messageRetentionSeconds: deadLetter.retention.toSeconds(),
      ...this.encryption,
      ...protectedFromDestroy,
      tags: this.tags,
    });
    queue.overrideLogicalId(addresses.deadLetterQueue(logicalName));
    outputAddresses(this, queue, addresses.deadLetterQueue(logicalName));
    this.attachPolicy(
      queue,
      () => this.grants.deadLetterPolicy(),
      addresses.deadLetterQueuePolicy(logicalName),
    );
    return queue;
  }

  /** A queue's policy, rendered when the stack is synthesized: grants and subscriptions come later. */
  private attachPolicy(queue: SqsQueue, document: () => PolicyDocument, logicalId: string): SqsQueuePolicy {
    const policy = new SqsQueuePolicy(this, `${queue.node.id}-policy`, {
      queueUrl: queue.url,
      policy: Lazy.stringValue({ produce: () => templateSafeJson(document()) }),
    });
    policy.overrideLogicalId(logicalId);
    return policy;
  }
}

// Deleting a queue deletes its messages: Terraform refuses to plan it while this block is in the
// configuration.
const protectedFromDestroy = { lifecycle: { preventDestroy: true } } as const;

/** The queue's URL and ARN as stack outputs, for consumers and for `terraform output`. */
function outputAddresses(scope: Construct, queue: SqsQueue, address: string): void {
  for (const [attribute, value] of [
    ['url', queue.url],
    ['arn', queue.arn],
  ] as const) {
    const output = new TerraformOutput(scope, `${queue.node.id}-${attribute}`, { value });
    output.overrideLogicalId(addresses.output(address, attribute));
  }
}

function queueIdentity(name: string, fifo: boolean, contentBasedDeduplication: boolean) {
  return {
    name,
    fifoQueue: fifo,
    ...(fifo ? { contentBasedDeduplication } : {}),
  };
}
