import { formatKey } from '../keys';
import type { Queue } from '../types';
import type { Rule, RuleContext } from './rule';
import { at } from './rule';

/** Content-based deduplication is a FIFO attribute: SNS and SQS reject it on standard resources. */
export const contentDeduplicationNeedsFifo: Rule = {
  code: 'content-deduplication-needs-fifo',
  severity: 'error',
  summary: '`contentBasedDeduplication` is only set on FIFO topics and queues.',
  source: 'Amazon SNS API Reference, CreateTopic; Amazon SQS API Reference, CreateQueue',
  *check(context) {
    for (const team of context.model.teams) {
      for (const [kind, resources] of [
        ['topic', team.topics],
        ['queue', team.queues],
      ] as const) {
        for (const resource of resources) {
          if (!resource.contentBasedDeduplication || resource.fifo) continue;
          const standardTopic =
            'subscriptions' in resource ? subscribedStandardTopic(context, resource) : undefined;
          yield {
            ...at(resource.origin, ['contentBasedDeduplication']),
            message: `${kind} "${team.name}/${resource.key.name}" is not FIFO, but contentBasedDeduplication only applies to FIFO ${kind}s`,
            hint:
              standardTopic === undefined
                ? `set "fifo: true" (the change replaces the ${kind}), or remove contentBasedDeduplication`
                : `remove contentBasedDeduplication (a FIFO queue could not subscribe to standard topic "${standardTopic}")`,
          };
        }
      }
    }
  },
};

/** A standard topic the queue subscribes to, which a FIFO queue could not (fifo-mismatch). */
function subscribedStandardTopic({ topicsByKey }: RuleContext, queue: Queue): string | undefined {
  for (const subscription of queue.subscriptions) {
    const topic = topicsByKey.get(formatKey(subscription.topic));
    if (topic && !topic.fifo) return formatKey(topic.key);
  }
  return undefined;
}
