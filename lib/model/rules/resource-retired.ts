import { formatKey } from '../keys';
import type { Subscription } from '../types';
import type { Finding, Rule, RuleContext } from './rule';
import { at } from './rule';

/**
 * A retired entry is a step, not a state: once the change is applied, Terraform no longer holds
 * the resource, and the entry only waits for someone to drain and delete it in AWS and remove it.
 * A live queue still subscribed to a retired topic keeps receiving from it, but loses it once
 * the topic's entry is removed.
 */
export const resourceRetired: Rule = {
  code: 'resource-retired',
  severity: 'warning',
  summary:
    'Retired topics and queues, and subscriptions to retired topics, are reported until they are cleaned up.',
  *check(context) {
    for (const team of context.model.teams) {
      for (const topic of team.topics) {
        if (!topic.retired) continue;
        yield {
          ...at(topic.origin, ['retired']),
          message: `topic "${formatKey(topic.key)}" is retired: Terraform forgets it, its policy and its key, and AWS keeps them`,
          hint: 'once this change is applied, delete the topic in AWS when its subscribers have moved, then remove the entry',
        };
      }
      for (const queue of team.queues) {
        if (queue.retired) {
          yield {
            ...at(queue.origin, ['retired']),
            message: `queue "${formatKey(queue.key)}" is retired: Terraform forgets it, its dead-letter queues, subscriptions, policies and key, and AWS keeps them with their messages`,
            hint: 'once this change is applied, drain the queue and its dead-letter queues, delete them in AWS, then remove the entry',
          };
          continue;
        }
        yield* subscriptionsToRetiredTopics(context, queue.subscriptions);
      }
    }
  },
};

function* subscriptionsToRetiredTopics(
  { topicsByKey }: RuleContext,
  subscriptions: readonly Subscription[],
): Iterable<Finding> {
  for (const subscription of subscriptions) {
    const topic = topicsByKey.get(formatKey(subscription.topic));
    if (!topic?.retired) continue;
    yield {
      ...at(subscription.origin, ['topic']),
      message: `queue "${formatKey(subscription.queue)}" subscribes to retired topic "${formatKey(topic.key)}": it receives from it only until the topic's entry is removed`,
      hint: `subscribe to the topic that replaces "${formatKey(topic.key)}" (ask ${topic.origin.file}'s owners), then remove this subscription`,
    };
  }
}
