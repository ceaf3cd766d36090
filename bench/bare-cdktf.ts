import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { SqsQueueRedriveAllowPolicy } from '@cdktf/provider-aws/lib/sqs-queue-redrive-allow-policy';
import {
  App,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  type ITerraformDependable,
} from 'cdktf';
import type { BareEncryption, BareOrganisation, BareStack } from './description';

/**
 * The bus written directly against cdktf and the AWS provider bindings, without the product's
 * constructs, validation or checks: the same resources in the same stacks as `eventbus synth`,
 * from the plans `bench/description.ts` wrote out. The benchmark's baseline for Terraform.

 */
export function synthesizeBareTerraform(organisation: BareOrganisation, outdir: string): void {
  const app = new App({ outdir, stackTraces: false });
  const stacks = new Map(organisation.stacks.map((stack) => [stack.name, bareStack(app, stack)]));
  for (const stack of organisation.stacks) {
    for (const dependency of stack.dependsOn) {
      const other = stacks.get(dependency);
      if (other) (stacks.get(stack.name) as TerraformStack).addDependency(other);
    }
  }
  app.synth();
}

const preventDestroy = { lifecycle: { preventDestroy: true } } as const;

function bareStack(app: App, description: BareStack): TerraformStack {
  const stack = new TerraformStack(app, description.name);
  new AwsProvider(stack, 'aws', {
    region: description.region,
    allowedAccountIds: [description.account],
    ...(description.deployRole ? { assumeRole: [{ roleArn: description.deployRole }] } : {}),
    defaultTags: [{ tags: { ...description.tags } }],
  });
  const backend = description.stateBackend;
  stack.addOverride('terraform.required_version', backend?.useLockfile ? '>= 1.10' : '>= 1.7');
  if (backend) {
    const s3 = new S3Backend(stack, {
      bucket: backend.bucket,
      key: backend.key,
      region: backend.region,
      encrypt: backend.encrypt,
    });
    if (backend.useLockfile) s3.addOverride('use_lockfile', true);
  } else {
    new LocalBackend(stack, { path: `../../../terraform.${description.name}.tfstate` });
  }

  for (const topic of description.topics) {
    const tags = { 'request-file': topic.requestFile };
    const resource = new SnsTopic(stack, `topic_${topic.id}`, {
      name: topic.name,
      fifoTopic: topic.fifo,
      ...encrypt(stack, `topic_${topic.id}_key`, topic.encryption, tags),
      ...preventDestroy,
      tags,
    });
    new TerraformOutput(stack, `topic_${topic.id}_arn`, { value: resource.arn });
    new SnsTopicPolicy(stack, `topic_${topic.id}_policy`, {
      arn: resource.arn,
      policy: JSON.stringify(topic.policy),
    });
  }

  for (const queue of description.queues) {
    const id = `queue_${queue.id}`;
    const tags = { 'request-file': queue.requestFile };
    const encryption = encrypt(stack, `${id}_key`, queue.encryption, tags);
    const prerequisites: ITerraformDependable[] = [];
    const queueWithPolicy = (
      queueId: string,
      settings: { name: string; fifo: boolean; retentionSeconds: number; policy: object },
      extra: Partial<ConstructorParameters<typeof SqsQueue>[2]> = {},
    ): { resource: SqsQueue; policy: SqsQueuePolicy } => {
      const resource = new SqsQueue(stack, queueId, {
        name: settings.name,
        fifoQueue: settings.fifo,
        messageRetentionSeconds: settings.retentionSeconds,
        ...extra,
        ...encryption,
        ...preventDestroy,
        tags,
      });
      const policy = new SqsQueuePolicy(stack, `${queueId}_policy`, {
        queueUrl: resource.url,
        policy: JSON.stringify(settings.policy),
      });
      return { resource, policy };
    };
    const outputs = (queueId: string, resource: SqsQueue): void => {
      new TerraformOutput(stack, `${queueId}_url`, { value: resource.url });
      new TerraformOutput(stack, `${queueId}_arn`, { value: resource.arn });
    };

    const deadLetter = queue.deadLetter && queueWithPolicy(`${id}_dlq`, queue.deadLetter);
    if (deadLetter) outputs(`${id}_dlq`, deadLetter.resource);
    const main = queueWithPolicy(`${id}`, queue, {
      visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
      delaySeconds: queue.delaySeconds,
      receiveWaitTimeSeconds: queue.receiveWaitTimeSeconds,
      maxMessageSize: queue.maxMessageSize,
      ...(deadLetter && queue.deadLetter
        ? {
            redrivePolicy: JSON.stringify({
              deadLetterTargetArn: queue.deadLetter.arn,
              maxReceiveCount: queue.deadLetter.maxReceiveCount,
            }),
            dependsOn: [deadLetter.resource],
          }
        : {}),
    });
    outputs(id, main.resource);
    prerequisites.push(main.policy);
    if (deadLetter) {
      new SqsQueueRedriveAllowPolicy(stack, `${id}_dlq_redrive_allow`, {
        queueUrl: deadLetter.resource.url,
        redriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [queue.arn] }),
        dependsOn: [main.resource],
      });
    }
    for (const delivery of queue.deliveryDeadLetters) {
      prerequisites.push(queueWithPolicy(`${id}_sns_dlq${delivery.fifo ? '_fifo' : ''}`, delivery).policy);
    }
    for (const subscription of queue.subscriptions) {
      new SnsTopicSubscription(stack, `subscription_${queue.id}_${subscription.id}`, {
        topicArn: subscription.topicArn,
        protocol: 'sqs',
        endpoint: main.resource.arn,
        rawMessageDelivery: subscription.rawMessageDelivery,
        ...(subscription.filterPolicy
          ? {
              filterPolicy: JSON.stringify(subscription.filterPolicy),
              filterPolicyScope: subscription.filterScope,
            }
          : {}),
        redrivePolicy: JSON.stringify({ deadLetterTargetArn: subscription.deliveryDeadLetterArn }),
        dependsOn: prerequisites,
      });
    }
  }
  return stack;
}

/** The resource's encryption attributes, creating its own key and alias when it has one. */
function encrypt(
  stack: TerraformStack,
  id: string,
  encryption: BareEncryption,
  tags: Record<string, string>,
): { kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean } {
  if (encryption.sqsManaged) return { sqsManagedSseEnabled: true };
  if (encryption.keyAlias) return { kmsMasterKeyId: encryption.keyAlias };
  if (!encryption.key) return {};
  const key = new KmsKey(stack, id, {
    description: encryption.key.description,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: JSON.stringify(encryption.key.policy),
    ...preventDestroy,
    tags,
  });
  new KmsAlias(stack, `${id}_alias`, { name: encryption.key.alias, targetKeyId: key.keyId });
  return { kmsMasterKeyId: key.arn };
}
