/**
 * What the requests mean for access, taken from the planned stacks' names, principals and
 * subscriptions, never from their policies: the policies are what is under test.
 */
import { planIdentityPolicies, type Environment, type StackPlan } from '../../lib/model';
import type { PolicyDocumentJson } from './simulator';

export interface TopicIntent {
  /** `dev orders/order-events`, for failure messages. */
  readonly label: string;
  readonly environment: Environment;
  readonly arn: string;
  readonly publishers: ReadonlySet<string>;
}

export interface QueueIntent {
  /** `dev shipping/shipments (delivery dead-letter queue)`. */
  readonly label: string;
  readonly environment: Environment;
  readonly arn: string;
  readonly consumers: ReadonlySet<string>;
  /** Topics whose deliveries (or undeliverable messages) SNS puts here. */
  readonly deliveringTopics: ReadonlySet<string>;
}

export type KeyIntent =
  | {
      readonly kind: 'topic';
      readonly label: string;
      readonly environment: Environment;
      readonly alias: string;
      readonly encrypts: ReadonlySet<string>;
      readonly publishers: ReadonlySet<string>;
    }
  | {
      readonly kind: 'queue';
      readonly label: string;
      readonly environment: Environment;
      readonly alias: string;
      readonly encrypts: ReadonlySet<string>;
      readonly consumers: ReadonlySet<string>;
      readonly deliveringTopics: ReadonlySet<string>;
    };

export interface BusIntent {
  readonly environments: readonly Environment[];
  readonly topics: readonly TopicIntent[];
  readonly queues: readonly QueueIntent[];
  readonly keys: readonly KeyIntent[];
  /** Every principal any request names, in any environment. */
  readonly principals: readonly string[];
  /** The identity policy a principal's own account attaches, by environment name and principal. */
  identityPolicy(environment: Environment, principal: string): PolicyDocumentJson | undefined;
}

export function intentOf(
  plans: readonly StackPlan[],
  platformEnvironments: readonly Environment[],
): BusIntent {
  const environments = new Map<string, Environment>();
  const topics: TopicIntent[] = [];
  const queues: QueueIntent[] = [];
  const keys: KeyIntent[] = [];
  const principals = new Set<string>();
  // A role of one environment's account is meant to get nothing in another environment.
  const environmentAccounts = new Set(platformEnvironments.map((environment) => environment.account));
  const grantedIn = (environment: Environment, listed: readonly string[]): Set<string> =>
    new Set(
      listed.filter((principal) => {
        const account = principal.split(':')[4] ?? '';
        return account === environment.account || !environmentAccounts.has(account);
      }),
    );
  for (const plan of plans) {
    const { environment } = plan;
    environments.set(environment.name, environment);
    for (const topic of plan.topics) {
      const label = `${environment.name} ${topic.topic.key.team}/${topic.topic.key.name}`;
      // Every listed principal is tried on every resource; only the granted ones may succeed.
      topic.topic.publishers.forEach((principal) => principals.add(principal));
      const publishers = grantedIn(environment, topic.topic.publishers);
      topics.push({ label, environment, arn: topic.arn, publishers });
      if (topic.encryption.kind === 'kms') {
        keys.push({
          kind: 'topic',
          label: `${label} (topic key)`,
          environment,
          alias: topic.encryption.key.alias,
          encrypts: new Set([topic.arn]),
          publishers,
        });
      }
    }
    for (const queue of plan.queues) {
      const label = `${environment.name} ${queue.queue.key.team}/${queue.queue.key.name}`;
      queue.queue.consumers.forEach((principal) => principals.add(principal));
      const consumers = grantedIn(environment, queue.queue.consumers);
      const allTopics = new Set(queue.subscriptions.map((subscription) => subscription.topicArn));
      const own: QueueIntent[] = [
        { label, environment, arn: queue.arn, consumers, deliveringTopics: allTopics },
      ];
      if (queue.deadLetter) {
        // Only SQS's own redrive writes here: no topic delivers to it.
        own.push({
          label: `${label} (dead-letter queue)`,
          environment,
          arn: queue.deadLetter.arn,
          consumers,
          deliveringTopics: new Set(),
        });
      }
      for (const deadLetter of queue.deliveryDeadLetters) {
        const sources = queue.subscriptions.filter(
          (subscription) => subscription.topicFifo === deadLetter.fifo,
        );
        own.push({
          label: `${label} (${deadLetter.fifo ? 'FIFO ' : ''}delivery dead-letter queue)`,
          environment,
          arn: deadLetter.arn,
          consumers,
          deliveringTopics: new Set(sources.map((subscription) => subscription.topicArn)),
        });
      }
      queues.push(...own);
      if (queue.encryption.kind === 'kms') {
        keys.push({
          kind: 'queue',
          label: `${label} (queue key)`,
          environment,
          alias: queue.encryption.key.alias,
          encrypts: new Set(own.map((entry) => entry.arn)),
          consumers,
          deliveringTopics: allTopics,
        });
      }
    }
  }
  const identity = new Map<string, PolicyDocumentJson>(
    // IAM allows what any attached policy allows: the documents of a principal act as one.
    planIdentityPolicies(plans).map((plan) => [
      `${plan.environment.name}|${plan.principal}`,
      { Version: '2012-10-17', Statement: plan.documents.flatMap((document) => document.Statement) },
    ]),
  );
  return {
    environments: [...environments.values()],
    topics,
    queues,
    keys,
    principals: [...principals].sort(),
    identityPolicy: (environment, principal) => identity.get(`${environment.name}|${principal}`),
  };
}
