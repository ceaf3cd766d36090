import type { RequestFile, SubscriptionInput } from '../../request';
import { formatKey } from '../keys';
import type { Origin, Subscription } from '../types';
import type { Rule } from './rule';
import { at } from './rule';

/** A merged filter longer than this is described rather than printed in the hint. */
const MAX_PRINTED_FILTER = 300;

/** SNS keeps one subscription per topic and endpoint: a second one would be the same resource. */
export const duplicateSubscription: Rule = {
  code: 'duplicate-subscription',
  severity: 'error',
  summary: 'A queue subscribes to each topic once.',
  source: 'Amazon SNS API Reference, Subscribe: the same endpoint and topic return the same subscription',
  *check({ model, requests }) {
    for (const team of model.teams) {
      for (const queue of team.queues) {
        const seen = new Map<string, Subscription>();
        for (const subscription of queue.subscriptions) {
          const topic = formatKey(subscription.topic);
          const earlier = seen.get(topic);
          if (!earlier) {
            seen.set(topic, subscription);
            continue;
          }
          yield {
            ...at(subscription.origin, ['topic']),
            message: `queue "${formatKey(queue.key)}" already subscribes to topic "${topic}"`,
            hint: mergeHint(
              { model: earlier, written: written(requests, earlier.origin) },
              { model: subscription, written: written(requests, subscription.origin) },
            ),
          };
        }
      }
    }
  },
};

interface Both {
  readonly model: Subscription;
  readonly written: SubscriptionInput | undefined;
}

/**
 * One subscription that receives what the two did: SNS ANDs `events` with the filter, so two
 * sets of conditions become one only as the branches of an `$or` (or one list of events).
 */
function mergeHint(earlier: Both, later: Both): string {
  if (earlier.model.filterScope !== later.model.filterScope) {
    return `keep one of them: a subscription filters one scope, so the ${later.model.filterScope} filter needs a second queue subscribed to the topic`;
  }
  const receivesAll = (subscription: Both): boolean => subscription.model.filterPolicy === undefined;
  if (receivesAll(earlier)) return 'remove this subscription: the earlier one already receives every message';
  if (receivesAll(later)) {
    return 'remove the earlier subscription: this one already receives every message';
  }
  const earlierEvents = earlier.written?.filter === undefined ? earlier.model.events : undefined;
  const laterEvents = later.written?.filter === undefined ? later.model.events : undefined;
  if (earlierEvents && laterEvents) {
    const events = [...new Set([...earlierEvents, ...laterEvents])];
    return `remove this subscription and list its events in the earlier one: events: [${events.join(', ')}]`;
  }
  const branches = [earlier.model.filterPolicy, later.model.filterPolicy];
  if (JSON.stringify(branches[0]) === JSON.stringify(branches[1])) {
    return 'remove this subscription: the earlier one has the same filter';
  }
  const merged = JSON.stringify({ $or: branches });
  return merged.length <= MAX_PRINTED_FILTER
    ? `remove this subscription, and give the earlier one no "events" and the filter ${merged}`
    : 'remove this subscription, and give the earlier one no "events" and a filter "$or" of two branches: each subscription\'s filter with its events written as the event-type key';
}

/** The subscription as its file writes it, to tell `events` from a written `filter`. */
function written(requests: readonly RequestFile[], origin: Origin): SubscriptionInput | undefined {
  const [, queueName, , index] = origin.path;
  const file = requests.find((candidate) => candidate.file === origin.file);
  if (typeof queueName !== 'string' || typeof index !== 'number') return undefined;
  return file?.request.queues?.[queueName]?.subscriptions?.[index];
}
