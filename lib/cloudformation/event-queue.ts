import { CfnOutput, Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, DependencyGroup } from 'constructs';
import type { DeadLetterQueuePlan, DeliveryDeadLetterPlan, PolicyDocument, QueuePlan } from '../model';
import { EncryptionKey, encryptionProperties, type EncryptionProperties } from './encryption-key';
import { logicalIds } from '../model';
import { acknowledgeFinding, cfnResourceOf, REQUEST_FILE_TAG } from './resources';

export interface EventQueueProps {
  /** The planned queue: settings, dead-letter queues and resource policies. */
  readonly plan: QueuePlan;
}

/**
 * A consumer's queue with its dead-letter queue, the queues that keep what SNS could not deliver,
 * the policy of each of them, and the queue's own KMS key when the plan asks for one (all of these
 * queues share it: SNS and consumers then need access to one key only).
 *
 * Every ARN in these resources is the plan's, written out, but the queue's redrive target: both
 * backends then render the same strings, and the DLQ's redrive-allow policy can name its source
 * queue, which a reference could not do (the queue refers to the DLQ: CloudFormation would see a
 * cycle). Explicit dependencies give CloudFormation the creation order that references would
 * have given.
 */
export class EventQueue extends Construct {
  readonly queue: sqs.Queue;
  /**
   * What SNS needs before a subscription may deliver: the queue's policy and the delivery
   * dead-letter queues with theirs, so that the first message is neither refused nor lost.
   */
  readonly deliveryPrerequisites = new DependencyGroup();
  private readonly encryption: EncryptionProperties;

  constructor(scope: Construct, id: string, { plan }: EventQueueProps) {
    super(scope, id);
    const name = plan.queue.key.name;
    const key =
      plan.encryption.kind === 'kms'
        ? new EncryptionKey(this, 'EncryptionKey', {
            plan: plan.encryption.key,
            logicalId: logicalIds.queueKey(name),
            retain: true,
          })
        : undefined;
    this.encryption = encryptionProperties(plan.encryption, key);
    const deadLetter = plan.deadLetter && this.createDeadLetterQueue(plan, plan.deadLetter);

    this.queue = this.createQueue('Queue', logicalIds.queue(name), {
      queueName: plan.name,
      fifo: plan.queue.fifo,
      // SQS accepts content-based deduplication on FIFO queues only.
      ...(plan.queue.fifo ? { contentBasedDeduplication: plan.queue.contentBasedDeduplication } : {}),
      visibilityTimeout: Duration.seconds(plan.queue.visibilityTimeout.toSeconds()),
      retentionPeriod: Duration.seconds(plan.queue.retention.toSeconds()),
      deliveryDelay: Duration.seconds(plan.queue.delay.toSeconds()),
      receiveMessageWaitTime: Duration.seconds(plan.queue.receiveWaitTime.toSeconds()),
      maxMessageSizeBytes: plan.queue.maxMessageSize.toBytes(),
      ...(deadLetter && plan.deadLetter
        ? {
            // By Fn::GetAtt, the one reference among the plan's ARNs: it goes from the queue to its
            // DLQ only (the DLQ names the queue by ARN), so there is no cycle; it makes the DLQ
            // exist first, as SQS requires, and lets cfn-lint see both are of one type (E3502).
            deadLetterQueue: { queue: deadLetter, maxReceiveCount: plan.deadLetter.settings.maxReceiveCount },
          }
        : {}),
    });
    this.deliveryPrerequisites.add(attachPolicy(this.queue, plan.policy, logicalIds.queuePolicy(name)));
    outputAddresses(this.queue, logicalIds.queue(name));

    for (const delivery of plan.deliveryDeadLetters) {
      this.deliveryPrerequisites.add(this.createDeliveryDeadLetterQueue(name, delivery));
    }
    Tags.of(this).add(REQUEST_FILE_TAG, plan.requestFile);
  }

