import { formatKey } from '../keys';
import type { Environment, Origin, ResourceKey } from '../types';
import type { StackPlan } from '../plan';

/** Which of its definition's resources a name is for. */
export type PlannedNameRole = 'topic' | 'queue' | 'dead-letter queue' | 'delivery dead-letter queue';

export interface PlannedName {
  readonly service: 'sns' | 'sqs';
  readonly role: PlannedNameRole;
  /** The topic or queue that defines it. */
  readonly key: ResourceKey;
  readonly name: string;
  readonly environment: Environment;
  readonly origin: Origin;
}

/**
 * Every AWS name a stack creates, dead-letter queues included. Tens of thousands of them pass and
 * few are reported, so only those are put in words (see describePlannedName).
 */
export function* plannedNames({ environment, topics, queues }: StackPlan): Iterable<PlannedName> {
  for (const { topic, name } of topics) {
    yield { service: 'sns', role: 'topic', key: topic.key, name, environment, origin: topic.origin };
  }
  for (const { queue, name, deadLetter, deliveryDeadLetters } of queues) {
    const sqs = (role: PlannedNameRole, roleName: string): PlannedName => ({
      service: 'sqs',
      role,
      key: queue.key,
      name: roleName,
      environment,
      origin: queue.origin,
    });
    yield sqs('queue', name);
    if (deadLetter) yield sqs('dead-letter queue', deadLetter.name);
    for (const deliveryDeadLetter of deliveryDeadLetters) {
      yield sqs('delivery dead-letter queue', deliveryDeadLetter.name);
    }
  }
}

/** What a name is for, in words: `queue "orders/shipping"`, `the dead-letter queue of queue ...`. */
export function describePlannedName({ role, key }: PlannedName): string {
  const definition = `${role === 'topic' ? 'topic' : 'queue'} "${formatKey(key)}"`;
  switch (role) {
    case 'topic':
    case 'queue':
      return definition;
    case 'dead-letter queue':
      return `the dead-letter queue of ${definition}`;
    case 'delivery dead-letter queue':
      return `the SNS delivery dead-letter queue of ${definition}`;
  }
}
