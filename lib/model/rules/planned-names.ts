import { formatKey } from '../keys';
import type { Environment, Origin } from '../types';
import type { PlanRuleContext } from './rule';

export interface PlannedName {
  readonly service: 'sns' | 'sqs';
  /** What the name is for, in words: `queue "orders/shipping"`, `dead-letter queue of ...`. */
  readonly describes: string;
  readonly name: string;
  readonly environment: Environment;
  readonly origin: Origin;
}

/** Every AWS name the plans create, per environment, dead-letter queues included. */
export function* plannedNames({ plans }: PlanRuleContext): Iterable<PlannedName> {
  for (const { environment, topics, queues } of plans) {
    for (const topic of topics) {
      yield {
        service: 'sns',
        describes: `topic "${formatKey(topic.topic.key)}"`,
        name: topic.name,
        environment,
        origin: topic.topic.origin,
      };
    }
    for (const queue of queues) {
      const described = `queue "${formatKey(queue.queue.key)}"`;
      const sqs = (describes: string, name: string): PlannedName => ({
        service: 'sqs',
        describes,
        name,
        environment,
        origin: queue.queue.origin,
      });
      yield sqs(described, queue.name);
      if (queue.deadLetter) yield sqs(`the dead-letter queue of ${described}`, queue.deadLetter.name);
      for (const deliveryDeadLetter of queue.deliveryDeadLetters) {
        yield sqs(`the SNS delivery dead-letter queue of ${described}`, deliveryDeadLetter.name);
      }
    }
  }
}
