import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import { TerraformOutput, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { PolicyDocument, QueuePlan } from '../model';
import { addresses } from './addresses';
import { encryptAtRest } from './encryption-key';
import { escapeTags, templateSafeJson } from './escape';

export interface EventQueueProps {
  /** The planned queue: settings, dead-letter queues and resource policies. */
  readonly plan: QueuePlan;
}

/**
 * A consumer's queue with its dead-letter queue, the queues that keep what SNS could not
 * deliver, and the policies of all of them.
 */
export class EventQueue extends Construct {
  readonly queue: SqsQueue;
  /** The queue policy: subscriptions wait for it, so SNS may deliver from the first message. */
  readonly policy: SqsQueuePolicy;
  /** Resources a subscription needs before it is created: the queue's policy, and the DLQs SNS writes to. */
  readonly subscriptionPrerequisites: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, { plan }: EventQueueProps) {
    super(scope, id);
    const name = plan.queue.key.name;
    const tags = escapeTags({ 'request-file': plan.requestFile });
    // Without its key a queue's messages cannot be read: the key is protected like the queue.
    const encryption = encryptAtRest(this, plan.encryption, {
      address: addresses.queueKey(name),
      tags,
      preventDestroy: true,
    });
    const deadLetter = plan.deadLetter && this.createDeadLetterQueue(plan, tags, encryption);

    this.queue = new SqsQueue(this, 'queue', {
      ...queueIdentity(plan.name, plan.queue.fifo, plan.queue.contentBasedDeduplication),
      visibilityTimeoutSeconds: plan.queue.visibilityTimeout.toSeconds(),
      messageRetentionSeconds: plan.queue.retention.toSeconds(),
      delaySeconds: plan.queue.delay.toSeconds(),
      receiveWaitTimeSeconds: plan.queue.receiveWaitTime.toSeconds(),
      maxMessageSize: plan.queue.maxMessageSize.toBytes(),
      ...(deadLetter && plan.deadLetter
        ? {
            // The ARN is known from the plan; the dependency makes the DLQ exist first, as SQS requires.
            redrivePolicy: templateSafeJson({
              deadLetterTargetArn: plan.deadLetter.arn,
              maxReceiveCount: plan.deadLetter.settings.maxReceiveCount,
            }),
            dependsOn: [deadLetter],
          }
        : {}),
      ...encryption,
      ...protectedFromDestroy,
      tags,
    });
    this.queue.overrideLogicalId(addresses.queue(name));
    outputAddresses(this, this.queue, addresses.queue(name));
    this.policy = attachPolicy(this, this.queue, plan.policy, addresses.queuePolicy(name));
    this.subscriptionPrerequisites.push(this.policy);

    if (deadLetter && plan.deadLetter) {
      // Only this queue may move messages into its DLQ.
      const redriveAllow = new SqsQueueRedriveAllowPolicy(this, 'dead-letter-redrive-allow', {
        queueUrl: deadLetter.url,
        redriveAllowPolicy: templateSafeJson({ redrivePermission: 'byQueue', sourceQueueArns: [plan.arn] }),
        dependsOn: [this.queue],
      });
      redriveAllow.overrideLogicalId(addresses.deadLetterRedriveAllow(name));
    }

    for (const delivery of plan.deliveryDeadLetters) {
      // Without a subscription DLQ, SNS drops a message after a client-side error (a broken queue
      // policy, a deleted queue) without retrying (SNS developer guide, "Amazon SNS dead-letter queues").
      const queue = new SqsQueue(this, `delivery-dead-letter${delivery.fifo ? '-fifo' : ''}`, {
        ...queueIdentity(delivery.name, delivery.fifo, false),
        messageRetentionSeconds: delivery.retention.toSeconds(),
        ...encryption,
        ...protectedFromDestroy,
        tags,
      });
      queue.overrideLogicalId(addresses.deliveryDeadLetterQueue(name, delivery.fifo));
      const policy = attachPolicy(
        this,
        queue,
        delivery.policy,
        addresses.deliveryDeadLetterQueuePolicy(name, delivery.fifo),
      );
      this.subscriptionPrerequisites.push(policy);
    }
  }

  private createDeadLetterQueue(
    plan: QueuePlan,
    tags: Record<string, string>,
    encryption: ReturnType<typeof encryptAtRest>,
  ): SqsQueue | undefined {
    if (!plan.deadLetter) return undefined;
    const name = plan.queue.key.name;
    const queue = new SqsQueue(this, 'dead-letter', {
      // A FIFO queue's DLQ must be FIFO too (SQS developer guide, "Using dead-letter queues").
      ...queueIdentity(plan.deadLetter.name, plan.queue.fifo, false),
      messageRetentionSeconds: plan.deadLetter.settings.retention.toSeconds(),
      ...encryption,
      ...protectedFromDestroy,
      tags,
    });
    queue.overrideLogicalId(addresses.deadLetterQueue(name));
    outputAddresses(this, queue, addresses.deadLetterQueue(name));
    attachPolicy(this, queue, plan.deadLetter.policy, addresses.deadLetterQueuePolicy(name));
    return queue;
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

function attachPolicy(
  scope: Construct,
  queue: SqsQueue,
  document: PolicyDocument,
  logicalId: string,
): SqsQueuePolicy {
  const policy = new SqsQueuePolicy(scope, `${queue.node.id}-policy`, {
    queueUrl: queue.url,
    policy: templateSafeJson(document),
  });
  policy.overrideLogicalId(logicalId);
  return policy;
}
