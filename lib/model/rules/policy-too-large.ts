import { jsonTextBytes } from '../../filter-policy/json';
import { formatKey } from '../keys';
import type { EncryptionPlan, QueuePlan, TopicPlan } from '../plan';
import type { PolicyDocument } from '../policies';
import type { Environment, Origin, ResourceKey } from '../types';
import type { Finding, PlanRule } from './rule';
import { at } from './rule';

interface PolicyQuota {
  readonly bytes: number;
  readonly statements?: number;
  readonly principals?: number;
}

/**
 * An SQS queue policy holds at most 8,192 bytes, 20 statements and 50 principals (Amazon SQS
 * Developer Guide, "Amazon SQS policy quotas"); dead-letter queues are queues like any other.
 */
const SQS_QUEUE_POLICY: PolicyQuota = { bytes: 8_192, statements: 20, principals: 50 };
/** An SNS topic policy holds at most 30 KB, 100 statements and 200 principals (Amazon SNS quotas). */
const SNS_TOPIC_POLICY: PolicyQuota = { bytes: 30_720, statements: 100, principals: 200 };
/** "Key policy document size: 32 KB" (AWS KMS Developer Guide, "Quotas"), with no count of its own. */
const KMS_KEY_POLICY: PolicyQuota = { bytes: 32_768 };

/** One policy document a plan renders, with the quota AWS holds it to. */
interface PlannedPolicy {
  /** Which policy, in words: "queue policy", "dead-letter queue policy", ... */
  readonly describes: string;
  readonly document: PolicyDocument;
  readonly quota: PolicyQuota;
}

/**
 * Statements are already merged (one per role), so what is left to exceed a quota is the number
 * of principals and topics. Each environment's plan grants only the principals that environment
 * may have, so each environment's policies are measured on their own.
 */
export const policyTooLarge: PlanRule = {
  code: 'policy-too-large',
  severity: 'error',
  summary:
    "Every environment's generated policies fit AWS quotas: queue and dead-letter queue policies 8,192 bytes, 20 statements, 50 principals; topic policies 30 KB, 100 statements, 200 principals; key policies 32 KB.",
  source:
    'Amazon SQS Developer Guide, "Amazon SQS policy quotas"; Amazon SNS endpoints and quotas; AWS KMS Developer Guide, "Quotas"',
  start() {
    // Once per entry, for the first environment whose policies do not fit: the fix is the same.
    const reported = new Set<Origin>();
    return {
      *stack({ environment, topics, queues }) {
        for (const topic of topics) {
          yield* judge(
            'topic',
            topic.topic.key,
            topic.topic.origin,
            environment,
            topicPolicies(topic),
            reported,
          );
        }
        for (const queue of queues) {
          yield* judge(
            'queue',
            queue.queue.key,
            queue.queue.origin,
            environment,
            queuePolicies(queue),
            reported,
          );
        }
      },
    };
  },
};

function topicPolicies(topic: TopicPlan): PlannedPolicy[] {
  const policies: PlannedPolicy[] = [
    { describes: 'topic policy', document: topic.policy, quota: SNS_TOPIC_POLICY },
  ];
  addKeyPolicy(policies, topic.encryption);
  return policies;
}

function queuePolicies(queue: QueuePlan): PlannedPolicy[] {
  const policies: PlannedPolicy[] = [
    { describes: 'queue policy', document: queue.policy, quota: SQS_QUEUE_POLICY },
  ];
  if (queue.deadLetter) {
    policies.push({
      describes: 'dead-letter queue policy',
      document: queue.deadLetter.policy,
      quota: SQS_QUEUE_POLICY,
    });
  }
  for (const { fifo, policy } of queue.deliveryDeadLetters) {
    policies.push({
      describes: fifo
        ? 'SNS delivery dead-letter queue policy (FIFO)'
        : 'SNS delivery dead-letter queue policy',
      document: policy,
      quota: SQS_QUEUE_POLICY,
    });
  }
  addKeyPolicy(policies, queue.encryption);
  return policies;
}

function addKeyPolicy(policies: PlannedPolicy[], encryption: EncryptionPlan): void {
  if (encryption.kind === 'kms') {
    policies.push({ describes: 'key policy', document: encryption.key.policy, quota: KMS_KEY_POLICY });
  }
}

