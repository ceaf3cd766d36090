/**
 * Facts from a cloud assembly (`manifest.json` and `<stack>.template.json`), read as
 * CloudFormation reads them: `Ref` and `Fn::GetAtt` are references, stack tags reach every
 * taggable resource.
 */
import * as path from 'node:path';
import {
  assertOnlyKeys,
  encryptionFact,
  keyReference,
  numberOrNull,
  policyFacts,
  readJson,
  required,
  sortedRecord,
  transitiveOrder,
  type BusFacts,
  type KeyFacts,
  type PlanIndex,
  type PolicyFacts,
  type QueueFacts,
  type StackFacts,
  type SubscriptionFacts,
  type TopicFacts,
} from './facts';
import { queueName, single, TemplateReader, type TemplateResource } from './template-reader';

interface Artifact {
  readonly type: string;
  readonly environment?: string;
  readonly dependencies?: readonly string[];
  readonly properties?: { templateFile?: string; stackName?: string; tags?: Record<string, string> };
}

const STACK_ARTIFACT = 'aws:cloudformation:stack';

export function cloudFormationFacts(outdir: string, index: PlanIndex): BusFacts {
  const manifest = readJson(path.join(outdir, 'manifest.json')) as { artifacts: Record<string, Artifact> };
  const stackNames = new Map<string, string>();
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type === STACK_ARTIFACT) stackNames.set(id, artifact.properties?.stackName ?? id);
  }
  const stacks = new Map<string, StackFacts>();
  const topics: [string, TopicFacts][] = [];
  const queues: [string, QueueFacts][] = [];
  const subscriptions: [string, SubscriptionFacts][] = [];
  const policies: [string, PolicyFacts][] = [];
  const keys: [string, KeyFacts][] = [];
  const edges = new Map<string, Set<string>>();

  for (const [id, stackName] of stackNames) {
    const artifact = manifest.artifacts[id] as Artifact;
    const stack = index.planOfStack(stackName);
    const [, account, region] = required(
      /^aws:\/\/(\d{12})\/([a-z0-9-]+)$/.exec(artifact.environment ?? '') ?? undefined,
      `${stackName}: no environment`,
    );
    const dependsOn = (artifact.dependencies ?? [])
      .flatMap((dependency) => {
        const name = stackNames.get(dependency);
        return name === undefined ? [] : [index.planOfStack(name)];
      })
      .filter((plan) => plan !== stack);
    // The parts of a split plan are one plan: their dependencies together are the plan's.
    const earlier = stacks.get(stack);
    if (earlier && (earlier.account !== account || earlier.region !== region))
      throw new Error(`${stackName}: parts of ${stack} in different environments`);
    stacks.set(stack, {
      account: account as string,
      region: region as string,
      dependsOn: [...new Set([...(earlier?.dependsOn ?? []), ...dependsOn])].sort(),
    });

    const template = readJson(
      path.join(outdir, required(artifact.properties?.templateFile, `${stackName}: no template`)),
    ) as {
      Resources?: Record<string, TemplateResource>;
    };
    const resources = new Map(Object.entries(template.Resources ?? {}));
    const reader = new TemplateReader(stackName, resources, index);
    const stackTags = artifact.properties?.tags ?? {};

    for (const [logicalId, resource] of resources) {
      const what = `${stackName}: ${logicalId}`;
      assertOnlyKeys(what, resource as unknown as Record<string, unknown>, [
        'Type',
        'Properties',
        'DependsOn',
        'DeletionPolicy',
        'UpdateReplacePolicy',
      ]);
      const properties = reader.resolve(logicalId, resource.Properties) as Record<string, unknown>;
      const tags = (): Record<string, string> => {
        const own = (properties['Tags'] as { Key: string; Value: string }[] | undefined) ?? [];
        return sortedRecord(
          Object.entries({ ...stackTags, ...Object.fromEntries(own.map((tag) => [tag.Key, tag.Value])) }),
        );
      };
      switch (resource.Type) {
        case 'AWS::SNS::Topic':
          assertOnlyKeys(what, properties, [
            ...['TopicName', 'FifoTopic', 'ContentBasedDeduplication'],
            ...['KmsMasterKeyId', 'Tags'],
          ]);
          topics.push([
            properties['TopicName'] as string,
            {
              stack,
              fifo: properties['FifoTopic'] === true,
              contentBasedDeduplication: properties['ContentBasedDeduplication'] === true,
              encryption: encryptionFact(false, properties['KmsMasterKeyId'] as string | undefined),
              tags: tags(),
            },
          ]);
          break;
        case 'AWS::SQS::Queue': {
          assertOnlyKeys(what, properties, [
            ...[
              'QueueName',
              'FifoQueue',
              'ContentBasedDeduplication',
              'VisibilityTimeout',
              'MessageRetentionPeriod',
            ],
            ...[
              'DelaySeconds',
              'ReceiveMessageWaitTimeSeconds',
              'MaximumMessageSize',
              'SqsManagedSseEnabled',
            ],
            ...['KmsMasterKeyId', 'RedrivePolicy', 'RedriveAllowPolicy', 'Tags'],
          ]);
          const redrive = properties['RedrivePolicy'] as
            { deadLetterTargetArn: string; maxReceiveCount: number } | undefined;
          const allow = properties['RedriveAllowPolicy'] as
            { redrivePermission: string; sourceQueueArns?: string[] } | undefined;
          queues.push([
            properties['QueueName'] as string,
            {
              stack,
              fifo: properties['FifoQueue'] === true,
              contentBasedDeduplication: properties['ContentBasedDeduplication'] === true,
              retention: numberOrNull(properties['MessageRetentionPeriod']),
              visibilityTimeout: numberOrNull(properties['VisibilityTimeout']),
              delay: numberOrNull(properties['DelaySeconds']),
              receiveWaitTime: numberOrNull(properties['ReceiveMessageWaitTimeSeconds']),
              maxMessageSize: numberOrNull(properties['MaximumMessageSize']),
              encryption: encryptionFact(
                properties['SqsManagedSseEnabled'] === true,
                properties['KmsMasterKeyId'] as string | undefined,
              ),
              retained: resource.DeletionPolicy === 'Retain' && resource.UpdateReplacePolicy === 'Retain',
              redrive: redrive
                ? {
                    deadLetterQueue: index.nameOf(redrive.deadLetterTargetArn),
                    maxReceiveCount: redrive.maxReceiveCount,
                  }
                : null,
              redriveAllow: allow
                ? {
                    permission: allow.redrivePermission,
                    sourceQueues: (allow.sourceQueueArns ?? []).map((arn) => index.nameOf(arn)).sort(),
                  }
                : null,
              tags: tags(),
            },
          ]);
          break;
        }
        case 'AWS::KMS::Key':
          assertOnlyKeys(what, properties, [
            ...['Description', 'EnableKeyRotation', 'PendingWindowInDays', 'KeyPolicy', 'Tags'],
          ]);
          keys.push([
            reader.aliasOf(logicalId),
            {
              stack,
              description: properties['Description'] as string,
              rotation: properties['EnableKeyRotation'] === true,
              deletionWindow: numberOrNull(properties['PendingWindowInDays']),
              policy: policyFacts(properties['KeyPolicy']),
              tags: tags(),
            },
          ]);
          break;
        case 'AWS::KMS::Alias':
          // Read when the key is: each key is named by its alias. Here only its target is checked.
          assertOnlyKeys(what, properties, ['AliasName', 'TargetKeyId']);
          if (properties['TargetKeyId'] !== keyReference(properties['AliasName'] as string)) {
            throw new Error(`${what}: the alias does not name a key of this stack`);
          }
          break;
        case 'AWS::SQS::QueuePolicy':
          assertOnlyKeys(what, properties, ['Queues', 'PolicyDocument']);
          policies.push([
            `sqs:${queueName(single(what, properties['Queues']))}`,
            policyFacts(properties['PolicyDocument']),
          ]);
          break;
        case 'AWS::SNS::TopicPolicy':
          assertOnlyKeys(what, properties, ['Topics', 'PolicyDocument']);
          policies.push([
            `sns:${index.nameOf(single(what, properties['Topics']))}`,
            policyFacts(properties['PolicyDocument']),
          ]);
          break;
        case 'AWS::SNS::Subscription': {
          assertOnlyKeys(what, properties, [
            ...[
              'TopicArn',
              'Protocol',
              'Endpoint',
              'RawMessageDelivery',
              'FilterPolicy',
              'FilterPolicyScope',
            ],
            'RedrivePolicy',
          ]);
          const topicArn = properties['TopicArn'] as string;
          const queue = index.nameOf(properties['Endpoint'] as string);
          const redrive = properties['RedrivePolicy'] as { deadLetterTargetArn: string } | undefined;
          subscriptions.push([
            `${queue} <- ${topicArn}`,
            {
              stack,
              topicArn,
              protocol: properties['Protocol'] as string,
              queue,
              rawMessageDelivery: properties['RawMessageDelivery'] === true,
              filterPolicy: properties['FilterPolicy'] ?? null,
              filterPolicyScope: (properties['FilterPolicyScope'] as string | undefined) ?? null,
              deliveryDeadLetterQueue: redrive ? index.nameOf(redrive.deadLetterTargetArn) : null,
            },
          ]);
          break;
        }
        default:
          throw new Error(`${what}: a resource type the parity facts do not cover (${resource.Type})`);
      }
    }
    for (const [from, to] of reader.edges()) {
      const prerequisites = edges.get(from) ?? new Set<string>();
      if (to !== undefined) prerequisites.add(to);
      edges.set(from, prerequisites);
    }
  }

  return {
    stacks: sortedRecord(stacks),
    topics: sortedRecord(topics),
    queues: sortedRecord(queues),
    subscriptions: sortedRecord(subscriptions),
    policies: sortedRecord(policies),
    keys: sortedRecord(keys),
    creationOrder: transitiveOrder(edges),
  };
}
