/**
 * Facts from cdktf's output directory (`manifest.json` and `stacks/<name>/cdk.tf.json`), read as
 * Terraform reads them: strings are templates, `${type.address.attribute}` is a reference.
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
import { StackReader, unescape, type Resource } from './terraform-reader';

type Attributes = Record<string, unknown>;

/** Attributes every resource may carry besides its own: cdktf's metadata and Terraform's meta-arguments. */
const META = ['//', 'depends_on', 'lifecycle'];

export function terraformFacts(outdir: string, index: PlanIndex): BusFacts {
  const manifest = readJson(path.join(outdir, 'manifest.json')) as {
    stacks: Record<string, { dependencies: string[]; synthesizedStackPath: string }>;
  };
  const stacks: [string, StackFacts][] = [];
  const topics: [string, TopicFacts][] = [];
  const queues = new Map<string, QueueFacts>();
  const subscriptions: [string, SubscriptionFacts][] = [];
  const policies: [string, PolicyFacts][] = [];
  const keys: [string, KeyFacts][] = [];
  const redriveAllows: [string, QueueFacts['redriveAllow']][] = [];
  const edges = new Map<string, Set<string>>();

  for (const [stack, entry] of Object.entries(manifest.stacks)) {
    const document = readJson(path.join(outdir, entry.synthesizedStackPath)) as {
      provider: { aws: Attributes[] };
      resource?: Record<string, Record<string, Attributes>>;
    };
    const [provider, ...others] = document.provider.aws;
    if (!provider || others.length > 0) throw new Error(`${stack}: expected exactly one AWS provider`);
    // A stack of a local AWS has no account guard: the emulator acts in the account its access key names.
    const [account] = (
      provider['endpoints'] ? [provider['access_key']] : provider['allowed_account_ids']
    ) as string[];
    stacks.push([
      stack,
      {
        account: required(account, `${stack}: no account guard`),
        region: provider['region'] as string,
        dependsOn: [...entry.dependencies].sort(),
      },
    ]);
    const defaultTags =
      (provider['default_tags'] as { tags: Record<string, string> }[] | undefined)?.[0]?.tags ?? {};

    const resources = new Map<string, Resource>();
    for (const [type, byAddress] of Object.entries(document.resource ?? {})) {
      for (const [address, attributes] of Object.entries(byAddress))
        resources.set(`${type}.${address}`, { type, address, attributes });
    }
    const reader = new StackReader(stack, resources, index);

    for (const resource of resources.values()) {
      const attributes = resource.attributes;
      const what = `${stack}: ${resource.type}.${resource.address}`;
      const tags = (): Record<string, string> =>
        sortedRecord(
          Object.entries({
            ...defaultTags,
            ...(attributes['tags'] as Record<string, string> | undefined),
          }).map(([key, value]) => [unescape(key), unescape(value)] as const),
        );
      switch (resource.type) {
        case 'aws_sns_topic':
          assertOnlyKeys(what, attributes, [
            ...[...META, 'name', 'fifo_topic', 'content_based_deduplication'],
            ...['kms_master_key_id', 'tags'],
          ]);
          topics.push([
            reader.text(attributes['name']),
            {
              stack,
              fifo: attributes['fifo_topic'] === true,
              contentBasedDeduplication: attributes['content_based_deduplication'] === true,
              encryption: encryptionFact(false, reader.optionalText(attributes['kms_master_key_id'])),
              tags: tags(),
            },
          ]);
          break;
        case 'aws_sqs_queue': {
          assertOnlyKeys(what, attributes, [
            ...META,
            ...['name', 'fifo_queue', 'content_based_deduplication', 'visibility_timeout_seconds'],
            ...[
              'message_retention_seconds',
              'delay_seconds',
              'receive_wait_time_seconds',
              'max_message_size',
            ],
            ...['sqs_managed_sse_enabled', 'kms_master_key_id', 'redrive_policy', 'tags'],
          ]);
          const redrive =
            attributes['redrive_policy'] === undefined
              ? undefined
              : (reader.json(attributes['redrive_policy']) as {
                  deadLetterTargetArn: string;
                  maxReceiveCount: number;
                });
          queues.set(reader.text(attributes['name']), {
            stack,
            fifo: attributes['fifo_queue'] === true,
            contentBasedDeduplication: attributes['content_based_deduplication'] === true,
            retention: numberOrNull(attributes['message_retention_seconds']),
            visibilityTimeout: numberOrNull(attributes['visibility_timeout_seconds']),
            delay: numberOrNull(attributes['delay_seconds']),
            receiveWaitTime: numberOrNull(attributes['receive_wait_time_seconds']),
            maxMessageSize: numberOrNull(attributes['max_message_size']),
            encryption: encryptionFact(
              attributes['sqs_managed_sse_enabled'] === true,
              reader.optionalText(attributes['kms_master_key_id']),
            ),
            retained:
              (attributes['lifecycle'] as { prevent_destroy?: boolean } | undefined)?.prevent_destroy ===
              true,
            redrive: redrive
              ? {
                  deadLetterQueue: index.nameOf(redrive.deadLetterTargetArn),
                  maxReceiveCount: redrive.maxReceiveCount,
                }
              : null,
            redriveAllow: null,
            tags: tags(),
          });
          break;
        }
        case 'aws_kms_key':
          assertOnlyKeys(what, attributes, [
            ...[...META, 'description', 'enable_key_rotation', 'deletion_window_in_days'],
            ...['policy', 'tags'],
          ]);
          keys.push([
            reader.aliasOf(`${resource.type}.${resource.address}`),
            {
              stack,
              description: reader.text(attributes['description']),
              rotation: attributes['enable_key_rotation'] === true,
              deletionWindow: numberOrNull(attributes['deletion_window_in_days']),
              policy: policyFacts(reader.json(attributes['policy'])),
              tags: tags(),
            },
          ]);
          break;
        case 'aws_kms_alias':
          // Read when the key is: each key is named by its alias. Here only its target is checked.
          assertOnlyKeys(what, attributes, [...META, 'name', 'target_key_id']);
          if (reader.text(attributes['target_key_id']) !== keyReference(reader.text(attributes['name']))) {
            throw new Error(`${what}: the alias does not name a key of this stack`);
          }
          break;
        case 'aws_sqs_queue_redrive_allow_policy': {
          assertOnlyKeys(what, attributes, [...META, 'queue_url', 'redrive_allow_policy']);
          const allow = reader.json(attributes['redrive_allow_policy']) as {
            redrivePermission: string;
            sourceQueueArns?: string[];
          };
          redriveAllows.push([
            reader.queueName(attributes['queue_url']),
            {
              permission: allow.redrivePermission,
              sourceQueues: (allow.sourceQueueArns ?? []).map((arn) => index.nameOf(arn)).sort(),
            },
          ]);
          break;
        }
        case 'aws_sqs_queue_policy':
          assertOnlyKeys(what, attributes, [...META, 'queue_url', 'policy']);
          policies.push([
            `sqs:${reader.queueName(attributes['queue_url'])}`,
            policyFacts(reader.json(attributes['policy'])),
          ]);
          break;
        case 'aws_sns_topic_policy':
          assertOnlyKeys(what, attributes, [...META, 'arn', 'policy']);
          policies.push([
            `sns:${index.nameOf(reader.text(attributes['arn']))}`,
            policyFacts(reader.json(attributes['policy'])),
          ]);
          break;
        case 'aws_sns_topic_subscription': {
          assertOnlyKeys(what, attributes, [
            ...META,
            ...[
              'topic_arn',
              'protocol',
              'endpoint',
              'raw_message_delivery',
              'filter_policy',
              'filter_policy_scope',
              'redrive_policy',
            ],
          ]);
          const topicArn = reader.text(attributes['topic_arn']);
          const queue = index.nameOf(reader.text(attributes['endpoint']));
          const redrive =
            attributes['redrive_policy'] === undefined
              ? undefined
              : (reader.json(attributes['redrive_policy']) as { deadLetterTargetArn: string });
          subscriptions.push([
            `${queue} <- ${topicArn}`,
            {
              stack,
              topicArn,
              protocol: reader.text(attributes['protocol']),
              queue,
              rawMessageDelivery: attributes['raw_message_delivery'] === true,
              filterPolicy:
                attributes['filter_policy'] === undefined ? null : reader.json(attributes['filter_policy']),
              filterPolicyScope:
                attributes['filter_policy_scope'] === undefined
                  ? null
                  : reader.text(attributes['filter_policy_scope']),
              deliveryDeadLetterQueue: redrive ? index.nameOf(redrive.deadLetterTargetArn) : null,
            },
          ]);
          break;
        }
        default:
          throw new Error(`${what}: a resource type the parity facts do not cover`);
      }
    }
    for (const [from, to] of reader.edges()) {
      const prerequisites = edges.get(from) ?? new Set<string>();
      if (to !== undefined) prerequisites.add(to);
      edges.set(from, prerequisites);
    }
  }

  // Terraform keeps a DLQ's redrive-allow policy in a resource of its own; the fact belongs to the DLQ.
  for (const [queue, redriveAllow] of redriveAllows) {
    const facts = required(queues.get(queue), `redrive-allow policy for a queue not in the output: ${queue}`);
    if (facts.redriveAllow) throw new Error(`two redrive-allow policies for ${queue}`);
    queues.set(queue, { ...facts, redriveAllow });
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
