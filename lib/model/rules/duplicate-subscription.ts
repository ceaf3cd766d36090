import { formatKey } from '../keys';
import type { Rule } from './rule';
import { at } from './rule';

/** SNS keeps one subscription per topic and endpoint: a second one would be the same resource. */
export const duplicateSubscription: Rule = {
  code: 'duplicate-subscription',
  severity: 'error',
  summary: 'A queue subscribes to each topic once.',
  source: 'Amazon SNS API Reference, Subscribe: the same endpoint and topic return the same subscription',
  *check({ model }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        const seen = new Set<string>();
        for (const subscription of queue.subscriptions) {
          const topic = formatKey(subscription.topic);
          if (!seen.has(topic)) {
            seen.add(topic);
            continue;
          }
          yield {
            ...at(subscription.origin, ['topic']),
            message: `queue "${formatKey(queue.key)}" already subscribes to topic "${topic}"`,
            hint: 'merge the two subscriptions: list both event sets, or join the filters with "$or"',
          };
        }
      }
    }
  },
};
