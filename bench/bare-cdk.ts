import {
  App,
  CfnOutput,
  DefaultStackSynthesizer,
  RemovalPolicy,
  Stack,
  Tags,
  type CfnResource,
} from 'aws-cdk-lib';
import { DISABLE_CREATION_STACK_TRACES } from 'aws-cdk-lib/cx-api';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { BareEncryption, BareOrganisation, BareStack } from './description';

/**
 * The bus written directly against aws-cdk-lib's L1 resources, without the product's constructs,
 * plan checks or template guard: the same resources in the same stacks as
 * `eventbus synth --target cloudformation`, from the plans `bench/description.ts` wrote out. The
 * app has the product's settings (no stack traces, no tree, no version reporting); the built-in
 * template validation follows `CDK_VALIDATION`, as the product's does. No plan of the generated
 * organisations reaches CloudFormation's 500 resources, so every plan is one stack, as in the product.

 */
export function synthesizeBareCloudFormation(organisation: BareOrganisation, outdir: string): void {
  const app = new App({
    outdir,
    analyticsReporting: false,
    stackTraces: false,
    context: { [DISABLE_CREATION_STACK_TRACES]: true },
    treeMetadata: false,
    autoSynth: false,
  });
  const stacks = new Map(organisation.stacks.map((stack) => [stack.name, bareStack(app, stack)]));
  for (const stack of organisation.stacks) {
    for (const dependency of stack.dependsOn) {
      const other = stacks.get(dependency);
      if (other) (stacks.get(stack.name) as Stack).addStackDependency(other);
    }
  }
  app.synth();
}

function bareStack(app: App, description: BareStack): Stack {
  const stackName = description.name.replaceAll('.', '-');
  const stack = new Stack(app, stackName, {
    stackName,
    env: { account: description.account, region: description.region },
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    analyticsReporting: false,
  });
  for (const [key, value] of Object.entries(description.tags)) Tags.of(stack).add(key, value);
  const retain = <T extends CfnResource>(resource: T): T => {
    resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return resource;
  };

  for (const topic of description.topics) {
    const id = `Topic${pascal(topic.id)}`;
    const resource = retain(
      new sns.CfnTopic(stack, id, {
        topicName: topic.name,
        fifoTopic: topic.fifo,
        ...encrypt(stack, `${id}Key`, topic.encryption, topic.requestFile),
      }),
    );
    Tags.of(resource).add('request-file', topic.requestFile);
    const policy = new sns.CfnTopicPolicy(stack, `${id}Policy`, {
      topics: [topic.arn],
      policyDocument: topic.policy,
    });
    policy.addResourceDependency(resource);
    new CfnOutput(stack, `${id}Arn`, { value: resource.attrTopicArn });
  }

  for (const queue of description.queues) {
    const id = `Queue${pascal(queue.id)}`;
    const encryption = encrypt(stack, `${id}Key`, queue.encryption, queue.requestFile);
    const prerequisites: CfnResource[] = [];
    const queueWithPolicy = (
      queueId: string,
      settings: { name: string; fifo: boolean; retentionSeconds: number; policy: object },
      extra: sqs.CfnQueueProps = {},
    ): { resource: sqs.CfnQueue; policy: sqs.CfnQueuePolicy } => {
      const resource = retain(
        new sqs.CfnQueue(stack, queueId, {
          queueName: settings.name,
          ...(settings.fifo ? { fifoQueue: true } : {}),
          messageRetentionPeriod: settings.retentionSeconds,
          ...extra,
          ...encryption,
        }),
      );
      Tags.of(resource).add('request-file', queue.requestFile);
      const policy = new sqs.CfnQueuePolicy(stack, `${queueId}Policy`, {
        queues: [resource.ref],
        policyDocument: settings.policy,
      });
      return { resource, policy };
    };
    const outputs = (queueId: string, resource: sqs.CfnQueue): void => {
      new CfnOutput(stack, `${queueId}Url`, { value: resource.ref });
      new CfnOutput(stack, `${queueId}Arn`, { value: resource.attrArn });
    };

    const deadLetter =
      queue.deadLetter &&
      queueWithPolicy(`${id}DeadLetter`, queue.deadLetter, {
        redriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [queue.arn] },
      });
    if (deadLetter) outputs(`${id}DeadLetter`, deadLetter.resource);
    const main = queueWithPolicy(id, queue, {
      visibilityTimeout: queue.visibilityTimeoutSeconds,
      delaySeconds: queue.delaySeconds,
      receiveMessageWaitTimeSeconds: queue.receiveWaitTimeSeconds,
      maximumMessageSize: queue.maxMessageSize,
      ...(deadLetter && queue.deadLetter
        ? {
            redrivePolicy: {
              deadLetterTargetArn: deadLetter.resource.attrArn,
              maxReceiveCount: queue.deadLetter.maxReceiveCount,
            },
          }
        : {}),
    });
    outputs(id, main.resource);
    prerequisites.push(main.policy);
    for (const delivery of queue.deliveryDeadLetters) {
      prerequisites.push(
        queueWithPolicy(`${id}DeliveryDeadLetter${delivery.fifo ? 'Fifo' : ''}`, delivery).policy,
      );
    }
    for (const subscription of queue.subscriptions) {
      const resource = new sns.CfnSubscription(stack, `${id}Subscription${pascal(subscription.id)}`, {
        topicArn: subscription.topicArn,
        protocol: 'sqs',
        endpoint: queue.arn,
        rawMessageDelivery: subscription.rawMessageDelivery,
        ...(subscription.filterPolicy
          ? { filterPolicy: subscription.filterPolicy, filterPolicyScope: subscription.filterScope }
          : {}),
        redrivePolicy: { deadLetterTargetArn: subscription.deliveryDeadLetterArn },
      });
      for (const prerequisite of prerequisites) resource.addResourceDependency(prerequisite);
    }
  }
  return stack;
}

/** The resource's encryption properties, creating its own key and alias when it has one. */
function encrypt(
  stack: Stack,
  id: string,
  encryption: BareEncryption,
  requestFile: string,
): { kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean } {
  if (encryption.sqsManaged) return { sqsManagedSseEnabled: true };
  if (encryption.keyAlias) return { kmsMasterKeyId: encryption.keyAlias };
  if (!encryption.key) return {};
  const key = new kms.CfnKey(stack, id, {
    description: encryption.key.description,
    enableKeyRotation: true,
    pendingWindowInDays: 30,
    keyPolicy: encryption.key.policy,
  });
  key.applyRemovalPolicy(RemovalPolicy.RETAIN);
  Tags.of(key).add('request-file', requestFile);
  new kms.CfnAlias(stack, `${id}Alias`, { aliasName: encryption.key.alias, targetKeyId: key.ref });
  return { kmsMasterKeyId: key.attrArn };
}

/** Logical ids allow letters and digits only. */
function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
