import { eventsFilterPath } from '../build';
import type { Rule } from './rule';
import { at } from './rule';

/**
 * `events:` becomes one filter condition on the event type: on the platform's event-type message
 * attribute, or, for body filters, on the platform's event-type body field. It cannot apply where
 * the platform names no body field, nor where the filter already constrains that same place
 * (a JSON object holds a key once).
 */
export const eventsFilterConflict: Rule = {
  code: 'events-filter-conflict',
  severity: 'error',
  summary:
    "`events` applies where the event type lives (the event-type attribute, or the platform's eventTypeBodyField for body filters) and the filter does not already constrain it.",
  *check({ model, requests }) {
    const { platform } = model;
    for (const file of requests) {
      for (const [queueName, queue] of Object.entries(file.request.queues ?? {})) {
        for (const [index, subscription] of (queue.subscriptions ?? []).entries()) {
          if (!subscription.events) continue;
          const origin = {
            file: file.file,
            relativePath: file.relativePath,
            path: ['queues', queueName, 'subscriptions', index],
          };
          const scope = subscription.filterScope ?? 'MessageAttributes';
          const path = eventsFilterPath(platform, scope);
          if (!path) {
            yield {
              ...at(origin, ['events']),
              message:
                '"events" cannot filter a message body: the platform config does not say where bodies carry the event type',
              hint: 'remove "events" and filter the body\'s own event-type field in "filter" instead, or ask the infrastructure team to set eventTypeBodyField in the platform config',
            };
            continue;
          }
          const blocked = blockingPrefix(subscription.filter ?? {}, path);
          if (blocked) {
            yield {
              ...at(origin, ['filter', ...blocked], 'key'),
              message: `"filter" already constrains "${path.join('.')}", where "events" puts its event types`,
              hint: `remove "${blocked.join('.')}" from "filter" and keep the event types in "events", or remove "events" and list the event types under "${path.join('.')}" in "filter"`,
            };
          }
        }
      }
    }
  },
};

/** The part of `path` the filter already holds as a value (not an object to extend), if any. */
function blockingPrefix(
  filter: Readonly<Record<string, unknown>>,
  path: readonly string[],
): string[] | undefined {
  let node: unknown = filter;
  for (const [depth, key] of path.entries()) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return path.slice(0, depth);
    if (!Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (depth === path.length - 1) return path.slice(0, depth + 1);
  }
  return undefined;
}