function* judge(
  kind: 'topic' | 'queue',
  key: ResourceKey,
  origin: Origin,
  environment: Environment,
  policies: readonly PlannedPolicy[],
  reported: Set<Origin>,
): Iterable<Finding> {
  if (reported.has(origin)) return;
  // Nearly every policy fits: words are put together only for the others.
  const problems: string[] = [];
  for (const policy of policies) {
    const excess = excessOf(policy);
    if (excess.length > 0) problems.push(`its ${policy.describes} would have ${excess.join(', ')}`);
  }
  if (problems.length === 0) return;
  reported.add(origin);
  yield {
    ...at(origin, [], 'key'),
    message: `in ${environment.name}, ${kind} "${formatKey(key)}" is over AWS policy quotas: ${problems.join('; ')}`,
    hint:
      kind === 'queue'
        ? 'give consumers one shared role instead of many, or split the queue into several queues'
        : 'let publishers share a role instead of naming many, or split the topic',
  };
}

/** What a policy has beyond its quota, e.g. "52 principals (at most 50)"; empty when it fits. */
function excessOf({ document, quota }: PlannedPolicy): string[] {
  const statements = document.Statement.length;
  let principals = 0;
  for (const statement of document.Statement) principals += principalCount(statement.Principal);
  const within = (count: number, limit: number | undefined) => limit === undefined || count <= limit;
  // Nearly every policy is far below its quota: the exact byte count is needed only near it.
  const mayBeTooLarge = jsonBytesAtMost(document) > quota.bytes;
  if (!mayBeTooLarge && within(statements, quota.statements) && within(principals, quota.principals)) {
    return [];
  }
  const counts: [string, number, number | undefined][] = [
    ['bytes', mayBeTooLarge ? jsonBytes(document) : 0, quota.bytes],
    ['statements', statements, quota.statements],
    ['principals', principals, quota.principals],
  ];
  return counts.flatMap(([unit, count, limit]) =>
    within(count, limit) ? [] : [`${count} ${unit} (at most ${limit})`],
  );
}

/**
 * `Buffer.byteLength(JSON.stringify(value))`, counted without writing the text: every policy of
 * every plan is measured, and nearly all of it is ASCII that JSON writes as it is.
 */
function jsonBytes(value: unknown): number {
  if (typeof value === 'string') return jsonTextBytes(value);
  if (Array.isArray(value)) {
    let bytes = 1 + Math.max(value.length, 1);
    for (const item of value) bytes += item === undefined ? 4 : jsonBytes(item);
    return bytes;
  }
  if (value === null || typeof value !== 'object') return Buffer.byteLength(JSON.stringify(value) ?? '');
  let bytes = 1;
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item !== undefined) bytes += 1 + jsonTextBytes(key) + 1 + jsonBytes(item);
  }
  return bytes === 1 ? 2 : bytes;
}

/**
 * An upper bound of {@link jsonBytes} from lengths alone: JSON writes a UTF-16 unit in at most 6
 * bytes (`\u001f`), a number in at most 25 characters: ECMAScript's Number::toString writes up to
 * 17 significant digits, after "0." and five zeros for magnitudes from 1e-6 to 1e-5
 * (`-0.0000012345678901234567`), one more than the longest exponent form
 * (`-1.2345678901234567e-308`). Exported for the test that holds it above the exact count.
 */
export function jsonBytesAtMost(value: unknown): number {
  if (typeof value === 'string') return 2 + 6 * value.length;
  if (Array.isArray(value)) {
    let bytes = 2 + value.length;
    for (const item of value) bytes += jsonBytesAtMost(item);
    return bytes;
  }
  if (value === null || typeof value !== 'object') return 25;
  let bytes = 2;
  for (const key of Object.keys(value)) {
    bytes += 4 + 6 * key.length + jsonBytesAtMost((value as Record<string, unknown>)[key]);
  }
  return bytes;
}

function principalCount(principal: PolicyDocument['Statement'][number]['Principal']): number {
  if (principal === '*') return 1;
  const values = 'AWS' in principal ? principal.AWS : principal.Service;
  return typeof values === 'string' ? 1 : values.length;
}
