import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, DependencyGroup, type IDependable } from 'constructs';
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
import { acknowledgeFinding, cfnResourceOf } from './resources';
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
  readonly queue: sqs.Queue;
  /** Where messages go after maxReceiveCount failed receives; absent with `deadLetter: false`. */
  readonly deadLetterQueue?: sqs.Queue;
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
  private readonly deliveryDeadLetters = new Map<boolean, sqs.Queue>();

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
    this.encryption = encryptionProperties(encryption(), key);
    const deadLetterQueue = this.createDeadLetterQueue();
    if (deadLetterQueue) this.deadLetterQueue = deadLetterQueue;

    this.queue = this.createQueue('Queue', logicalIds.queue(logicalName), {
      queueName: name,
      fifo,
      // SQS accepts content-based deduplication on FIFO queues only.
      ...(fifo ? { contentBasedDeduplication } : {}),
      visibilityTimeout: Duration.seconds(this.settings.visibilityTimeout.toSeconds()),
      retentionPeriod: Duration.seconds(this.settings.retention.toSeconds()),
      deliveryDelay: Duration.seconds(this.settings.delay.toSeconds()),
      receiveMessageWaitTime: Duration.seconds(this.settings.receiveWaitTime.toSeconds()),
      maxMessageSizeBytes: this.settings.maxMessageSize.toBytes(),
      ...(deadLetterQueue && deadLetter
        ? {
            // By Fn::GetAtt, the one reference among the ARNs: it goes from the queue to its DLQ
            // only (the DLQ names the queue by ARN), so there is no cycle; it makes the DLQ exist
            // first, as SQS requires, and lets cfn-lint see both are of one type (E3502).
            deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: deadLetter.maxReceiveCount },
          }
        : {}),
    });
    this.deliveryPrerequisites.add(
      this.attachPolicy(this.queue, () => this.grants.policy(), logicalIds.queuePolicy(logicalName)),
    );
    outputAddresses(this.queue, logicalIds.queue(logicalName));
    for (const [tag, value] of Object.entries(this.settings.tags)) Tags.of(this).add(tag, value);
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
    this.deliveryDeadLetterQueue(subscription.topicFifo);
    const dependsOn: IDependable[] = [this.deliveryPrerequisites];
    if (topic instanceof EventTopic && Stack.of(topic) === Stack.of(this)) {
      dependsOn.push(cfnResourceOf(topic.topic));
    }
    // "." joins a team and a topic unambiguously: neither name contains one.
    return new TopicSubscription(this, `subscription-${subscription.logicalName.replace('/', '.')}`, {
      subscription,
      queueArn: this.queueArn,
      deadLetterTargetArn: deliveryDeadLetterOf(this.settings, subscription.topicFifo).arn,
      logicalId: logicalIds.subscriptionNamed(this.settings.logicalName, subscription.logicalName),
      dependsOn,
    });
  }

  /**
   * The queue that keeps what SNS could not deliver from topics of one kind (SNS requires a FIFO
   * one for FIFO topics), created with the first subscription that needs it. Without it SNS drops
   * a message after a client-side error (a broken queue policy, a deleted queue) without
   * retrying (SNS developer guide, "Amazon SNS dead-letter queues").
   */
  deliveryDeadLetterQueue(fifo: boolean): sqs.Queue {
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
        retentionPeriod: Duration.seconds(BUILT_IN_DEFAULTS.deliveryDeadLetter.retention.toSeconds()),
      },
    );
    acknowledgeFinding(
      queue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of SNS subscriptions (their RedrivePolicy names it); cdk-nag recognises only SQS redrive policies as making a queue a dead-letter queue.',
    );
    this.deliveryPrerequisites.add(
      this.attachPolicy(
        queue,
        () => this.grants.deliveryDeadLetterPolicy(fifo),
        logicalIds.deliveryDeadLetterQueuePolicy(logicalName, fifo),
      ),
    );
    this.deliveryDeadLetters.set(fifo, queue);
    return queue;
  }

  private createDeadLetterQueue(): sqs.Queue | undefined {
    const { deadLetter, logicalName, fifo, arn } = this.settings;
    if (!deadLetter) return undefined;
    const queue = this.createQueue('DeadLetter', logicalIds.deadLetterQueue(logicalName), {
      queueName: deadLetter.name,
      // A FIFO queue's dead-letter queue must be FIFO too (SQS developer guide, "Using dead-letter queues").
      fifo,
      retentionPeriod: Duration.seconds(deadLetter.retention.toSeconds()),
      // Only this queue may move messages here, so no other queue's failures end up among its own.
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'RedriveSource', arn)],
      },
    });
    this.attachPolicy(
      queue,
      () => this.grants.deadLetterPolicy(),
      logicalIds.deadLetterQueuePolicy(logicalName),
    );
    outputAddresses(queue, logicalIds.deadLetterQueue(logicalName));
    return queue;
  }

  /**
   * A queue with what every queue of the bus shares. Deleting a queue deletes its messages, and
   * sqs.Queue's own default is to delete: a queue removed from the template stays in the account.
   * The encryption is written on the L1; sqs.Queue's `encryption` would create a key of its own
   * for KMS.
   */
  private createQueue(id: string, logicalId: string, props: sqs.QueueProps): sqs.Queue {
    const queue = new sqs.Queue(this, id, { ...props, removalPolicy: RemovalPolicy.RETAIN });
    const resource = cfnResourceOf(queue) as sqs.CfnQueue;
    resource.overrideLogicalId(logicalId);
    resource.kmsMasterKeyId = this.encryption.kmsMasterKeyId;
    resource.sqsManagedSseEnabled = this.encryption.sqsManagedSseEnabled;
    return queue;
  }

  /**
   * The queue's only policy, rendered when the stack is synthesized (grants and subscriptions come
   * later). The L1 renders it as written; sqs.QueuePolicy would rebuild it through
   * iam.PolicyDocument, and `enforceSSL` would add a second TLS statement. It takes the id under
   * which sqs.Queue would create a policy of its own, so sqs.Queue's own grant methods fail loudly
   * instead of adding statements beside this document.
   */
  private attachPolicy(
    queue: sqs.Queue,
    document: () => PolicyDocument,
    logicalId: string,
  ): sqs.CfnQueuePolicy {
    const policy = new sqs.CfnQueuePolicy(queue, 'Policy', {
      queues: [queue.queueUrl],
      policyDocument: Lazy.any({ produce: () => document() }),
    });
    policy.overrideLogicalId(logicalId);
    return policy;
  }
}

/** The queue's URL and ARN as stack outputs, for consumers; the Terraform backend outputs the same. */
function outputAddresses(queue: sqs.Queue, queueLogicalId: string): void {
  const attributes = { Url: queue.queueUrl, Arn: queue.queueArn } as const;
  for (const [attribute, value] of Object.entries(attributes) as ['Url' | 'Arn', string][]) {
    const output = new CfnOutput(queue, `Output${attribute}`, { value });
    output.overrideLogicalId(logicalIds.output(queueLogicalId, attribute));
  }
}
