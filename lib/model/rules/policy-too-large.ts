import { formatKey } from '../keys';
import { physicalName, snsTopicArn, sqsQueueArn } from '../naming';
import { queuePolicy, topicPolicy, type PolicyDocument } from '../policies';
import type { Origin } from '../types';
import type { Finding, Rule } from './rule';
import { at } from './rule';

/**
 * Resource-policy quotas: an SQS queue policy holds at most 8,192 bytes, 20 statements and 50
 * principals (Amazon SQS Developer Guide, "Amazon SQS policy quotas"); an SNS topic policy at
 * most 30 KB, 100 statements and 200 principals (Amazon SNS quotas). Statements are already
 * merged (one per role), so what is left to exceed them is the number of principals and topics.
 */
const LIMITS = {
  queue: { bytes: 8_192, statements: 20, principals: 50 },
  topic: { bytes: 30_720, statements: 100, principals: 200 },
} as const;

export const policyTooLarge: Rule = {
  code: 'policy-too-large',
  severity: 'error',
  summary:
    'Generated policies fit AWS quotas: queue policies 8,192 bytes, 20 statements, 50 principals; topic policies 30 KB, 100 statements, 200 principals.',
  source: 'Amazon SQS Developer Guide, "Amazon SQS policy quotas"; Amazon SNS endpoints and quotas',
  *check({ model, topicsByKey }) {
    const { platform } = model;
    const reported = new Set<string>();
    for (const environment of platform.environments) {
      for (const team of model.teams) {
        for (const topic of team.topics) {
          if (!topic.environments.includes(environment.name)) continue;
          const arn = snsTopicArn(environment, physicalName(platform, environment, topic.key, topic.fifo));
          yield* judge(
            'topic',
            formatKey(topic.key),
            topicPolicy(arn, topic.publishers),
            topic.origin,
            reported,
          );
        }
        for (const queue of team.queues) {
          if (!queue.environments.includes(environment.name)) continue;
          const arn = sqsQueueArn(environment, physicalName(platform, environment, queue.key, queue.fifo));
          const topicArns = queue.subscriptions.flatMap((subscription) => {
            const topic = topicsByKey.get(formatKey(subscription.topic));
            return topic
              ? [snsTopicArn(environment, physicalName(platform, environment, topic.key, topic.fifo))]
              : [];
          });
          yield* judge(
            'queue',
            formatKey(queue.key),
            queuePolicy(arn, [...new Set(topicArns)], queue.consumers),
            queue.origin,
            reported,
          );
        }
      }
    }
  },
};

function* judge(
  kind: keyof typeof LIMITS,
  name: string,
  policy: PolicyDocument,
  origin: Origin,
  reported: Set<string>,
): Iterable<Finding> {
  if (reported.has(name)) return;
  const limits = LIMITS[kind];
  const bytes = Buffer.byteLength(JSON.stringify(policy));
  const principals = policy.Statement.reduce(
    (count, statement) => count + principalCount(statement.Principal),
    0,
  );
  const problems = [
    bytes > limits.bytes ? `${bytes} bytes (at most ${limits.bytes})` : undefined,
    policy.Statement.length > limits.statements
      ? `${policy.Statement.length} statements (at most ${limits.statements})`
      : undefined,
    principals > limits.principals ? `${principals} principals (at most ${limits.principals})` : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length === 0) return;
  reported.add(name);
  yield {
    ...at(origin, [], 'key'),
    message: `the ${kind} policy of "${name}" would have ${problems.join(', ')}`,
    hint:
      kind === 'queue'
        ? 'give consumers one shared role instead of many, or split the queue into several queues'
        : 'let publishers share a role instead of naming many, or split the topic',
  };
}

function principalCount(principal: PolicyDocument['Statement'][number]['Principal']): number {
  if (principal === '*') return 1;
  const values = 'AWS' in principal ? principal.AWS : principal.Service;
  return typeof values === 'string' ? 1 : values.length;
}
