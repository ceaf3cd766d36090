import * as fs from 'node:fs';
import type { EncryptionPlan, EventBusModel, PolicyDocument, StackPlan } from '../lib/model';

/**
 * What the bare engine programs build, as plain JSON: the product's stack plans with every value
 * decided (names, ARNs, policies, tags), so that the bare programs neither load the product nor
 * redo its validation, and create the same resources in the same stacks.
 */
export interface BareOrganisation {
  readonly stacks: readonly BareStack[];
}

export interface BareStack {
  /** `<environment>.<team>.<layer>`: a cdktf stack; aws-cdk-lib gets it with "." as "-". */
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly deployRole?: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Stacks whose topics this stack's queues subscribe to. */
  readonly dependsOn: readonly string[];
  readonly stateBackend?: {
    readonly bucket: string;
    readonly key: string;
    readonly region: string;
    readonly encrypt: boolean;
    readonly useLockfile: boolean;
  };
  readonly topics: readonly BareTopic[];
  readonly queues: readonly BareQueue[];
}

export interface BareKey {
  readonly alias: string;
  readonly description: string;
  readonly policy: PolicyDocument;
}

/** At rest: nothing, an AWS-managed key by alias, SSE-SQS, or a key of the resource's own. */
export interface BareEncryption {
  readonly keyAlias?: string;
  readonly sqsManaged?: boolean;
  readonly key?: BareKey;
}

export interface BareTopic {
  /** The topic's name in its team: unique in the stack. */
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly requestFile: string;
  readonly policy: PolicyDocument;
  readonly encryption: BareEncryption;
}

export interface BareQueueSettings {
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
  readonly retentionSeconds: number;
  readonly policy: PolicyDocument;
}

export interface BareQueue extends BareQueueSettings {
  readonly id: string;
  readonly requestFile: string;
  readonly visibilityTimeoutSeconds: number;
  readonly delaySeconds: number;
  readonly receiveWaitTimeSeconds: number;
  readonly maxMessageSize: number;
  readonly encryption: BareEncryption;
  readonly deadLetter?: BareQueueSettings & { readonly maxReceiveCount: number };
  readonly deliveryDeadLetters: readonly BareQueueSettings[];
  readonly subscriptions: readonly BareSubscription[];
}

export interface BareSubscription {
  /** `<team>-<topic>`: unique among the queue's subscriptions. */
  readonly id: string;
  readonly topicArn: string;
  readonly filterPolicy?: Readonly<Record<string, unknown>>;
  readonly filterScope: string;
  readonly rawMessageDelivery: boolean;
  readonly deliveryDeadLetterArn: string;
}

/** The plans' active entries as plain data; retired entries are left out, as the backends do. */
export function describeOrganisation(model: EventBusModel, plans: readonly StackPlan[]): BareOrganisation {
  const backend = model.platform.stateBackend;
  return {
    stacks: plans.map((plan): BareStack => {
      const { environment } = plan;
      const topics = plan.topics.filter((topic) => !topic.topic.retired);
      return {
        name: plan.name,
        account: environment.account,
        region: environment.region,
        ...(environment.deployRole ? { deployRole: environment.deployRole } : {}),
        tags: plan.tags,
        dependsOn: plan.dependsOn,
        ...(backend
          ? {
              stateBackend: {
                bucket: backend.bucket,
                key: `${backend.keyPrefix}/${environment.name}/${plan.team.name}/${plan.layer}.tfstate`,
                region: backend.region,
                encrypt: backend.encrypt,
                useLockfile: backend.useLockfile,
              },
            }
          : {}),
        topics: topics.map((topic) => ({
          id: topic.topic.key.name,
          name: topic.name,
          arn: topic.arn,
          fifo: topic.topic.fifo,
          requestFile: topic.requestFile,
          policy: topic.policy,
          encryption: describeEncryption(topic.encryption),
        })),
        queues: plan.queues
          .filter((queue) => !queue.queue.retired)
          .map((queue) => ({
            id: queue.queue.key.name,
            name: queue.name,
            arn: queue.arn,
            fifo: queue.queue.fifo,
            requestFile: queue.requestFile,
            policy: queue.policy,
            visibilityTimeoutSeconds: queue.queue.visibilityTimeout.toSeconds(),
            retentionSeconds: queue.queue.retention.toSeconds(),
            delaySeconds: queue.queue.delay.toSeconds(),
            receiveWaitTimeSeconds: queue.queue.receiveWaitTime.toSeconds(),
            maxMessageSize: queue.queue.maxMessageSize.toBytes(),
            encryption: describeEncryption(queue.encryption),
            ...(queue.deadLetter
              ? {
                  deadLetter: {
                    name: queue.deadLetter.name,
                    arn: queue.deadLetter.arn,
                    fifo: queue.queue.fifo,
                    retentionSeconds: queue.deadLetter.settings.retention.toSeconds(),
                    maxReceiveCount: queue.deadLetter.settings.maxReceiveCount,
                    policy: queue.deadLetter.policy,
                  },
                }
              : {}),
            deliveryDeadLetters: queue.deliveryDeadLetters.map((delivery) => ({
              name: delivery.name,
              arn: delivery.arn,
              fifo: delivery.fifo,
              retentionSeconds: delivery.retention.toSeconds(),
              policy: delivery.policy,
            })),
            // Topics and queues are planned in separate stacks: a subscription names its topic by ARN.
            subscriptions: queue.subscriptions.map(({ subscription, topicArn, deliveryDeadLetterArn }) => ({
              id: `${subscription.topic.team}-${subscription.topic.name}`,
              topicArn,
              ...(subscription.filterPolicy ? { filterPolicy: subscription.filterPolicy } : {}),
              filterScope: subscription.filterScope,
              rawMessageDelivery: subscription.rawMessageDelivery,
              deliveryDeadLetterArn,
            })),
          })),
      };
    }),
  };
}

function describeEncryption(encryption: EncryptionPlan): BareEncryption {
  switch (encryption.kind) {
    case 'none':
      return {};
    case 'sqs-managed':
      return { sqsManaged: true };
    case 'aws-managed':
      return { keyAlias: encryption.keyAlias };
    case 'kms':
      return { key: encryption.key };
  }
}

export function readOrganisation(file: string): BareOrganisation {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BareOrganisation;
}
