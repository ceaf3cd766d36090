import type { Rule } from './rule';
import { at } from './rule';

/** Content-based deduplication is a FIFO attribute: SNS and SQS reject it on standard resources. */
export const contentDeduplicationNeedsFifo: Rule = {
  code: 'content-deduplication-needs-fifo',
  severity: 'error',
  summary: '`contentBasedDeduplication` is only set on FIFO topics and queues.',
  source: 'Amazon SNS API Reference, CreateTopic; Amazon SQS API Reference, CreateQueue',
  *check({ model }) {
    for (const team of model.teams) {
      for (const [kind, resources] of [
        ['topic', team.topics],
        ['queue', team.queues],
      ] as const) {
        for (const resource of resources) {
          if (!resource.contentBasedDeduplication || resource.fifo) continue;
          yield {
            ...at(resource.origin, ['contentBasedDeduplication']),
            message: `${kind} "${team.name}/${resource.key.name}" is not FIFO, but contentBasedDeduplication only applies to FIFO ${kind}s`,
            hint: `set "fifo: true", or remove contentBasedDeduplication`,
          };
        }
      }
    }
  },
};
