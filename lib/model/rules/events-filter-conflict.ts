import type { Rule } from './rule';
import { at } from './rule';

/**
 * `events:` becomes a filter key on the platform's event-type message attribute. It cannot also
 * be written in `filter` (one JSON key), and it cannot apply to a message-body filter.
 */
export const eventsFilterConflict: Rule = {
  code: 'events-filter-conflict',
  severity: 'error',
  summary: '`events` is not combined with a filter on the same attribute, nor with `filterScope: MessageBody`.',
  *check({ model, requests }) {
    const attribute = model.platform.eventTypeAttribute;
    for (const file of requests) {
      for (const [queueName, queue] of Object.entries(file.request.queues ?? {})) {
        for (const [index, subscription] of (queue.subscriptions ?? []).entries()) {
          if (!subscription.events) continue;
          const origin = { file: file.file, relativePath: file.relativePath, path: ['queues', queueName, 'subscriptions', index] };
          if (subscription.filterScope === 'MessageBody') {
            yield {
              ...at(origin, ['events']),
              message: '"events" filters on a message attribute, but this subscription filters the message body',
              hint: `drop "events" and filter the body's event-type field in "filter", or use filterScope: MessageAttributes`,
            };
          } else if (subscription.filter && Object.hasOwn(subscription.filter, attribute)) {
            yield {
              ...at(origin, ['filter', attribute], 'key'),
              message: `"filter" names the event-type attribute "${attribute}" that "events" already filters on`,
              hint: `list the event types in "events" only, or move them into "filter.${attribute}" and drop "events"`,
            };
          }
        }
      }
    }
  },
};
