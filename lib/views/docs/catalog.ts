import { compareStrings } from '../../diagnostics';
import { describeFilterPolicy } from '../../filter-policy';
import {
  formatKey,
  type Environment,
  type EventBusModel,
  type PlatformSettings,
  type Queue,
  type QueuePlan,
  type StackPlan,
  type Subscription,
  type Team,
  type Topic,
  type TopicPlan,
} from '../../model';
import { eventTypesOf, receptionOf, type Reception } from './event-types';

/**
 * What the pages show, gathered once from the model and the stack plans: every list in the order
 * the pages print it, so rendering only formats.
 */
export interface Catalog {
  readonly platform: PlatformSettings;
  /** Environments with at least one planned stack, in name order. */
  readonly environments: readonly Environment[];
  /** Every team of the model, in name order. */
  readonly teams: readonly TeamEntry[];
  /** Event types in name order. */
  readonly eventTypes: readonly EventTypeEntry[];
}

export interface TeamEntry {
  readonly team: Team;
  /** Topics planned in at least one environment, in name order. */
  readonly topics: readonly TopicEntry[];
  /** Queues planned in at least one environment, in name order. */
  readonly queues: readonly QueueEntry[];
}

export interface Planned<P> {
  readonly environment: Environment;
  readonly plan: P;
}

export interface TopicEntry {
  readonly topic: Topic;
  /** In environment name order. */
  readonly plans: readonly Planned<TopicPlan>[];
  /** See `eventTypesOf`. */
  readonly eventTypes: readonly string[];
  /** Subscriptions to the topic, by queue. */
  readonly subscriptions: readonly SubscriptionEntry[];
}

export interface QueueEntry {
  readonly queue: Queue;
  /** In environment name order. */
  readonly plans: readonly Planned<QueuePlan>[];
  /** The queue's subscriptions, by topic. */
  readonly subscriptions: readonly SubscriptionEntry[];
}

export interface SubscriptionEntry {
  readonly subscription: Subscription;
  readonly topic: Topic;
  readonly queue: Queue;
  /** Environments whose plans create it, in name order. */
  readonly environments: readonly string[];
  /** The filter policy in words, one phrase per ANDed condition; absent when every message is delivered. */
  readonly filter?: readonly string[];
  /** The topic's event types this subscription can receive, in name order. */
  readonly eventTypes: readonly { readonly eventType: string; readonly reception: Reception }[];
}

export interface EventTypeEntry {
  readonly eventType: string;
  /** Topics that carry it, by key. */
  readonly topics: readonly TopicEntry[];
  /** Subscriptions that can receive it, by queue then topic. */
  readonly receivers: readonly { readonly subscription: SubscriptionEntry; readonly reception: Reception }[];
}

export function buildCatalog(model: EventBusModel, plans: readonly StackPlan[]): Catalog {
  const topicPlans = new Map<string, Planned<TopicPlan>[]>();
  const queuePlans = new Map<string, Planned<QueuePlan>[]>();
  const subscriptionEnvironments = new Map<string, string[]>();
  for (const stack of [...plans].sort((a, b) => compareStrings(a.name, b.name))) {
    for (const plan of stack.topics) {
      append(topicPlans, formatKey(plan.topic.key), { environment: stack.environment, plan });
    }
    for (const plan of stack.queues) {
      append(queuePlans, formatKey(plan.queue.key), { environment: stack.environment, plan });
      for (const { subscription } of plan.subscriptions) {
        append(subscriptionEnvironments, subscriptionKey(subscription), stack.environment.name);
      }
    }
  }

  const topics = new Map<string, Topic>();
  for (const team of model.teams) for (const topic of team.topics) topics.set(formatKey(topic.key), topic);
  const subscriptionsByTopic = new Map<string, Subscription[]>();
  for (const team of model.teams) {
    for (const queue of team.queues) {
      for (const subscription of queue.subscriptions) {
        if (subscriptionEnvironments.has(subscriptionKey(subscription))) {
          append(subscriptionsByTopic, formatKey(subscription.topic), subscription);
        }
      }
    }
  }
  const eventTypesByTopic = new Map(
    [...topics].map(([key, topic]) => [key, eventTypesOf(topic, subscriptionsByTopic.get(key) ?? [])]),
  );

  const subscriptionEntries = new Map<string, SubscriptionEntry>();
  for (const team of model.teams) {
    for (const queue of team.queues) {
      for (const subscription of queue.subscriptions) {
        const key = subscriptionKey(subscription);
        const environments = subscriptionEnvironments.get(key);
        if (!environments) continue;
        const filter = subscription.filterPolicy
          ? describeFilterPolicy(subscription.filterPolicy, subscription.filterScope)
          : undefined;
        subscriptionEntries.set(key, {
          subscription,
          topic: topics.get(formatKey(subscription.topic)) as Topic,
          queue,
          environments: [...new Set(environments)].sort(compareStrings),
          ...(filter ? { filter } : {}),
          eventTypes: (eventTypesByTopic.get(formatKey(subscription.topic)) ?? []).flatMap((eventType) => {
            const reception = receptionOf(subscription, eventType, model.platform);
            return reception ? [{ eventType, reception }] : [];
          }),
        });
      }
    }
  }
  const bySubscription = (a: SubscriptionEntry, b: SubscriptionEntry): number =>
    compareStrings(formatKey(a.queue.key), formatKey(b.queue.key)) ||
    compareStrings(formatKey(a.topic.key), formatKey(b.topic.key));
  const allSubscriptions = [...subscriptionEntries.values()].sort(bySubscription);

  const teams = model.teams.map((team): TeamEntry => ({
    team,
    topics: team.topics.flatMap((topic): TopicEntry[] => {
      const key = formatKey(topic.key);
      const planned = topicPlans.get(key);
      if (!planned) return [];
      return [
        {
          topic,
          plans: planned,
          eventTypes: eventTypesByTopic.get(key) ?? [],
          subscriptions: allSubscriptions.filter((entry) => formatKey(entry.topic.key) === key),
        },
      ];
    }),
    queues: team.queues.flatMap((queue): QueueEntry[] => {
      const key = formatKey(queue.key);
      const planned = queuePlans.get(key);
      if (!planned) return [];
      return [
        {
          queue,
          plans: planned,
          subscriptions: allSubscriptions
            .filter((entry) => formatKey(entry.queue.key) === key)
            .sort((a, b) => compareStrings(formatKey(a.topic.key), formatKey(b.topic.key))),
        },
      ];
    }),
  }));

  const topicEntries = teams.flatMap((team) => team.topics);
  const names = [...new Set(topicEntries.flatMap((entry) => entry.eventTypes))].sort(compareStrings);
  const eventTypes = names.map((eventType): EventTypeEntry => ({
    eventType,
    topics: topicEntries.filter((entry) => entry.eventTypes.includes(eventType)),
    receivers: allSubscriptions.flatMap((subscription) => {
      const found = subscription.eventTypes.find((candidate) => candidate.eventType === eventType);
      return found ? [{ subscription, reception: found.reception }] : [];
    }),
  }));

  const planned = new Set(plans.map((stack) => stack.environment.name));
  return {
    platform: model.platform,
    environments: model.platform.environments.filter((environment) => planned.has(environment.name)),
    teams,
    eventTypes,
  };
}

/** A queue subscribes to a topic at most once (duplicate-subscription). */
function subscriptionKey(subscription: Subscription): string {
  return `${formatKey(subscription.queue)} ${formatKey(subscription.topic)}`;
}

function append<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
