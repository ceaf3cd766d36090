import { formatKey } from '../keys';
import type { Queue, Subscription, Topic } from '../types';
import type { Finding, Rule, RuleContext } from './rule';
import { at, oncePerContext } from './rule';

type ResolvedSubscription = { queue: Queue; subscription: Subscription; topic: Topic };

/** Every subscription whose topic resolves, with that topic. */
export const resolvedSubscriptions: (context: RuleContext) => readonly ResolvedSubscription[] =
  oncePerContext((context) => {
    const resolved: ResolvedSubscription[] = [];
    for (const team of context.model.teams) {
      for (const queue of team.queues) {
        for (const subscription of queue.subscriptions) {
          const topic = context.topicsByKey.get(formatKey(subscription.topic));
          if (topic) resolved.push({ queue, subscription, topic });
        }
      }
    }
    return resolved;
  });

export type SubscriptionCheck = (
  found: { queue: Queue; subscription: Subscription; topic: Topic },
  context: RuleContext,
) => Iterable<Finding>;

/** A rule over every resolved subscription. */
export function subscriptionRule(rule: Omit<Rule, 'check'>, check: SubscriptionCheck): Rule {
  return {
    ...rule,
    *check(context) {
      for (const found of resolvedSubscriptions(context)) yield* check(found, context);
    },
  };
}

export { at };
