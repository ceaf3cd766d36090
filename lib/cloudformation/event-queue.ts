import { CfnOutput, Lazy, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, Dependable, DependencyGroup } from 'constructs';
import {
  deliveryDeadLetterOf,
  logicalIds,
  resolveQueueProps,
  BUILT_IN_DEFAULTS,
  QueueGrants,
  type PolicyDocument,
  type EventQueueProps,
  type ResolvedQueue,
  type SubscribeOptions,
  type TopicReference,
} from '../model';
import { createKey, encryptionProperties, type EncryptionProperties } from './encryption-key';
import { EventTopic } from './event-topic';
import { assignLogicalId } from './logical-id';
import { acknowledgeFinding, QueueInterface, retainedResource, setTags } from './resources';
import { TopicSubscription } from './topic-subscription';

export type { EventQueueProps, SubscribeOptions };

/**
 * A consumer's queue with its dead-letter queue, the queues that keep what SNS could not deliver,
 * the policy of each of them, and the queue's own KMS key when it asks for one (all of these
 * queues share it: SNS and consumers then need access to one key only). Invalid props throw an
 * InvalidPropsError listing every problem.
 *
 * Every ARN in these resources is written out but the queue's redrive target: both backends then
 * render the same strings, and the DLQ's redrive-allow policy can name its source queue, which a
 * reference could not do (the queue refers to the DLQ: CloudFormation would see a cycle).
 * Explicit dependencies give CloudFormation the creation order that references would have given.
 */
export class EventQueue extends Construct {
  /** The CfnQueue this renders. */
  readonly resource: sqs.CfnQueue;
  /** The CfnQueue of the dead-letter queue; absent with `deadLetter: false`. */
  readonly deadLetterResource?: sqs.CfnQueue;
  /** The queue's ARN, written out: the policies of topics and keys can name it. */
  readonly queueArn: string;
  /**
   * What SNS needs before a subscription may deliver: the queue's policy and the delivery
   * dead-letter queues with theirs, so that the first message is neither refused nor lost.
   */
  readonly deliveryPrerequisites = new DependencyGroup();
  private readonly settings: ResolvedQueue;
  private readonly encryption: EncryptionProperties;
  private readonly grants: QueueGrants;
  private readonly deliveryDeadLetters = new Map<boolean, sqs.CfnQueue>();
  private readonly subscriptions: TopicSubscription[] = [];
  private readonly interfaces = new Map<sqs.CfnQueue, sqs.IQueue>();

  constructor(scope: Construct, id: string, props: EventQueueProps) {
    // Checked before the construct joins the tree: invalid props leave nothing behind.
    const settings = resolveQueueProps(props, id);
    super(scope, id);
    this.settings = settings;
    const { name, arn, logicalName, fifo, contentBasedDeduplication, deadLetter } = this.settings;
    this.queueArn = arn;
    this.grants = new QueueGrants(settings);
    const encryption = () => this.grants.encryption();
    const key = createKey(this, encryption, logicalIds.queueKey(logicalName));
    if (key) setTags(key.key, settings.tags);
    this.encryption = encryptionProperties(encryption(), key);
    const deadLetterQueue = this.createDeadLetterQueue();
    if (deadLetterQueue) this.deadLetterResource = deadLetterQueue;

    const queue = this.createQueue('Queue', logicalIds.queue(logicalName), {
      queueName: name,
      fifo,
      // SQS accepts content-based deduplication on FIFO queues only.
      ...(fifo ? { contentBasedDeduplication } : {}),
      ...(deadLetterQueue && deadLetter
        ? {
            // By Fn::GetAtt, the one reference among the ARNs: it goes from the queue to its DLQ
            // only (the DLQ names the queue by ARN), so there is no cycle; it makes the DLQ exist
            // first, as SQS requires, and lets cfn-lint see both are of one type (E3502).
            redrivePolicy: {
              deadLetterTargetArn: deadLetterQueue.attrArn,
              maxReceiveCount: deadLetter.maxReceiveCount,
            },
          }
        : {}),
      delaySeconds: this.settings.delay.toSeconds(),
      maximumMessageSize: this.settings.maxMessageSize.toBytes(),
      messageRetentionPeriod: this.settings.retention.toSeconds(),
      receiveMessageWaitTimeSeconds: this.settings.receiveWaitTime.toSeconds(),
      visibilityTimeout: this.settings.visibilityTimeout.toSeconds(),
    });
    this.resource = queue;
    this.addDeliveryPrerequisite(
      this.attachPolicy(queue, () => this.grants.policy(), logicalIds.queuePolicy(logicalName)),
    );
    outputAddresses(this, queue, logicalIds.queue(logicalName));
  }

