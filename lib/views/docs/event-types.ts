import { compareStrings } from '../../diagnostics';
import { canMatchValueAt } from '../../filter-policy';
import { eventsFilterPath, type PlatformSettings, type Subscription, type Topic } from '../../model';

/**
 * The event types a topic carries: those it lists, or, when it lists none, those its subscribers
 * select with `events` (the only other place the requests name event types).
 */
export function eventTypesOf(topic: Topic, subscriptions: readonly Subscription[]): string[] {
  if (topic.events) return [...topic.events].sort(compareStrings);
  const selected = subscriptions.flatMap((subscription) => subscription.events ?? []);
  return [...new Set(selected)].sort(compareStrings);
}

/**
 * `receives`: the subscription's filter can let the event type through (or it has none).
 * `undecided`: it filters the message body, and the platform config names no eventTypeBodyField,
 * so where the body holds the event type is unknown.
 */
export type Reception = 'receives' | 'undecided';

/**
 * Whether a subscription can receive an event type: its filter's conditions on the event type's
 * place (the platform's event-type attribute, or its body field for body filters) are evaluated
 * as SNS evaluates them, with a message that carries the event type there. Undefined when the
 * filter refuses it.
 */
export function receptionOf(
  subscription: Subscription,
  eventType: string,
  platform: PlatformSettings,
): Reception | undefined {
  if (!subscription.filterPolicy) return 'receives';
  const place = eventsFilterPath(platform, subscription.filterScope);
  if (!place) return 'undecided';
  return canMatchValueAt(subscription.filterPolicy, subscription.filterScope, place, eventType)
    ? 'receives'
    : undefined;
}
