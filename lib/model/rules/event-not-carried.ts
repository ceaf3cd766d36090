import { formatKey } from '../keys';
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
      const suggestion = didYouMean(event, topic.events);
      yield {
        ...at(subscription.origin, ['events', index]),
        message: `topic "${formatKey(topic.key)}" does not carry event "${event}" (it carries ${topic.events.join(', ')})`,
        hint: suggestion
          ? `did you mean "${suggestion}"?`
          : "remove the event, or ask the topic's team to add it",
      };
    }
  },
);
