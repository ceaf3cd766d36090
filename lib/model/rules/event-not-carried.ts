import { formatKey } from '../keys';
import type { Topic } from '../types';
import { at, subscriptionRule } from './subscription-rules';
import { didYouMean } from '../../request/suggest';

/** A filter on an event type the topic never carries would silently match nothing. */
export const eventNotCarried = subscriptionRule(
  {
    code: 'event-not-carried',
    severity: 'error',
    summary: "A subscription's `events` are among the events its topic lists, when the topic lists them.",
  },
  function* ({ subscription, topic }) {
    if (!topic.events || !subscription.events) return;
    for (const [index, event] of subscription.events.entries()) {
      if (topic.events.includes(event)) continue;
      yield {
        ...at(subscription.origin, ['events', index]),
        message: `topic "${formatKey(topic.key)}" does not carry event "${event}" (it carries ${topic.events.join(', ')})`,
        hint: hintFor(event, subscription.events, topic),
      };
    }
  },
);

function hintFor(event: string, events: readonly string[], topic: Topic): string {
  const carried = topic.events ?? [];
  const suggestion = didYouMean(event, carried);
  // A list holds each event once (the schema's uniqueItems), so a suggestion already listed is a removal.
  if (suggestion !== undefined && events.includes(suggestion)) {
    return `remove "${event}": "${suggestion}" is listed already`;
  }
  if (suggestion !== undefined) return `did you mean "${suggestion}"?`;
  const ask = `ask team "${topic.key.team}" to add "${event}" to the topic's events`;
  // An empty events list is not a request the schema accepts.
  return events.length > 1
    ? `remove "${event}" from events, or ${ask}`
    : `name one of the topic's events instead (${carried.join(', ')}), or ${ask}`;
}