  /**
   * The queue for metrics and other aws-cdk-lib constructs, made when first asked for; its
   * `node.defaultChild` is the CfnQueue. Statements cannot be added to its policy: grant with
   * `grantConsumeMessages`, let topics deliver with `subscribe`.
   */
  get queue(): sqs.IQueue {
    return this.interfaceOf(this.resource);
  }

  /** Where messages go after maxReceiveCount failed receives; absent with `deadLetter: false`. */
  get deadLetterQueue(): sqs.IQueue | undefined {
    return this.deadLetterResource && this.interfaceOf(this.deadLetterResource);
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
    this.deliveryDeadLetterResource(subscription.topicFifo);
    // "." joins a team and a topic unambiguously: neither name contains one.
    const created = new TopicSubscription(
      this,
      `subscription-${subscription.logicalName.replace('/', '.')}`,
      {
        subscription,
        queueArn: this.queueArn,
        deadLetterTargetArn: deliveryDeadLetterOf(this.settings, subscription.topicFifo).arn,
        logicalId: logicalIds.subscriptionNamed(this.settings.logicalName, subscription.logicalName),
        dependsOn: [
          ...Dependable.of(this.deliveryPrerequisites).dependencyRoots,
          ...(topic instanceof EventTopic && Stack.of(topic) === Stack.of(this) ? [topic.resource] : []),
        ],
      },
    );
    this.subscriptions.push(created);
    return created;
  }

  /**
   * The queue that keeps what SNS could not deliver from topics of one kind (SNS requires a FIFO
   * one for FIFO topics), created with the first subscription that needs it. Without it SNS drops
   * a message after a client-side error (a broken queue policy, a deleted queue) without
   * retrying (SNS developer guide, "Amazon SNS dead-letter queues").
   */
  deliveryDeadLetterQueue(fifo: boolean): sqs.IQueue {
    return this.interfaceOf(this.deliveryDeadLetterResource(fifo));
  }

  /** The CfnQueue of {@link deliveryDeadLetterQueue}: the one there is, or a new one. */
  deliveryDeadLetterResource(fifo: boolean): sqs.CfnQueue {
    const existing = this.deliveryDeadLetters.get(fifo);
    if (existing) return existing;
    const { logicalName } = this.settings;
    const { name } = deliveryDeadLetterOf(this.settings, fifo);
    const queue = this.createQueue(
      `DeliveryDeadLetter${fifo ? 'Fifo' : ''}`,
      logicalIds.deliveryDeadLetterQueue(logicalName, fifo),
      {
        queueName: name,
        fifo,
        messageRetentionPeriod: BUILT_IN_DEFAULTS.deliveryDeadLetter.retention.toSeconds(),
      },
    );
    acknowledgeFinding(
      queue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of SNS subscriptions (their RedrivePolicy names it); cdk-nag recognises only SQS redrive policies as making a queue a dead-letter queue.',
    );
    this.addDeliveryPrerequisite(
      this.attachPolicy(
        queue,
        () => this.grants.deliveryDeadLetterPolicy(fifo),
        logicalIds.deliveryDeadLetterQueuePolicy(logicalName, fifo),
      ),
    );
    this.deliveryDeadLetters.set(fifo, queue);
    return queue;
  }

