import { formatKey } from '../keys';
import { DEAD_LETTER_SUFFIX, DELIVERY_DEAD_LETTER_SUFFIX, physicalName } from '../naming';
import type { Environment, Origin } from '../types';
import type { RuleContext } from './rule';

export interface GeneratedName {
  readonly service: 'sns' | 'sqs';
  /** What the name is for, in words: `queue "orders/shipping"`, `dead-letter queue of ...`. */
  readonly describes: string;
  readonly name: string;
  readonly environment: Environment;
  readonly origin: Origin;
}

/** Every AWS name the bus would create, per environment, including dead-letter queues. */
export function* generatedNames({ model, topicsByKey }: RuleContext): Iterable<GeneratedName> {
  const { platform } = model;
  for (const environment of platform.environments) {
    for (const team of model.teams) {
      for (const topic of team.topics) {
        if (!topic.environments.includes(environment.name)) continue;
        yield {
          service: 'sns',
          describes: `topic "${formatKey(topic.key)}"`,
          name: physicalName(platform, environment, topic.key, topic.fifo),
          environment,
          origin: topic.origin,
        };
      }
      for (const queue of team.queues) {
        if (!queue.environments.includes(environment.name)) continue;
        const described = `queue "${formatKey(queue.key)}"`;
        const sqs = (describes: string, fifo: boolean, suffix = ''): GeneratedName => ({
          service: 'sqs',
          describes,
          name: physicalName(platform, environment, queue.key, fifo, suffix),
          environment,
          origin: queue.origin,
        });
        yield sqs(described, queue.fifo);
        if (queue.deadLetter)
          yield sqs(`the dead-letter queue of ${described}`, queue.fifo, DEAD_LETTER_SUFFIX);
        const topicKinds = new Set(
          queue.subscriptions.map(
            (subscription) => topicsByKey.get(formatKey(subscription.topic))?.fifo ?? queue.fifo,
          ),
        );
        for (const fifo of [...topicKinds].sort()) {
          yield sqs(`the SNS delivery dead-letter queue of ${described}`, fifo, DELIVERY_DEAD_LETTER_SUFFIX);
        }
      }
    }
  }
}