  private createDeadLetterQueue(plan: QueuePlan, deadLetter: DeadLetterQueuePlan): sqs.Queue {
    const name = plan.queue.key.name;
    const queue = this.createQueue('DeadLetter', logicalIds.deadLetterQueue(name), {
      queueName: deadLetter.name,
      // A FIFO queue's dead-letter queue must be FIFO too (SQS developer guide, "Using dead-letter queues").
      fifo: plan.queue.fifo,
      retentionPeriod: Duration.seconds(deadLetter.settings.retention.toSeconds()),
      // Only this queue may move messages here, so no other queue's failures end up among its own.
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'RedriveSource', plan.arn)],
      },
    });
    attachPolicy(queue, deadLetter.policy, logicalIds.deadLetterQueuePolicy(name));
    outputAddresses(queue, logicalIds.deadLetterQueue(name));
    return queue;
  }

  /**
   * Without a subscription dead-letter queue, SNS drops a message after a client-side error (a
   * broken queue policy, a deleted queue) without retrying (SNS developer guide, "Amazon SNS
   * dead-letter queues"). Returns the queue's policy, which depends on the queue.
   */
  private createDeliveryDeadLetterQueue(name: string, delivery: DeliveryDeadLetterPlan): sqs.CfnQueuePolicy {
    const queue = this.createQueue(
      `DeliveryDeadLetter${delivery.fifo ? 'Fifo' : ''}`,
      logicalIds.deliveryDeadLetterQueue(name, delivery.fifo),
      {
        queueName: delivery.name,
        fifo: delivery.fifo,
        retentionPeriod: Duration.seconds(delivery.retention.toSeconds()),
      },
    );
    acknowledgeFinding(
      queue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of SNS subscriptions (their RedrivePolicy names it); cdk-nag recognises only SQS redrive policies as making a queue a dead-letter queue.',
    );
    return attachPolicy(
      queue,
      delivery.policy,
      logicalIds.deliveryDeadLetterQueuePolicy(name, delivery.fifo),
    );
  }

  /**
   * A queue with what every queue of the bus shares. Deleting a queue deletes its messages, and
   * sqs.Queue's own default is to delete: a queue removed from the requests stays in the account.
   * The plan's encryption is written on the L1 as planned; sqs.Queue's `encryption` would create
   * a key of its own for KMS.
   */
  private createQueue(id: string, logicalId: string, props: sqs.QueueProps): sqs.Queue {
    const queue = new sqs.Queue(this, id, { ...props, removalPolicy: RemovalPolicy.RETAIN });
    const resource = cfnResourceOf(queue) as sqs.CfnQueue;
    resource.overrideLogicalId(logicalId);
    resource.kmsMasterKeyId = this.encryption.kmsMasterKeyId;
    resource.sqsManagedSseEnabled = this.encryption.sqsManagedSseEnabled;
    return queue;
  }
}

/**
 * The plan's document as the queue's only policy. The L1 renders it as written; sqs.QueuePolicy
 * would rebuild it through iam.PolicyDocument, and `enforceSSL` would add a second TLS statement.
 * It takes the id under which sqs.Queue would create a policy of its own, so a grant call on the
 * queue fails loudly instead of quietly adding statements the plan does not contain.
 */
function attachPolicy(queue: sqs.Queue, document: PolicyDocument, logicalId: string): sqs.CfnQueuePolicy {
  const policy = new sqs.CfnQueuePolicy(queue, 'Policy', {
    queues: [queue.queueUrl],
    policyDocument: document,
  });
  policy.overrideLogicalId(logicalId);
  return policy;
}

/** The queue's URL and ARN as stack outputs, for consumers; the Terraform backend outputs the same. */
function outputAddresses(queue: sqs.Queue, queueLogicalId: string): void {
  const attributes = { Url: queue.queueUrl, Arn: queue.queueArn } as const;
  for (const [attribute, value] of Object.entries(attributes) as ['Url' | 'Arn', string][]) {
    const output = new CfnOutput(queue, `Output${attribute}`, { value });
    output.overrideLogicalId(logicalIds.output(queueLogicalId, attribute));
  }
}