  /**
   * Makes every subscription, made or to come, wait for `policy`. The subscriptions depend on
   * each policy's CfnResource itself: aws-cdk-lib then has no construct dependencies to work out
   * when it synthesizes, which it does by walking the whole tree.
   */
  private addDeliveryPrerequisite(policy: sqs.CfnQueuePolicy): void {
    this.deliveryPrerequisites.add(policy);
    for (const subscription of this.subscriptions) subscription.addResourceDependency(policy);
  }

  private interfaceOf(resource: sqs.CfnQueue): sqs.IQueue {
    const existing = this.interfaces.get(resource);
    if (existing) return existing;
    const created = new QueueInterface(resource);
    this.interfaces.set(resource, created);
    return created;
  }

  private createDeadLetterQueue(): sqs.CfnQueue | undefined {
    const { deadLetter, logicalName, fifo, arn } = this.settings;
    if (!deadLetter) return undefined;
    const queue = this.createQueue('DeadLetter', logicalIds.deadLetterQueue(logicalName), {
      queueName: deadLetter.name,
      // A FIFO queue's dead-letter queue must be FIFO too (SQS developer guide, "Using dead-letter queues").
      fifo,
      // Only this queue may move messages here, so no other queue's failures end up among its own.
      redriveAllowPolicy: { redrivePermission: sqs.RedrivePermission.BY_QUEUE, sourceQueueArns: [arn] },
      messageRetentionPeriod: deadLetter.retention.toSeconds(),
    });
    this.attachPolicy(
      queue,
      () => this.grants.deadLetterPolicy(),
      logicalIds.deadLetterQueuePolicy(logicalName),
    );
    outputAddresses(this, queue, logicalIds.deadLetterQueue(logicalName));
    return queue;
  }

  /**
   * A queue with what every queue of the bus shares: retained when it leaves the template (with
   * its messages), the queue's encryption and its tags. `FifoQueue` is written only when true, as
   * sqs.Queue wrote it.
   */
  private createQueue(id: string, logicalId: string, props: BusQueueSettings): sqs.CfnQueue {
    const { fifo, ...properties } = props;
    const queue = retainedResource(
      new sqs.CfnQueue(this, id, {
        ...(fifo ? { fifoQueue: true } : {}),
        ...properties,
        kmsMasterKeyId: this.encryption.kmsMasterKeyId,
        sqsManagedSseEnabled: this.encryption.sqsManagedSseEnabled,
      }),
      logicalId,
    );
    setTags(queue, this.settings.tags);
    return queue;
  }

  /**
   * The queue's only policy, rendered when the stack is synthesized (grants and subscriptions come
   * later). The L1 renders it as written; sqs.QueuePolicy would rebuild it through
   * iam.PolicyDocument, and `enforceSSL` would add a second TLS statement.
   */
  private attachPolicy(
    queue: sqs.CfnQueue,
    document: () => PolicyDocument,
    logicalId: string,
  ): sqs.CfnQueuePolicy {
    const policy = new sqs.CfnQueuePolicy(this, `${queue.node.id}Policy`, {
      queues: [queue.ref],
      policyDocument: Lazy.any({ produce: () => document() }),
    });
    assignLogicalId(policy, logicalId);
    return policy;
  }
}

/** A queue's own settings; `fifo` becomes `fifoQueue`. */
type BusQueueSettings = Omit<sqs.CfnQueueProps, 'fifoQueue' | 'kmsMasterKeyId' | 'sqsManagedSseEnabled'> & {
  readonly queueName: string;
  readonly fifo: boolean;
};

/** The queue's URL and ARN as stack outputs, for consumers; the Terraform backend outputs the same. */
function outputAddresses(scope: Construct, queue: sqs.CfnQueue, queueLogicalId: string): void {
  const attributes = { Url: queue.ref, Arn: queue.attrArn } as const;
  for (const [attribute, value] of Object.entries(attributes) as ['Url' | 'Arn', string][]) {
    const output = new CfnOutput(scope, `${queue.node.id}Output${attribute}`, { value });
    assignLogicalId(output, logicalIds.output(queueLogicalId, attribute));
  }
}
