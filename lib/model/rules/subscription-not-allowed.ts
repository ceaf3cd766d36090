import { accountOfArn } from '../naming';
import { formatKey } from '../keys';
import type { Queue, Subscription, Team, Topic } from '../types';
import type { Finding, Rule, RuleContext } from './rule';
import { at } from './rule';

/**
 * A topic's owner decides who receives its events. A subscription is made by the consuming
 * team's own request, so without this rule any team could read any topic, and could hand it to
 * a role of an allowed outside account.
 */
export const subscriptionNotAllowed: Rule = {
  code: 'subscription-not-allowed',
  severity: 'error',
  summary:
    "A queue subscribes only to topics that allow its team (the topic's subscribers, or the platform's topicAccess), and a queue with consumers outside the environments' accounts only to topics with externalSubscribers: true.",
  *check(context) {
    const busAccounts = new Set(
      context.model.platform.environments.map((environment) => environment.account),
    );
    for (const team of context.model.teams) {
      for (const queue of team.queues) {
        const outsiders = queue.consumers.filter((arn) => {
          const account = accountOfArn(arn);
          return account !== undefined && !busAccounts.has(account);
        });
        for (const subscription of queue.subscriptions) {
          const topic = context.topicsByKey.get(formatKey(subscription.topic));
          if (!topic) continue; // reported by unknown-topic
          yield* teamNotAllowed(context, team, subscription, topic);
          yield* outsidersNotAllowed(context, queue, outsiders, subscription, topic);
        }
      }
    }
  },
};

function* teamNotAllowed(
  context: RuleContext,
  team: Team,
  subscription: Subscription,
  topic: Topic,
): Iterable<Finding> {
  if (topic.subscribers === 'all' || topic.key.team === team.name || topic.subscribers.includes(team.name)) {
    return;
  }
  const listed = topic.subscribers.length === 0 ? 'no other team' : `only ${quoted(topic.subscribers)}`;
  yield {
    ...at(subscription.origin, ['topic']),
    message: `topic "${formatKey(topic.key)}" lets ${listed} subscribe, not team "${team.name}"`,
    hint: `ask ${ownerOf(context, topic)} to add "${team.name}" to the topic's subscribers in ${topic.origin.file}`,
  };
}

function* outsidersNotAllowed(
  context: RuleContext,
  queue: Queue,
  outsiders: readonly string[],
  subscription: Subscription,
  topic: Topic,
): Iterable<Finding> {
  if (outsiders.length === 0 || topic.externalSubscribers) return;
  yield {
    ...at(subscription.origin, ['topic']),
    message: `queue "${formatKey(queue.key)}" hands topic "${formatKey(topic.key)}" to ${quoted(outsiders)}, outside the environments' accounts, and the topic does not allow external subscribers`,
    hint: `ask ${ownerOf(context, topic)} to set "externalSubscribers: true" on the topic in ${topic.origin.file}`,
  };
}

function ownerOf({ teamsByName }: RuleContext, topic: Topic): string {
  const owner = teamsByName.get(topic.key.team)?.owner;
  return owner === undefined ? `team "${topic.key.team}"` : `team "${topic.key.team}" (${owner})`;
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
